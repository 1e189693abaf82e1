/// C2PA validation status codes (C2PA 2.2 §15.2) and the reference's extra spellings.
public enum StatusCode {
    /// The claim signature verified.
    public static let claimSignatureValidated = "claimSignature.validated"
    /// The signing time lies inside the signer certificate's validity.
    public static let claimSignatureInsideValidity = "claimSignature.insideValidity"
    /// The signing time lies outside the signer certificate's validity (C2PA 2.2 name).
    public static let claimSignatureOutsideValidity = "claimSignature.outsideValidity"
    /// The claim signature did not verify.
    public static let claimSignatureMismatch = "claimSignature.mismatch"
    /// The claim signature box is missing.
    public static let claimSignatureMissing = "claimSignature.missing"
    /// The signer chains to a trust anchor or is directly trusted.
    public static let signingCredentialTrusted = "signingCredential.trusted"
    /// The signer is not trusted.
    public static let signingCredentialUntrusted = "signingCredential.untrusted"
    /// The signer certificate violates the certificate profile.
    public static let signingCredentialInvalid = "signingCredential.invalid"
    /// The signer certificate was expired or not yet valid (spec 1.4 name, used by the reference).
    public static let signingCredentialExpired = "signingCredential.expired"
    /// OCSP was not checked.
    public static let ocspSkipped = "signingCredential.ocsp.skipped"
    /// The signature algorithm is not supported.
    public static let algorithmUnsupported = "algorithm.unsupported"
    /// The claim is missing.
    public static let claimMissing = "claim.missing"
    /// The claim CBOR is malformed.
    public static let claimCBORInvalid = "claim.cbor.invalid"
    /// The claim is malformed.
    public static let claimMalformed = "claim.malformed"
    /// No hard binding assertion.
    public static let hardBindingsMissing = "claim.hardBindings.missing"
    /// An assertion's hash matches its reference.
    public static let hashedURIMatch = "assertion.hashedURI.match"
    /// An assertion's hash does not match its reference.
    public static let hashedURIMismatch = "assertion.hashedURI.mismatch"
    /// A referenced assertion is missing.
    public static let assertionMissing = "assertion.missing"
    /// An assertion's CBOR is malformed.
    public static let assertionCBORInvalid = "assertion.cbor.invalid"
    /// An assertion in the assertion store is not referenced by the claim.
    public static let assertionUndeclared = "assertion.undeclared"
    /// A referenced assertion was redacted by a later manifest.
    public static let assertionRedacted = "assertion.redacted"
    /// A required assertion is missing (reference extra).
    public static let assertionRequiredMissing = "assertion.required.missing"
    /// The data hash matches.
    public static let dataHashMatch = "assertion.dataHash.match"
    /// The data hash does not match.
    public static let dataHashMismatch = "assertion.dataHash.mismatch"
    /// The data hash assertion is malformed.
    public static let dataHashMalformed = "assertion.dataHash.malformed"
    /// The boxes hash matches.
    public static let boxesHashMatch = "assertion.boxesHash.match"
    /// The boxes hash does not match.
    public static let boxesHashMismatch = "assertion.boxesHash.mismatch"
    /// An ingredient's manifest is not in the store.
    public static let ingredientManifestMissing = "ingredient.manifest.missing"
    /// An ingredient's manifest hash does not match.
    public static let ingredientManifestMismatch = "ingredient.manifest.mismatch"
    /// An ingredient's manifest hash matches.
    public static let ingredientManifestValidated = "ingredient.manifest.validated"
    /// An ingredient's claim signature hash matches.
    public static let ingredientClaimSignatureValidated = "ingredient.claimSignature.validated"
    /// An ingredient's claim signature hash does not match.
    public static let ingredientClaimSignatureMismatch = "ingredient.claimSignature.mismatch"
    /// A time-stamp validated.
    public static let timeStampValidated = "timeStamp.validated"
    /// A time-stamp authority chains to a trust anchor.
    public static let timeStampTrusted = "timeStamp.trusted"
    /// A time-stamp is not trusted.
    public static let timeStampUntrusted = "timeStamp.untrusted"
    /// A time-stamp does not match the signature.
    public static let timeStampMismatch = "timeStamp.mismatch"
    /// A time-stamp is malformed.
    public static let timeStampMalformed = "timeStamp.malformed"
    /// An action is malformed.
    public static let actionMalformed = "assertion.action.malformed"
    /// An action does not name the ingredients its kind requires.
    public static let actionIngredientMismatch = "assertion.action.ingredientMismatch"
    /// A general error.
    public static let generalError = "general.error"
}


extension StatusCode {
    /// More than one manifest store or claim.
    public static let claimMultiple = "claim.multiple"
}
