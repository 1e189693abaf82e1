/// Why Content Credentials in the ``ManifestState/invalid`` state failed, so that people are told
/// "expired" rather than "tampered" when only a validity period was missed.
public enum CredentialProblem: String, Sendable, Hashable, CaseIterable {
    /// A signature, hash or structure check failed: the credentials were altered or are broken.
    case failedVerification = "failed_verification"
    /// Only validity-period checks failed: the signing certificate was expired or not yet valid.
    case expired
    /// Only the time-stamp's trust failed: the signing time cannot be vouched for.
    case untrustedTimeStamp = "untrusted_time_stamp"
}

extension C2PASummary {
    /// Failure codes that mean only "outside the certificate's validity period".
    public static let validityPeriodCodes: Set<String> = [
        "signingCredential.expired", "signingCredential.notYetValid", "signingCredential.outsideValidity",
        "claimSignature.outsideValidity", "timeStamp.outsideValidity",
    ]
    /// Failure codes that mean only "the time-stamp authority is not trusted".
    public static let timeStampTrustCodes: Set<String> = ["timeStamp.untrusted"]

    /// Why an invalid manifest failed, or `nil` when the state is not ``ManifestState/invalid``.
    ///
    /// `signingCredential.untrusted` is ignored (it alone never makes a manifest invalid). When every other
    /// failure is a validity-period code the problem is ``CredentialProblem/expired``; when every other
    /// failure is a time-stamp trust code it is ``CredentialProblem/untrustedTimeStamp``; otherwise
    /// ``CredentialProblem/failedVerification``.
    public var credentialProblem: CredentialProblem? {
        guard state == .invalid else { return nil }
        let blocking = failures.filter { $0 != "signingCredential.untrusted" }
        guard !blocking.isEmpty else { return .failedVerification }
        let mild = Self.validityPeriodCodes.union(Self.timeStampTrustCodes)
        guard blocking.allSatisfy(mild.contains) else { return .failedVerification }
        return blocking.contains(where: Self.validityPeriodCodes.contains) ? .expired : .untrustedTimeStamp
    }

    /// A few words for people on why the manifest is invalid (empty when it is not).
    public var invalidWording: String {
        switch credentialProblem {
        case .failedVerification: "tampered or broken Content Credentials"
        case .expired: "expired Content Credentials (signed outside the certificate's validity period)"
        case .untrustedTimeStamp: "Content Credentials with an untrusted time-stamp"
        case nil: ""
        }
    }
}
