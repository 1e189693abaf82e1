import Foundation
import SwiftASN1
import X509

/// Builds a certification path from a signer certificate through the certificates it came with to a
/// configured anchor (RFC 5280 §6.1, reduced to what C2PA trust needs).
///
/// The search backtracks over every candidate issuer and is bounded: at most ``maxDepth`` issuer
/// steps and ``maxCandidates`` candidate signature checks in all.
/// A certificate may act as an issuer only when it is a CA (`basicConstraints` cA = true; a trust
/// anchor without the extension is accepted as a legacy root), its key usage, when present, allows
/// `keyCertSign`, its path-length constraint admits the intermediates below it, and (for
/// intermediates) it is valid at the validation time, and its name constraints (RFC 5280 §4.2.1.10,
/// ``NameConstraintCheck``; an anchor's included) admit every certificate below it on the path.
/// Every certificate on the path must carry no critical extension the builder does not understand. Anchors are trusted as configured: their own
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
        "2.5.29.30",  // nameConstraints (NameConstraintCheck)
    ]

    /// The most issuer candidates examined in one search (each costs at most one signature check), so a
    /// crafted `x5chain` of look-alike issuers cannot make the search exponential.
    static let maxCandidates = 1_024

    /// Whether `signer` reaches an anchor through `intermediates`.
    ///
    /// A depth-first search with backtracking: at each step every anchor and every unused intermediate
    /// whose subject names the current certificate's issuer is a candidate; a candidate that fails (not
    /// a CA, path length exceeded, outside its validity, wrong key, unknown critical extension, name
    /// constraints that exclude a certificate below it, or no path onward) is abandoned and the next one tried. Several issuers with the same name (re-keyed or
    /// cross-signed CAs) are therefore all explored, bounded by ``maxDepth`` and ``maxCandidates``.
    func reachesAnchor(_ signer: SignerCertificate, intermediates: [SignerCertificate]) -> Bool {
        guard !anchors.isEmpty, Self.criticalExtensionsUnderstood(signer.certificate) else { return false }
        // A signer that is itself a configured anchor is trusted as such.
        if anchors.contains(where: { $0.der == signer.der }) { return true }
        var budget = Self.maxCandidates
        let used = Set(intermediates.indices.filter { intermediates[$0].der == signer.der })
        return search(path: [signer], used: used, intermediates: intermediates, budget: &budget)
    }

    /// - Parameter path: the certificates chained so far, signer first; the search looks for an issuer
    ///   of the last one.
    private func search(path: [SignerCertificate], used: Set<Int>, intermediates: [SignerCertificate], budget: inout Int) -> Bool {
        guard let current = path.last else { return false }
        let intermediatesBelow = path.count - 1
        guard intermediatesBelow < maxDepth else { return false }
        let issuerName = current.certificate.issuer
        let subordinates = path.map(\.certificate)
        for anchor in anchors where anchor.certificate.subject == issuerName {
            guard budget > 0 else { return false }
            budget -= 1
            if Self.mayIssue(anchor.certificate, intermediatesBelow: intermediatesBelow, isAnchor: true) && current.isSigned(by: anchor.key)
                && NameConstraintCheck(issuer: anchor.certificate).permits(subordinates) {
                return true
            }
        }
        for index in intermediates.indices where !used.contains(index) {
            let candidate = intermediates[index]
            guard candidate.certificate.subject == issuerName,
                Self.mayIssue(candidate.certificate, intermediatesBelow: intermediatesBelow, isAnchor: false),
                validationTime >= candidate.certificate.notValidBefore, validationTime <= candidate.certificate.notValidAfter,
                Self.criticalExtensionsUnderstood(candidate.certificate)
            else { continue }
            guard budget > 0 else { return false }
            budget -= 1
            guard current.isSigned(by: candidate.key), NameConstraintCheck(issuer: candidate.certificate).permits(subordinates) else { continue }
            if anchors.contains(where: { $0.der == candidate.der }) { return true }
            if search(path: path + [candidate], used: used.union([index]), intermediates: intermediates, budget: &budget) {
                return true
            }
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
