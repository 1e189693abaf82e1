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

    func evaluate(chainDER: [[UInt8]], signingTime: Date, url: String) -> CertificateEvaluation {
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
        if let problem = profileProblem(leaf) {
            log.failure(StatusCode.signingCredentialInvalid, url: url, problem)
            log.failure(StatusCode.signingCredentialUntrusted, url: url, "signing certificate is not acceptable")
            return CertificateEvaluation(leaf: leaf, key: signer.key, codes: log, trusted: false)
        }
        let trusted = isTrusted(signer: signer, chain: chain, at: signingTime)
        if signingTime < leaf.notValidBefore || signingTime > leaf.notValidAfter {
            // C2PA 2.2 name first, then the spec 1.4 name the reference still reports.
            log.failure(StatusCode.claimSignatureOutsideValidity, url: url, "signing time is outside the certificate validity")
            log.failure(StatusCode.signingCredentialExpired, url: url, "signing certificate is outside its validity period")
            log.failure(StatusCode.signingCredentialUntrusted, url: url, "signing certificate untrusted at the signing time")
            return CertificateEvaluation(leaf: leaf, key: signer.key, codes: log, trusted: false)
        }
        if trusted {
            log.success(StatusCode.signingCredentialTrusted, url: url, "signing certificate trusted")
        } else {
            log.failure(StatusCode.signingCredentialUntrusted, url: url, "signing certificate untrusted")
        }
        return CertificateEvaluation(leaf: leaf, key: signer.key, codes: log, trusted: trusted)
    }

    /// The first C2PA certificate-profile violation of a signer certificate (C2PA 2.2 §14.5.1), if any.
    func profileProblem(_ leaf: Certificate) -> String? {
        guard leaf.version == .v3 else { return "signer certificate is not X.509 v3" }
        let extensions = leaf.extensions
        if let keyUsage = try? extensions.keyUsage {
            guard keyUsage.digitalSignature else { return "signer certificate lacks the digitalSignature key usage" }
        } else if extensions[oid: .X509ExtensionID.keyUsage] != nil {
            return "signer certificate key usage is malformed"
        }
        guard let ekus = try? extensions.extendedKeyUsage, ekus.count > 0 else {
            return "certificate missing required EKU"
        }
        let oids = ekus.map { ASN1ObjectIdentifier($0).description }
        if oids.contains(ASN1ObjectIdentifier.ExtendedKeyUsage.any.description) {
            return "signer certificate asserts anyExtendedKeyUsage"
        }
        guard oids.contains(where: settings.acceptedEKUs.contains) else {
            return "certificate missing required EKU"
        }
        if let constraints = try? extensions.basicConstraints, case .isCertificateAuthority = constraints {
            return "signer certificate is a CA certificate"
        }
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
    func timeStampAuthorityTrusted(_ authority: SignerCertificate, intermediates chain: [SignerCertificate], at time: Date) -> Bool {
        let timeStamping = ASN1ObjectIdentifier.ExtendedKeyUsage.timeStamping.description
        guard let usages = try? authority.certificate.extensions.extendedKeyUsage,
            usages.contains(where: { ASN1ObjectIdentifier($0).description == timeStamping }),
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
