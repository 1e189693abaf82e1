/// The places where this verifier follows the reference implementation (c2pa-rs 0.91.3, read through
/// c2pa-python 0.38.1) rather than the letter of the C2PA 2.2 specification, or where the
/// specification leaves a choice. Each case names the rule; its documentation gives the spec section
/// and the reference behaviour. Code that applies a rule cites the case, and
/// `docs/c2pa-conformance.md` lists them with their sources.
public enum ReferenceRule: String, Sendable, CaseIterable {
    /// Expired or not-yet-valid signers are reported under both names: `claimSignature.outsideValidity`
    /// (C2PA 2.2 §15.7) and `signingCredential.expired` (C2PA 1.4 §14.6, which c2pa-rs still emits).
    case expiredSignerCodes

    /// `signingCredential.untrusted` is a failure code that leaves the state `valid` (C2PA 2.2 §15.4
    /// valid manifest; c2pa-rs `is_tolerated_manifest_failure_code`).
    case untrustedIsFailure

    /// Without a trust configuration the accepted signer EKUs are c2pa-rs `valid_eku_oids.cfg`:
    /// emailProtection, documentSigning, timeStamping, OCSPSigning, c2pa-kp-claimSigning
    /// (C2PA 2.2 §14.5.1 names the C2PA claim-signing EKU and lets trust lists add others).
    case builtInEKUList

    /// Claim v1 manifests keep c2pa-rs's legacy time-stamp grace: their token's time is used without
    /// checking the time-stamp authority (c2pa-rs `Claim::verify_claim` turns `verify_timestamp_trust`
    /// off for claim version 1). Claim v2 follows C2PA 2.2 §15.7: only a trusted authority's time is
    /// used. Guard of ours: such a token never makes a signer that is outside its validity now `trusted`.
    /// Off with ``TrustSettings/legacyTimeStampGrace``.
    case claimV1TimeStampGrace

    /// An `x5chain` only in the unprotected COSE header is read (C2PA 1.x writers put it there; c2pa-rs
    /// `cert_chain_from_sign1`). It is not covered by the signature, and C2PA 2.2 §14.6 requires the
    /// protected header, so a claim v2 manifest is never trusted on it. Claim v1 manifests keep the
    /// reference's acceptance while ``TrustSettings/legacyUnprotectedCertificateChain`` is on (default).
    case unprotectedCertificateChain

    /// The signer certificate profile is the one c2pa-rs `check_certificate_profile` enforces for
    /// C2PA 2.2 §14.5.1: an authority key identifier on every signer, a key usage with digitalSignature
    /// or nonRepudiation, timeStamping/OCSPSigning EKUs only alone, no unique identifiers, no unknown
    /// critical extension.
    case signerProfile

    /// Failures found in ingredient manifests now, minus those recorded in ingredient assertions,
    /// are ingredient deltas (C2PA 2.2 §15.11.3.3): any non-tolerated delta makes the asset `invalid`,
    /// an untrusted ingredient signer keeps it from `trusted` (c2pa-rs `validation_state`). They are
    /// not listed among the active manifest's own failures, as in the reference's JSON.
    case ingredientDeltas

    /// The data-hash exclusion must equal the manifest store's exact location (C2PA 2.2 §15.12.1.2;
    /// c2pa-rs 0.91 PRs #2643, #2653).
    case dataHashExclusionExact

    /// `cawg.ica.*` identity-claims-aggregation failures make the manifest `invalid`; other `cawg.*`
    /// failures do not (CAWG identity 1.x; c2pa-rs issue #2247).
    case cawgIdentityFailures

    /// A remote-only manifest, an unknown algorithm, pre-1.0 relative URIs, a signature without a
    /// certificate chain and an assertion the claim does not reference (`assertion.undeclared`,
    /// C2PA 2.2 §15.10.3) are read errors (`error`), not `invalid`, as in the reference
    /// (c2pa-rs `RemoteManifestFetch`, `UnknownAlgorithm`, `PrereleaseError`,
    /// `MissingSigningCertificateChain`, `AssertionMissing` from `verify_internal`).
    case readErrors

    /// Update manifests follow C2PA 2.2 §11.2 and the §15.2 code definitions (``UpdateManifestRules``),
    /// not c2pa-rs 0.91, which never flags a hard binding inside an update manifest, flags claim
    /// thumbnails only from the second one on, and names two `parentOf` ingredients
    /// `manifest.update.invalid` where the code table says `manifest.update.wrongParents`. An update
    /// manifest with its own hard binding or a second, non-parent ingredient is therefore `invalid`
    /// here where the reference finds no fault of that kind (docs/c2pa-conformance.md, "Crafted
    /// fixtures against the reference").
    case updateManifestRules

    /// Every superbox of a manifest store must be requestable and labelled (description toggles 0x03):
    /// C2PA finds boxes through JUMBF URIs, which address requestable boxes by label (ISO/IEC 19566-5),
    /// and c2pa-rs refuses to read a store with any other description box (`read_desc_box`). A store with
    /// such a box is a read error (`error`, `jumbf`), as in the reference.
    case addressableSuperboxes

    /// `claimSignature.insideValidity` is reported only when the signing time is inside the signer's
    /// validity (C2PA 2.2 §15.7).
    case insideValidityOnlyWhenInside
}
