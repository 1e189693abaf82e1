import SwiftASN1
import X509

/// RFC 5280 §4.2.1.10 name constraints, as a CA certificate imposes them on every certificate below it
/// on a certification path (§6.1.3 (b)-(c), §6.1.4 (g)).
///
/// Processed name forms: directoryName (the subject, and the subject alternative names of that form),
/// rfc822Name (subject alternative names, plus `emailAddress` attributes of the subject, §4.2.1.10),
/// dNSName, uniformResourceIdentifier (its host) and iPAddress. For every form a CA constrains, each
/// name of that form below it must lie inside one of its permitted subtrees (when it lists any of that
/// form) and inside none of its excluded subtrees. A constraint this check cannot process — an
/// extension that does not decode, a subtree of another form (otherName, x400Address, ediPartyName,
/// registeredID) when a name of that form appears, an address of the wrong length, a URI without a
/// host name — refuses the path, as §4.2.1.10 requires of a critical extension; the check is applied
/// whether or not the extension is marked critical.
///
/// Directory names are compared RDN by RDN with attribute types equal and string values compared
/// after trimming, folding runs of white space and case (a subset of RFC 5280 §7.1 / RFC 4518
/// preparation); values that are not strings must be byte-equal.
struct NameConstraintCheck: Sendable {
    /// The constraints of a CA certificate: `nil` when it has none.
    let constraints: NameConstraints?
    /// Whether the certificate carries a name-constraints extension that does not decode.
    let unreadable: Bool

    /// Reads the name-constraints extension of `issuer`.
    init(issuer: Certificate) {
        guard let raw = issuer.extensions[oid: .X509ExtensionID.nameConstraints] else {
            constraints = nil
            unreadable = false
            return
        }
        if let parsed = try? NameConstraints(raw) {
            constraints = parsed
            unreadable = false
        } else {
            constraints = nil
            unreadable = true
        }
    }

    /// Whether every certificate of `subordinates` satisfies the constraints (RFC 5280 §6.1.3 (b)-(c)).
    ///
    /// - Parameter subordinates: the certificates below the CA on the path, signer first. A self-issued
    ///   certificate other than the signer is skipped (§6.1.3 (b): its names are the CA's own).
    func permits(_ subordinates: [Certificate]) -> Bool {
        if unreadable { return false }
        guard let constraints else { return true }
        for (index, certificate) in subordinates.enumerated() {
            if index > 0 && certificate.subject == certificate.issuer { continue }
            guard let names = Self.names(of: certificate) else { return false }
            for name in names where !Self.permits(name, constraints) { return false }
        }
        return true
    }

    /// The names of `certificate` that name constraints apply to, or `nil` when its subject alternative
    /// name extension does not decode.
    static func names(of certificate: Certificate) -> [GeneralName]? {
        var names: [GeneralName] = []
        if !certificate.subject.isEmpty { names.append(.directoryName(certificate.subject)) }
        for relativeName in certificate.subject {
            for attribute in relativeName where attribute.type == emailAddressOID {
                guard let mailbox = String(attribute.value) else { return nil }
                names.append(.rfc822Name(mailbox))
            }
        }
        if certificate.extensions[oid: .X509ExtensionID.subjectAlternativeName] != nil {
            guard let alternatives = try? certificate.extensions.subjectAlternativeNames else { return nil }
            names.append(contentsOf: alternatives)
        }
        return names
    }

