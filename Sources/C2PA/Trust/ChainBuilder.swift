import Foundation
import SwiftASN1
import X509

/// Builds a certification path from a signer certificate through the certificates it came with to a
/// configured anchor (RFC 5280 §6.1, reduced to what C2PA trust needs).
///
/// The search is greedy and bounded: at most ``maxDepth`` issuer steps, each trying every anchor and
/// every unused intermediate once, so the work is linear in `depth × (anchors + intermediates)`.
/// A certificate may act as an issuer only when it is a CA (`basicConstraints` cA = true; a trust
/// anchor without the extension is accepted as a legacy root), its key usage, when present, allows
/// `keyCertSign`, its path-length constraint admits the intermediates below it, and (for
/// intermediates) it is valid at the validation time. Every certificate on the path must carry no
/// critical extension the builder does not understand. Anchors are trusted as configured: their own
/// validity period is not checked (RFC 5280 treats the anchor as an input, not a path element).
struct ChainBuilder: Sendable {
    /// The configured anchors.
    let anchors: [SignerCertificate]
    /// The time at which intermediates must be valid.
    let validationTime: Date
    /// The most issuer steps taken.
    let maxDepth: Int

    /// Extensions whose criticality the builder honours (or that carry no path semantics it must enforce).
    static let understoodCriticalExtensions: Set<String> = [
        "2.5.29.15",  // keyUsage
        "2.5.29.17",  // subjectAltName
        "2.5.29.19",  // basicConstraints
        "2.5.29.32",  // certificatePolicies (no policy processing: any policy accepted)
        "2.5.29.37",  // extKeyUsage
        "2.5.29.14",  // subjectKeyIdentifier
        "2.5.29.35",  // authorityKeyIdentifier
    ]

    /// Whether `signer` reaches an anchor through `intermediates`.
    func reachesAnchor(_ signer: SignerCertificate, intermediates: [SignerCertificate]) -> Bool {
        guard !anchors.isEmpty, Self.criticalExtensionsUnderstood(signer.certificate) else { return false }
        // A signer that is itself configured as an anchor is trusted as such.
        if anchors.contains(where: { $0.der == signer.der }) { return true }
        var current = signer
        var used = Set(intermediates.indices.filter { intermediates[$0].der == signer.der })
        var intermediatesBelow = 0
        for _ in 0..<maxDepth {
            let issuerName = current.certificate.issuer
            if anchors.contains(where: {
                $0.certificate.subject == issuerName
                    && Self.mayIssue($0.certificate, intermediatesBelow: intermediatesBelow, isAnchor: true)
                    && current.isSigned(by: $0.key)
            }) {
                return true
            }
            guard let next = intermediates.indices.first(where: { index in
                let candidate = intermediates[index]
                return !used.contains(index) && candidate.certificate.subject == issuerName
                    && Self.mayIssue(candidate.certificate, intermediatesBelow: intermediatesBelow, isAnchor: false)
                    && validationTime >= candidate.certificate.notValidBefore
                    && validationTime <= candidate.certificate.notValidAfter
                    && Self.criticalExtensionsUnderstood(candidate.certificate)
                    && current.isSigned(by: candidate.key)
            }) else { return false }
            used.insert(next)
            current = intermediates[next]
            if anchors.contains(where: { $0.der == current.der }) { return true }
            intermediatesBelow += 1
        }
        return false
    }

    /// Whether `certificate` may sign a certificate that has `intermediatesBelow` CA certificates under it
    /// on the path (the signer excluded).
    static func mayIssue(_ certificate: Certificate, intermediatesBelow: Int, isAnchor: Bool) -> Bool {
        let extensions = certificate.extensions
        switch try? extensions.basicConstraints {
        case .isCertificateAuthority(let maxPathLength)?:
            if let maxPathLength, intermediatesBelow > maxPathLength { return false }
        case .notCertificateAuthority?:
            return false
        case nil:
            // Absent (or malformed): only a configured anchor without the extension is taken as a legacy root.
            guard isAnchor, extensions[oid: .X509ExtensionID.basicConstraints] == nil else { return false }
        }
        if extensions[oid: .X509ExtensionID.keyUsage] != nil {
            guard let usage = try? extensions.keyUsage, usage.keyCertSign else { return false }
        }
        return true
    }

    /// Whether every critical extension of `certificate` is one the builder understands.
    static func criticalExtensionsUnderstood(_ certificate: Certificate) -> Bool {
        certificate.extensions.allSatisfy { !$0.critical || understoodCriticalExtensions.contains($0.oid.description) }
    }
}
