import Crypto
import Foundation
import SwiftASN1
import X509

/// The outcome of checking a signer's certificate chain against the C2PA certificate profile and a trust store.
public struct CertificateEvaluation: Sendable {
    /// The parsed signer (leaf) certificate.
    public let leaf: Certificate?
    /// The signer's verification key.
    let key: VerificationKey?
    /// Status codes: success, informational, failure.
    public var codes: StatusLog
    /// Whether the chain reached a trust anchor or the signer is directly trusted.
    public let trusted: Bool
}

/// Checks x5chain certificates: profile (key usage, EKU), validity at the signing time, trust.
struct CertificateEvaluator: Sendable {
    let settings: TrustSettings

    /// The most certificates accepted in an `x5chain`.
    static let maxChainLength = 16

    /// How the time at which the signer certificate is judged was chosen.
    enum SigningTimeSource: Sendable {
        /// No usable time-stamp: the current (or caller-fixed) validation time.
        case validationTime
        /// A time-stamp whose authority is trusted (C2PA 2.2 §14.5.2, §15.7).
        case trustedTimeStamp
        /// An untrusted time-stamp on a claim v1 manifest, used as the reference does (``ReferenceRule/claimV1TimeStampGrace``).
        case legacyUntrustedTimeStamp
    }

    /// Evaluates the `x5chain` of a claim signature.
    ///
    /// - Parameters:
    ///   - signingTime: the time the signer certificate must be valid at (a trusted time-stamp's, else
    ///     `currentTime`).
    ///   - currentTime: the validation time (now, or the caller's fixed time).
    ///   - timeSource: where `signingTime` came from.
    ///   - chainIsProtected: whether the chain was read from the COSE protected header.
    func evaluate(
        chainDER: [[UInt8]], signingTime: Date, currentTime: Date, timeSource: SigningTimeSource = .validationTime,
        chainIsProtected: Bool = true, url: String
    ) -> CertificateEvaluation {
        var log = StatusLog()
        guard !chainDER.isEmpty, chainDER.count <= Self.maxChainLength else {
            log.failure(StatusCode.signingCredentialInvalid, url: url,
                        chainDER.isEmpty ? "no signer certificate" : "certificate chain longer than \(Self.maxChainLength)")
            return CertificateEvaluation(leaf: nil, key: nil, codes: log, trusted: false)
        }
        var chain: [SignerCertificate] = []
        for der in chainDER {
            guard let certificate = SignerCertificate(der: der) else {
                log.failure(StatusCode.signingCredentialInvalid, url: url, "certificate could not be parsed")
                return CertificateEvaluation(leaf: nil, key: nil, codes: log, trusted: false)
            }
            chain.append(certificate)
        }
        let signer = chain[0]
        let leaf = signer.certificate
        if let problem = profileProblem(signer) {
            log.failure(StatusCode.signingCredentialInvalid, url: url, problem)
            log.failure(StatusCode.signingCredentialUntrusted, url: url, "signing certificate is not acceptable")
            return CertificateEvaluation(leaf: leaf, key: signer.key, codes: log, trusted: false)
        }
        if signingTime < leaf.notValidBefore || signingTime > leaf.notValidAfter {
            // C2PA 2.2 name first, then the spec 1.4 name the reference still reports (ReferenceRule.expiredSignerCodes).
            log.failure(StatusCode.claimSignatureOutsideValidity, url: url, "signing time is outside the certificate validity")
            log.failure(StatusCode.signingCredentialExpired, url: url, "signing certificate is outside its validity period")
            log.failure(StatusCode.signingCredentialUntrusted, url: url, "signing certificate untrusted at the signing time")
            return CertificateEvaluation(leaf: leaf, key: signer.key, codes: log, trusted: false)
        }
        var trusted = isTrusted(signer: signer, chain: chain, at: signingTime)
        if trusted && !chainIsProtected {
            trusted = false
            log.failure(
                StatusCode.signingCredentialUntrusted, url: url,
                "the certificate chain is only in the unprotected COSE header, which the signature does not cover")
        } else if trusted && timeSource == .legacyUntrustedTimeStamp
            && (currentTime < leaf.notValidBefore || currentTime > leaf.notValidAfter) {
            // The reference dates claim v1 signatures by untrusted tokens; such a token cannot vouch that a
            // certificate outside its validity today was valid when it signed, so trust is withheld.
            trusted = false
            log.failure(
                StatusCode.signingCredentialUntrusted, url: url,
                "signing certificate is outside its validity now and only an untrusted time-stamp dates the signature")
        } else if trusted {
            log.success(StatusCode.signingCredentialTrusted, url: url, "signing certificate trusted")
        } else {
            log.failure(StatusCode.signingCredentialUntrusted, url: url, "signing certificate untrusted")
        }
        return CertificateEvaluation(leaf: leaf, key: signer.key, codes: log, trusted: trusted)
    }