    /// PKCS #9 emailAddress (1.2.840.113549.1.9.1), the legacy subject attribute for a mailbox.
    static let emailAddressOID: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 1]

    /// Whether one name satisfies the permitted and excluded subtrees of its form.
    static func permits(_ name: GeneralName, _ constraints: NameConstraints) -> Bool {
        let form = Form(name)
        let permitted = constraints.permittedSubtrees.filter { Form($0) == form }
        let excluded = constraints.excludedSubtrees.filter { Form($0) == form }
        if permitted.isEmpty && excluded.isEmpty { return true }
        for base in excluded {
            // Undecidable counts as inside: an excluded subtree that cannot be evaluated refuses.
            if within(name, base) ?? true { return false }
        }
        if permitted.isEmpty { return true }
        return permitted.contains { within(name, $0) ?? false }
    }

    /// The name forms, for grouping subtrees by the form they constrain.
    enum Form: Equatable, Sendable {
        case otherName, rfc822Name, dnsName, x400Address, directoryName, ediPartyName, uniformResourceIdentifier, ipAddress,
            registeredID

        init(_ name: GeneralName) {
            switch name {
            case .otherName: self = .otherName
            case .rfc822Name: self = .rfc822Name
            case .dnsName: self = .dnsName
            case .x400Address: self = .x400Address
            case .directoryName: self = .directoryName
            case .ediPartyName: self = .ediPartyName
            case .uniformResourceIdentifier: self = .uniformResourceIdentifier
            case .ipAddress: self = .ipAddress
            case .registeredID: self = .registeredID
            }
        }
    }

    /// Whether `name` lies inside the subtree `base` of the same form; `nil` when that cannot be
    /// decided (an unprocessed form, a malformed name or constraint).
    static func within(_ name: GeneralName, _ base: GeneralName) -> Bool? {
        switch (name, base) {
        case (.directoryName(let name), .directoryName(let base)):
            return directoryName(name, within: base)
        case (.dnsName(let name), .dnsName(let base)):
            return dnsName(name, within: base)
        case (.rfc822Name(let name), .rfc822Name(let base)):
            return mailbox(name, within: base)
        case (.uniformResourceIdentifier(let name), .uniformResourceIdentifier(let base)):
            guard let host = uriHost(name) else { return nil }
            return uriHost(host, isWithin: base)
        case (.ipAddress(let name), .ipAddress(let base)):
            return address(Array(name.bytes), within: Array(base.bytes))
        default:
            return nil
        }
    }

    // MARK: Forms

    /// RFC 5280 §4.2.1.10 directoryName: the base's RDNs are the leading RDNs of the name.
    static func directoryName(_ name: DistinguishedName, within base: DistinguishedName) -> Bool {
        let nameRDNs = Array(name)
        let baseRDNs = Array(base)
        guard baseRDNs.count <= nameRDNs.count else { return false }
        for (candidate, required) in zip(nameRDNs, baseRDNs) where !sameRDN(candidate, required) { return false }
        return true
    }

    static func sameRDN(_ lhs: RelativeDistinguishedName, _ rhs: RelativeDistinguishedName) -> Bool {
        let left = Array(lhs)
        let right = Array(rhs)
        guard left.count == right.count else { return false }
        return left.allSatisfy { attribute in right.contains { sameAttribute(attribute, $0) } }
    }

    static func sameAttribute(_ lhs: RelativeDistinguishedName.Attribute, _ rhs: RelativeDistinguishedName.Attribute) -> Bool {
        guard lhs.type == rhs.type else { return false }
        if let left = String(lhs.value), let right = String(rhs.value) { return prepared(left) == prepared(right) }
        return lhs.value == rhs.value
    }

    /// A string value prepared for comparison: trimmed, inner white space runs folded to one space, lower case.
    static func prepared(_ value: String) -> String {
        value.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// RFC 5280 §4.2.1.10 dNSName: the name is the base or a name under it (labels added on the left);
    /// an empty base matches every name; a base with a leading period matches names under it only.
    static func dnsName(_ name: String, within base: String) -> Bool? {
        let name = normalizedHost(name)
        let base = normalizedHost(base)
        guard !name.isEmpty else { return nil }
        if base.isEmpty { return true }
        if base.hasPrefix(".") { return name.hasSuffix(base) }
        return name == base || name.hasSuffix("." + base)
    }

    /// RFC 5280 §4.2.1.10 rfc822Name: a base with `@` is one mailbox; a base with a leading period is
    /// every host under that domain; any other base is every mailbox on exactly that host. Host names
    /// compare without case; local parts exactly.
    static func mailbox(_ name: String, within base: String) -> Bool? {
        guard let at = name.lastIndex(of: "@") else { return nil }
        let local = name[..<at]
        let host = normalizedHost(String(name[name.index(after: at)...]))
        guard !local.isEmpty, !host.isEmpty else { return nil }
        if let baseAt = base.lastIndex(of: "@") {
            return local == base[..<baseAt] && host == normalizedHost(String(base[base.index(after: baseAt)...]))
        }
        let domain = normalizedHost(base)
        if domain.hasPrefix(".") { return host.hasSuffix(domain) }
        return host == domain
    }

    /// RFC 5280 §4.2.1.10 uniformResourceIdentifier: the constraint applies to the host; a base with a
    /// leading period is every host under that domain, any other base exactly that host.
    static func uriHost(_ host: String, isWithin base: String) -> Bool {
        let domain = normalizedHost(base)
        if domain.hasPrefix(".") { return host.hasSuffix(domain) }
        return host == domain
    }

    /// The host name of a URI's authority, or `nil` when there is none or it is an IP literal
    /// (§4.2.1.10: such a URI under a URI constraint must be refused).
    static func uriHost(_ uri: String) -> String? {
        guard let schemeEnd = uri.range(of: "://") else { return nil }
        var authority = uri[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { authority = authority[..<end] }
        if let userInfoEnd = authority.lastIndex(of: "@") { authority = authority[authority.index(after: userInfoEnd)...] }
        guard !authority.hasPrefix("[") else { return nil }
        if let portStart = authority.lastIndex(of: ":") { authority = authority[..<portStart] }
        let host = normalizedHost(String(authority))
        guard !host.isEmpty, !host.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return host
    }

    /// RFC 5280 §4.2.1.10 iPAddress: the base is an address and a mask of the same family (8 octets
    /// for IPv4, 32 for IPv6); the name lies inside when its masked octets equal the base's.
    static func address(_ name: [UInt8], within base: [UInt8]) -> Bool? {
        guard base.count == 8 || base.count == 32, name.count == 4 || name.count == 16 else { return nil }
        guard name.count * 2 == base.count else { return false }
        let network = base.prefix(name.count)
        let mask = base.suffix(name.count)
        for (octet, (networkOctet, maskOctet)) in zip(name, zip(network, mask)) where octet & maskOctet != networkOctet & maskOctet {
            return false
        }
        return true
    }

    static func normalizedHost(_ host: String) -> String {
        var result = host.lowercased()
        if result.hasSuffix(".") && result.count > 1 { result.removeLast() }
        return result
    }
}
