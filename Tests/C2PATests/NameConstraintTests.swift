import C2PA
import Foundation
import SwiftASN1
import Testing
import X509

/// RFC 5280 §4.2.1.10 name constraints on crafted chains: a CA (intermediate or anchor) that limits the
/// names below it must stop a signer outside its permitted subtrees or inside an excluded one, and
/// constraints the verifier cannot evaluate must refuse the path rather than be ignored.
@Suite("Certificate name constraints")
struct NameConstraintTests {
    let root: TestIssuer

    init() throws {
        root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
    }

    /// The state of a signed JPEG whose signer is `leaf`, chained through `intermediates` to `anchor`.
    func state(leaf: TestIssuer, intermediates: [TestIssuer], anchor: TestIssuer? = nil) throws -> C2PAState {
        let builder = FixtureBuilder(key: leaf.key, chain: ([leaf] + intermediates).map(\.certificate))
        let trust = try TrustSettings.load(trustAnchorsPEM: try (anchor ?? root).pem, allowedSignersPEM: nil, trustConfig: nil)
        return C2PAVerifier(trust: trust).verify(try builder.jpeg()).state
    }

    /// A CA certificate's extensions with `constraints` (critical, as RFC 5280 requires).
    static func constrainedCA(_ constraints: NameConstraints) throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            Critical(constraints)
        }
    }

    /// A signer's extensions with `names` as its subject alternative names.
    static func signer(alternativeNames names: [GeneralName]) throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.emailProtection])
            SubjectAlternativeNames(names)
        }
    }

    func verdicts(
        _ constraints: NameConstraints, inside: [GeneralName], outside: [GeneralName]
    ) throws -> (inside: C2PAState, outside: C2PAState) {
        let intermediate = try root.issue("constrained intermediate", extensions: Self.constrainedCA(constraints))
        let good = try intermediate.issue("signer", extensions: Self.signer(alternativeNames: inside))
        let bad = try intermediate.issue("signer", extensions: Self.signer(alternativeNames: outside))
        return (try state(leaf: good, intermediates: [intermediate]), try state(leaf: bad, intermediates: [intermediate]))
    }

    @Test("dNSName: a signer inside the permitted domain is trusted, one outside it is not")
    func permittedDNS() throws {
        let result = try verdicts(
            NameConstraints(permittedDNSDomains: ["example.com"]),
            inside: [.dnsName("signer.example.com")], outside: [.dnsName("signer.example.com.evil.net")])
        #expect(result.inside == .trusted)
        #expect(result.outside == .valid)
    }

    @Test("dNSName: a label boundary is required (notexample.com is not under example.com)")
    func dnsLabelBoundary() throws {
        let result = try verdicts(
            NameConstraints(permittedDNSDomains: ["example.com"]), inside: [.dnsName("example.com")], outside: [.dnsName("notexample.com")])
        #expect(result.inside == .trusted)
        #expect(result.outside == .valid)
    }

    @Test("rfc822Name: an excluded mail domain refuses the signer; another domain passes")
    func excludedMail() throws {
        let result = try verdicts(
            NameConstraints(excludedEmailAddresses: ["evil.example"]),
            inside: [.rfc822Name("press@news.example")], outside: [.rfc822Name("press@EVIL.example")])
        #expect(result.inside == .trusted)
        #expect(result.outside == .valid)
    }

    @Test("rfc822Name constraints also bind the subject's emailAddress attribute")
    func subjectEmailAddress() throws {
        let intermediate = try root.issue(
            "constrained intermediate", extensions: Self.constrainedCA(NameConstraints(permittedEmailAddresses: [".news.example"])))
        func subject(_ mailbox: String) throws -> DistinguishedName {
            let emailAddress = RelativeDistinguishedName.Attribute(type: [1, 2, 840, 113_549, 1, 9, 1], value: try .init(ia5String: mailbox))
            return DistinguishedName(Array(try TestIssuer.name("signer")) + [RelativeDistinguishedName(emailAddress)])
        }
        let extensions = try TestIssuer.signerExtensions()
        let good = try intermediate.issue("signer", extensions: extensions, subject: try subject("desk@photo.news.example"))
        let bad = try intermediate.issue("signer", extensions: extensions, subject: try subject("desk@elsewhere.example"))
        #expect(try state(leaf: good, intermediates: [intermediate]) == .trusted)
        #expect(try state(leaf: bad, intermediates: [intermediate]) == .valid)
    }

    @Test("iPAddress: 10.0.0.0/8 admits 10.1.2.3 and refuses 192.168.1.1")
    func permittedAddressRange() throws {
        let range = ASN1OctetString(contentBytes: [10, 0, 0, 0, 255, 0, 0, 0])
        let result = try verdicts(
            NameConstraints(permittedIPRanges: [range]),
            inside: [.ipAddress(ASN1OctetString(contentBytes: [10, 1, 2, 3]))],
            outside: [.ipAddress(ASN1OctetString(contentBytes: [192, 168, 1, 1]))])
        #expect(result.inside == .trusted)
        #expect(result.outside == .valid)
    }

    @Test("uniformResourceIdentifier: the host must be under the permitted domain; a URI without a host is refused")
    func permittedURIHost() throws {
        let result = try verdicts(
            NameConstraints(permittedURIDomains: [".example.com"]),
            inside: [.uniformResourceIdentifier("https://signer.example.com:8443/key")],
            outside: [.uniformResourceIdentifier("https://example.com.evil.net/key")])
        #expect(result.inside == .trusted)
        #expect(result.outside == .valid)
        let hostless = try verdicts(
            NameConstraints(permittedURIDomains: [".example.com"]),
            inside: [.uniformResourceIdentifier("https://a.example.com/")], outside: [.uniformResourceIdentifier("urn:example:signer")])
        #expect(hostless.outside == .valid)
    }

    @Test("directoryName: the signer's subject must lie under the permitted name")
    func permittedDirectoryName() throws {
        let permitted = try DistinguishedName { OrganizationName("Provenant Unit Test PKI") }
        let intermediate = try root.issue(
            "constrained intermediate", extensions: Self.constrainedCA(NameConstraints(permittedSubtrees: [.directoryName(permitted)])))
        let inside = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions(), subject: try DistinguishedName {
            OrganizationName("provenant  UNIT test pki")
            CommonName("signer")
        })
        let outside = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions(), subject: try DistinguishedName {
            OrganizationName("Someone Else")
            CommonName("signer")
        })
        #expect(try state(leaf: inside, intermediates: [intermediate]) == .trusted)
        #expect(try state(leaf: outside, intermediates: [intermediate]) == .valid)
    }

    @Test("an excluded subtree also applies to the intermediates below the constrained CA")
    func excludedIntermediate() throws {
        let excluded = try DistinguishedName {
            OrganizationName("Provenant Unit Test PKI")
            CommonName("lower")
        }
        let upper = try root.issue(
            "upper", extensions: Self.constrainedCA(NameConstraints(excludedSubtrees: [.directoryName(excluded)])))
        let lower = try upper.issue("lower", extensions: TestIssuer.caExtensions())
        let leaf = try lower.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(leaf: leaf, intermediates: [upper, lower]) == .valid)
        let other = try upper.issue("other lower", extensions: TestIssuer.caExtensions())
        let leaf2 = try other.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(leaf: leaf2, intermediates: [upper, other]) == .trusted)
    }

    @Test("an anchor's own name constraints bind the path")
    func anchorConstraints() throws {
        let anchor = try TestIssuer.selfSigned(
            "constrained root", extensions: Self.constrainedCA(NameConstraints(permittedDNSDomains: ["example.com"])))
        let intermediate = try anchor.issue("intermediate", extensions: TestIssuer.caExtensions())
        let good = try intermediate.issue("signer", extensions: Self.signer(alternativeNames: [.dnsName("a.example.com")]))
        let bad = try intermediate.issue("signer", extensions: Self.signer(alternativeNames: [.dnsName("a.example.org")]))
        #expect(try state(leaf: good, intermediates: [intermediate], anchor: anchor) == .trusted)
        #expect(try state(leaf: bad, intermediates: [intermediate], anchor: anchor) == .valid)
    }

    @Test("a constrained name form the verifier cannot evaluate refuses a signer that has such a name")
    func unprocessableForm() throws {
        let oid: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 99_999, 1]
        let result = try verdicts(
            NameConstraints(permittedSubtrees: [.registeredID(oid)]), inside: [.dnsName("signer.example.com")], outside: [.registeredID(oid)])
        // A name of another form is not constrained by it; a registeredID name cannot be evaluated.
        #expect(result.inside == .trusted)
        #expect(result.outside == .valid)
    }

    @Test("backtracking: a same-name intermediate whose constraints exclude the signer is passed over for one that admits it")
    func backtracksPastConstrainedIssuer() throws {
        let key = TestKey.p256(.init())
        let narrow = try root.issue(
            "intermediate", extensions: Self.constrainedCA(NameConstraints(permittedDNSDomains: ["elsewhere.example"])), key: key)
        let open = try root.issue("intermediate", extensions: TestIssuer.caExtensions(), key: key)
        let leaf = try open.issue("signer", extensions: Self.signer(alternativeNames: [.dnsName("signer.example.com")]))
        #expect(try state(leaf: leaf, intermediates: [narrow]) == .valid)
        #expect(try state(leaf: leaf, intermediates: [narrow, open]) == .trusted)
    }
}