    /// The first C2PA certificate-profile violation of a signer certificate, if any.
    ///
    /// C2PA 2.2 §14.5.1 (certificate profile) as the reference enforces it (c2pa-rs
    /// `check_certificate_profile`, `check_end_entity_certificate_profile`):
    /// * X.509 v3, no issuer or subject unique identifiers;
    /// * an authority key identifier (the reference requires it on every signer, self-signed included);
    /// * a key usage extension asserting digitalSignature (or, as the reference accepts, nonRepudiation),
    ///   and never keyCertSign on an end entity;
    /// * an EKU list with an accepted OID, without anyExtendedKeyUsage, and with timeStamping or
    ///   OCSPSigning only alone (§14.5.1: those two are exclusive of every other purpose);
    /// * not a CA (an end-entity certificate signs claims);
    /// * no critical extension the profile does not know;
    /// * certificate signature algorithm from the C2PA list, EC keys on P-256/384/521, RSA keys of
    ///   at least 2048 bits.
    func profileProblem(_ signer: SignerCertificate) -> String? {
        let leaf = signer.certificate
        guard leaf.version == .v3 else { return "signer certificate is not X.509 v3" }
        if signer.hasUniqueIdentifiers { return "certificate issuer/subject unique identifiers are not allowed" }
        let extensions = leaf.extensions
        if let constraints = try? extensions.basicConstraints, case .isCertificateAuthority = constraints {
            return "signer certificate is a CA certificate"
        }
        guard Self.acceptedCertificateSignatureOIDs.contains(signer.signatureOID) else {
            return "certificate signature algorithm \(signer.signatureOID) is not allowed"
        }
        if let problem = Self.keyProblem(signer.key) { return problem }
        guard extensions[oid: .X509ExtensionID.authorityKeyIdentifier] != nil else {
            return "signer certificate has no authority key identifier"
        }
        guard let keyUsage = try? extensions.keyUsage else {
            return extensions[oid: .X509ExtensionID.keyUsage] == nil
                ? "signer certificate has no key usage extension" : "signer certificate key usage is malformed"
        }
        guard keyUsage.digitalSignature || keyUsage.nonRepudiation else {
            return "signer certificate lacks the digitalSignature key usage"
        }
        if keyUsage.keyCertSign { return "an end-entity signer certificate must not assert keyCertSign" }
        guard let ekus = try? extensions.extendedKeyUsage, ekus.count > 0 else {
            return "certificate missing required EKU"
        }
        let oids = Set(ekus.map { ASN1ObjectIdentifier($0).description })
        if oids.contains(ASN1ObjectIdentifier.ExtendedKeyUsage.any.description) {
            return "signer certificate asserts anyExtendedKeyUsage"
        }
        guard oids.contains(where: settings.acceptedEKUs.contains) else {
            return "certificate missing required EKU"
        }
        let exclusive: Set<String> = [
            ASN1ObjectIdentifier.ExtendedKeyUsage.timeStamping.description, ASN1ObjectIdentifier.ExtendedKeyUsage.ocspSigning.description,
        ]
        if !oids.isDisjoint(with: exclusive) && oids.count > 1 {
            return "certificate invalid set of EKUs: timeStamping and OCSPSigning must stand alone"
        }
        if let unknown = extensions.first(where: { $0.critical && !Self.profileCriticalExtensions.contains($0.oid.description) }) {
            return "signer certificate carries the unknown critical extension \(unknown.oid)"
        }
        return nil
    }

