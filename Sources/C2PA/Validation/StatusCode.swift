/// A validation status code: C2PA 2.2 §15.2 codes, the reference's extra spellings, and the CAWG
/// identity assertion codes (CAWG identity 1.1 §4.7, `cawg.*`).
///
/// A typed value rather than a bare string, so every code the verifier can emit is named once here;
/// it encodes as its string (`"claimSignature.validated"`), which is what reports and the JSON contracts carry.
public struct StatusCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The code as written in reports.
    public let rawValue: String

    /// A code from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A code from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Decodes a code from its string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the code as its string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The code's string.
    public var description: String { rawValue }

    /// Whether this is a CAWG identity code (`cawg.*`), governed by the CAWG specification rather than C2PA.
    public var isCAWG: Bool { rawValue.hasPrefix("cawg.") }

    /// Whether this is a CAWG identity-claims-aggregation code (`cawg.ica.*`), which the reference lets
    /// fail the manifest (``ReferenceRule/cawgIdentityFailures``).
    public var isIdentityClaimsAggregation: Bool { rawValue.hasPrefix("cawg.ica.") }

    /// The claim signature verified.
    public static let claimSignatureValidated: StatusCode = "claimSignature.validated"
    /// The signing time lies inside the signer certificate's validity.
    public static let claimSignatureInsideValidity: StatusCode = "claimSignature.insideValidity"
    /// The signing time lies outside the signer certificate's validity (C2PA 2.2 name).
    public static let claimSignatureOutsideValidity: StatusCode = "claimSignature.outsideValidity"
    /// The claim signature did not verify.
    public static let claimSignatureMismatch: StatusCode = "claimSignature.mismatch"
    /// The claim signature box is missing.
    public static let claimSignatureMissing: StatusCode = "claimSignature.missing"
    /// The signer chains to a trust anchor or is directly trusted.
    public static let signingCredentialTrusted: StatusCode = "signingCredential.trusted"
    /// The signer is not trusted.
    public static let signingCredentialUntrusted: StatusCode = "signingCredential.untrusted"
    /// The signer certificate violates the certificate profile.
    public static let signingCredentialInvalid: StatusCode = "signingCredential.invalid"
    /// The signer certificate was expired or not yet valid (spec 1.4 name, used by the reference).
    public static let signingCredentialExpired: StatusCode = "signingCredential.expired"
    /// OCSP was not checked.
    public static let ocspSkipped: StatusCode = "signingCredential.ocsp.skipped"
    /// The signature algorithm is not supported.
    public static let algorithmUnsupported: StatusCode = "algorithm.unsupported"
    /// The claim is missing.
    public static let claimMissing: StatusCode = "claim.missing"
    /// The claim CBOR is malformed.
    public static let claimCBORInvalid: StatusCode = "claim.cbor.invalid"
    /// The claim is malformed.
    public static let claimMalformed: StatusCode = "claim.malformed"
    /// No hard binding assertion.
    public static let hardBindingsMissing: StatusCode = "claim.hardBindings.missing"
    /// An assertion's hash matches its reference.
    public static let hashedURIMatch: StatusCode = "assertion.hashedURI.match"
    /// An assertion's hash does not match its reference.
    public static let hashedURIMismatch: StatusCode = "assertion.hashedURI.mismatch"
    /// A referenced assertion is missing.
    public static let assertionMissing: StatusCode = "assertion.missing"
    /// An assertion's CBOR is malformed.
    public static let assertionCBORInvalid: StatusCode = "assertion.cbor.invalid"
    /// An assertion in the assertion store is not referenced by the claim.
    public static let assertionUndeclared: StatusCode = "assertion.undeclared"
    /// A referenced assertion was redacted by a later manifest.
    public static let assertionRedacted: StatusCode = "assertion.redacted"
    /// A required assertion is missing (reference extra).
    public static let assertionRequiredMissing: StatusCode = "assertion.required.missing"
    /// The data hash matches.
    public static let dataHashMatch: StatusCode = "assertion.dataHash.match"
    /// The data hash does not match.
    public static let dataHashMismatch: StatusCode = "assertion.dataHash.mismatch"
    /// The data hash assertion is malformed.
    public static let dataHashMalformed: StatusCode = "assertion.dataHash.malformed"
    /// The boxes hash matches.
    public static let boxesHashMatch: StatusCode = "assertion.boxesHash.match"
    /// The boxes hash does not match.
    public static let boxesHashMismatch: StatusCode = "assertion.boxesHash.mismatch"
    /// An ingredient assertion is malformed (for example a v3 ingredient without `validationResults`).
    public static let assertionIngredientMalformed: StatusCode = "assertion.ingredient.malformed"
    /// A manifest has more than one `parentOf` ingredient.
    public static let manifestMultipleParents: StatusCode = "manifest.multipleParents"
    /// An update manifest carries an assertion or action it may not (hard binding, claim thumbnail,
    /// an action outside the update list, a second ingredient).
    public static let manifestUpdateInvalid: StatusCode = "manifest.update.invalid"
    /// An update manifest has no `parentOf` ingredient, or more than one.
    public static let manifestUpdateWrongParents: StatusCode = "manifest.update.wrongParents"
    /// An ingredient's manifest is not in the store.
    public static let ingredientManifestMissing: StatusCode = "ingredient.manifest.missing"
    /// An ingredient's manifest hash does not match.
    public static let ingredientManifestMismatch: StatusCode = "ingredient.manifest.mismatch"
    /// An ingredient's manifest hash matches.
    public static let ingredientManifestValidated: StatusCode = "ingredient.manifest.validated"
    /// An ingredient's claim signature hash matches.
    public static let ingredientClaimSignatureValidated: StatusCode = "ingredient.claimSignature.validated"
    /// An ingredient's claim signature hash does not match.
    public static let ingredientClaimSignatureMismatch: StatusCode = "ingredient.claimSignature.mismatch"
    /// A time-stamp validated.
    public static let timeStampValidated: StatusCode = "timeStamp.validated"
    /// A time-stamp authority chains to a trust anchor.
    public static let timeStampTrusted: StatusCode = "timeStamp.trusted"
    /// A time-stamp is not trusted.
    public static let timeStampUntrusted: StatusCode = "timeStamp.untrusted"
    /// A time-stamp does not match the signature.
    public static let timeStampMismatch: StatusCode = "timeStamp.mismatch"
    /// A time-stamp is malformed.
    public static let timeStampMalformed: StatusCode = "timeStamp.malformed"
    /// An action is malformed.
    public static let actionMalformed: StatusCode = "assertion.action.malformed"
    /// An action does not name the ingredients its kind requires.
    public static let actionIngredientMismatch: StatusCode = "assertion.action.ingredientMismatch"
    /// A general error.
    public static let generalError: StatusCode = "general.error"
    /// More than one manifest store or claim.
    public static let claimMultiple: StatusCode = "claim.multiple"

    // MARK: CAWG identity assertion (CAWG identity 1.1 §4.7; emitted by IdentityValidator)

    /// An X.509 identity credential's signature verified.
    public static let cawgX509SignatureValidated: StatusCode = "cawg.x509.signature.validated"
    /// An X.509 identity credential's signature did not verify.
    public static let cawgX509SignatureMismatch: StatusCode = "cawg.x509.signature.mismatch"
    /// The identity credential is not a usable COSE_Sign1.
    public static let cawgX509CoseInvalid: StatusCode = "cawg.x509.cose.invalid"
    /// The identity credential's signer is not on a CAWG trust list (none is configured).
    public static let cawgX509CredentialUntrusted: StatusCode = "cawg.x509.credential.untrusted"
    /// The identity assertion is well formed.
    public static let cawgIdentityWellFormed: StatusCode = "cawg.identity.well-formed"
    /// The identity assertion's signature type is unknown.
    public static let cawgIdentitySigTypeUnknown: StatusCode = "cawg.identity.sig_type.unknown"
    /// The identity assertion's padding is not zero bytes.
    public static let cawgIdentityPadInvalid: StatusCode = "cawg.identity.pad.invalid"
    /// The identity assertion references an assertion twice.
    public static let cawgIdentityAssertionDuplicate: StatusCode = "cawg.identity.assertion.duplicate"
    /// The identity assertion's referenced assertions do not match the claim's.
    public static let cawgIdentityAssertionMismatch: StatusCode = "cawg.identity.assertion.mismatch"
    /// The identity assertion does not reference the hard binding.
    public static let cawgIdentityHardBindingMissing: StatusCode = "cawg.identity.hard_binding_missing"
    /// An identity-claims-aggregation time-stamp validated.
    public static let cawgICATimeStampValidated: StatusCode = "cawg.ica.time_stamp.validated"
    /// An identity-claims-aggregation time-stamp is invalid.
    public static let cawgICATimeStampInvalid: StatusCode = "cawg.ica.time_stamp.invalid"
    /// The aggregation credential's algorithm is missing or unsupported.
    public static let cawgICAInvalidAlg: StatusCode = "cawg.ica.invalid_alg"
    /// The aggregation credential's content type is missing or wrong.
    public static let cawgICAInvalidContentType: StatusCode = "cawg.ica.invalid_content_type"
    /// The aggregation credential is not a valid verifiable credential.
    public static let cawgICAInvalidVerifiableCredential: StatusCode = "cawg.ica.invalid_verifiable_credential"
    /// The aggregation credential's COSE_Sign1 is malformed.
    public static let cawgICAInvalidCoseSign1: StatusCode = "cawg.ica.invalid_cose_sign1"
    /// The aggregation credential's issuer is not a usable DID.
    public static let cawgICAInvalidIssuer: StatusCode = "cawg.ica.invalid_issuer"
    /// The issuer's DID document could not be resolved (offline).
    public static let cawgICADIDUnavailable: StatusCode = "cawg.ica.did_unavailable"
    /// The aggregation credential's signature does not verify.
    public static let cawgICASignatureMismatch: StatusCode = "cawg.ica.signature_mismatch"
    /// The aggregation credential's signer payload does not match the assertion.
    public static let cawgICASignerPayloadMismatch: StatusCode = "cawg.ica.signer_payload.mismatch"
    /// The aggregation credential has no validFrom.
    public static let cawgICAValidFromMissing: StatusCode = "cawg.ica.valid_from.missing"
    /// The aggregation credential's validFrom is in the future or after its time-stamp.
    public static let cawgICAValidFromInvalid: StatusCode = "cawg.ica.valid_from.invalid"
    /// The aggregation credential's validUntil has passed.
    public static let cawgICAValidUntilInvalid: StatusCode = "cawg.ica.valid_until.invalid"
    /// The aggregation credential's issuer is not trusted (informational).
    public static let cawgICAUntrustedIssuer: StatusCode = "cawg.ica.untrusted_issuer"
    /// The aggregation credential verified.
    public static let cawgICACredentialValid: StatusCode = "cawg.ica.credential_valid"
}