    /// Certificate signature algorithms the C2PA profile allows (§14.5.1): ECDSA with SHA-256/384/512,
    /// RSA PKCS #1 v1.5 with SHA-256/384/512, RSASSA-PSS, Ed25519.
    static let acceptedCertificateSignatureOIDs: Set<String> = [
        "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4",
        "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13",
        "1.2.840.113549.1.1.10", "1.3.101.112",
    ]

    /// Extensions a signer certificate may mark critical (the ones the reference's profile check parses).
    static let profileCriticalExtensions: Set<String> = [
        "2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.30", "2.5.29.31", "2.5.29.32", "2.5.29.33",
        "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.54", "1.3.6.1.5.5.7.1.1", "2.16.840.1.113730.1.1",
    ]

    /// A key the profile refuses: RSA below 2048 bits (EC curves other than P-256/384/521 and other key
    /// types never parse into a ``VerificationKey``).
    static func keyProblem(_ key: VerificationKey) -> String? {
        if case .rsa(let rsa) = key, rsa.keySizeInBits < 2048 { return "certificate key length too short" }
        return nil
    }

    /// Whether the signer is directly allowed (the whole DER matches) or chains through `chain` to an anchor.
    func isTrusted(signer: SignerCertificate, chain: [SignerCertificate], at time: Date) -> Bool {
        if settings.allowedCertificates.contains(where: { $0.der == signer.der }) { return true }
        return ChainBuilder(anchors: settings.anchorCertificates, validationTime: time, maxDepth: Self.maxChainLength)
            .reachesAnchor(signer, intermediates: chain)
    }

    /// Whether a time-stamp authority is fit to time-stamp (RFC 3161 §2.3: the timeStamping extended key
    /// usage; valid at the token's time) and chains to a signer or time-stamp anchor at that time.
    ///
    /// The authority must also pass the end-entity profile with timeStamping as its only accepted EKU,
    /// as the reference checks it (c2pa-rs `verify_time_stamp`).
    func timeStampAuthorityTrusted(_ authority: SignerCertificate, intermediates chain: [SignerCertificate], at time: Date) -> Bool {
        let timeStamping = ASN1ObjectIdentifier.ExtendedKeyUsage.timeStamping.description
        var profile = settings
        profile.acceptedEKUs = [timeStamping]
        guard let usages = try? authority.certificate.extensions.extendedKeyUsage,
            usages.contains(where: { ASN1ObjectIdentifier($0).description == timeStamping }),
            CertificateEvaluator(settings: profile).profileProblem(authority) == nil,
            time >= authority.certificate.notValidBefore, time <= authority.certificate.notValidAfter
        else { return false }
        return ChainBuilder(
            anchors: settings.anchorCertificates + settings.timeStampAnchorCertificates, validationTime: time, maxDepth: Self.maxChainLength
        ).reachesAnchor(authority, intermediates: chain)
    }
}

extension Certificate {
    /// The first value of a DN attribute in the subject.
    func subjectAttribute(_ oid: ASN1ObjectIdentifier) -> String? {
        Self.attribute(oid, in: subject)
    }

    /// The first value of a DN attribute in the issuer.
    func issuerAttribute(_ oid: ASN1ObjectIdentifier) -> String? {
        Self.attribute(oid, in: issuer)
    }

    private static func attribute(_ oid: ASN1ObjectIdentifier, in name: DistinguishedName) -> String? {
        for rdn in name {
            for attribute in rdn where attribute.type == oid {
                return String(attribute.value) ?? attribute.value.description
            }
        }
        return nil
    }
}
