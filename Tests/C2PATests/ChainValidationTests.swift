import C2PA
import Foundation
import Testing
import X509

/// Crafted certificate chains against the hand-written path builder: every check an attacker could
/// try to slip past (an end entity acting as a CA, missing CA constraints, path length, expired
/// intermediates, unknown critical extensions, name or key mismatches, allowed-list look-alikes).
@Suite("Certificate chain validation")
struct ChainValidationTests {
    /// The state of a signed JPEG whose x5chain is `chain` (leaf first), with `root` as the only anchor.
    func state(signer: TestIssuer, chain: [TestIssuer], anchors: [TestIssuer]) throws -> C2PAResult {
        let builder = FixtureBuilder(key: signer.key, chain: chain.map(\.certificate))
        let pem = try anchors.map { try $0.pem }.joined(separator: "\n")
        let trust = try TrustSettings.load(trustAnchorsPEM: pem, allowedSignersPEM: nil, trustConfig: nil)
        return C2PAVerifier(trust: trust).verify(try builder.jpeg())
    }

    @Test("root, CA intermediate, signer: trusted (control)")
    func goodChain() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let intermediate = try root.issue("intermediate", extensions: TestIssuer.caExtensions())
        let leaf = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions())
        let result = try state(signer: leaf, chain: [leaf, intermediate], anchors: [root])
        #expect(result.state == .trusted)
        #expect(result.successes.contains("signingCredential.trusted"))
    }

    @Test("cross-signed intermediate: the search backtracks from the rogue-signed copy to the anchor-signed one")
    func crossSignedBacktracking() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let rogue = try TestIssuer.selfSigned("rogue root", extensions: TestIssuer.caExtensions())
        let sharedKey = TestKey.p256(.init())
        let viaRogue = try rogue.issue("intermediate", extensions: TestIssuer.caExtensions(), key: sharedKey)
        let viaRoot = try root.issue("intermediate", extensions: TestIssuer.caExtensions(), key: sharedKey)
        let leaf = try viaRoot.issue("signer", extensions: TestIssuer.signerExtensions())
        // The first candidate issuer leads to a root nobody trusts; the second one to the anchor.
        #expect(try state(signer: leaf, chain: [leaf, viaRogue, viaRoot], anchors: [root]).state == .trusted)
        #expect(try state(signer: leaf, chain: [leaf, viaRogue], anchors: [root]).state == .valid)
    }

    @Test("a longer path: root, two intermediates, signer; pathLen 0 on the upper intermediate breaks it")
    func longerPathAndPathLength() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        for (pathLength, expected) in [(nil as Int?, C2PAState.trusted), (0, .valid)] {
            let upper = try root.issue("upper", extensions: TestIssuer.caExtensions(pathLength: pathLength))
            let lower = try upper.issue("lower", extensions: TestIssuer.caExtensions())
            let leaf = try lower.issue("signer", extensions: TestIssuer.signerExtensions())
            #expect(try state(signer: leaf, chain: [leaf, upper, lower], anchors: [root]).state == expected)
        }
    }

    @Test("an end-entity certificate cannot issue: a signer certified by another signer is untrusted")
    func endEntityAsIssuer() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let honest = try root.issue("honest signer", extensions: TestIssuer.signerExtensions())
        let forged = try honest.issue("forged signer", extensions: TestIssuer.signerExtensions())
        let result = try state(signer: forged, chain: [forged, honest], anchors: [root])
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
    }

    @Test("an intermediate without basicConstraints cannot issue")
    func intermediateWithoutBasicConstraints() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let intermediate = try root.issue("intermediate", extensions: try Certificate.Extensions {
            Critical(KeyUsage(keyCertSign: true))
        })
        let leaf = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(signer: leaf, chain: [leaf, intermediate], anchors: [root]).state == .valid)
    }

    @Test("a CA intermediate whose key usage lacks keyCertSign cannot issue")
    func intermediateWithoutKeyCertSign() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let intermediate = try root.issue("intermediate", extensions: try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            Critical(KeyUsage(digitalSignature: true))
        })
        let leaf = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(signer: leaf, chain: [leaf, intermediate], anchors: [root]).state == .valid)
    }

    @Test("an anchor with pathLen 0 cannot have an intermediate below it; pathLen 1 can")
    func pathLength() throws {
        for (pathLength, expected) in [(0, C2PAState.valid), (1, .trusted)] {
            let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions(pathLength: pathLength))
            let intermediate = try root.issue("intermediate", extensions: TestIssuer.caExtensions())
            let leaf = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions())
            #expect(try state(signer: leaf, chain: [leaf, intermediate], anchors: [root]).state == expected)
        }
    }

    @Test("an intermediate outside its validity at the validation time breaks the path")
    func expiredIntermediate() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let intermediate = try root.issue(
            "intermediate", extensions: TestIssuer.caExtensions(), notBefore: TestPKI.farPast,
            notAfter: TestPKI.farPast.addingTimeInterval(86_400))
        let leaf = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(signer: leaf, chain: [leaf, intermediate], anchors: [root]).state == .valid)
    }

    @Test("an unknown critical extension breaks the path on the intermediate, and violates the profile on the signer")
    func unknownCriticalExtension() throws {
        let unknown = Certificate.Extension(oid: [1, 3, 6, 1, 4, 1, 99_999, 1], critical: true, value: [0x05, 0x00])
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        var intermediateExtensions = try TestIssuer.caExtensions()
        try intermediateExtensions.append(unknown)
        let badIntermediate = try root.issue("intermediate", extensions: intermediateExtensions)
        let leaf = try badIntermediate.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(signer: leaf, chain: [leaf, badIntermediate], anchors: [root]).state == .valid)

        let goodIntermediate = try root.issue("intermediate", extensions: TestIssuer.caExtensions())
        var leafExtensions = try TestIssuer.signerExtensions()
        try leafExtensions.append(unknown)
        let badLeaf = try goodIntermediate.issue("signer", extensions: leafExtensions)
        let badLeafResult = try state(signer: badLeaf, chain: [badLeaf, goodIntermediate], anchors: [root])
        #expect(badLeafResult.state == .invalid)
        #expect(badLeafResult.failures.contains("signingCredential.invalid"))
    }

    @Test("an issuer name that does not match, or a signature by another key, breaks the path")
    func nameAndKeyMismatch() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let intermediate = try root.issue("intermediate", extensions: TestIssuer.caExtensions())
        let renamed = try intermediate.issue(
            "signer", extensions: TestIssuer.signerExtensions(), issuerName: try TestIssuer.name("someone else"))
        #expect(try state(signer: renamed, chain: [renamed, intermediate], anchors: [root]).state == .valid)
        // Same subject name as the real intermediate, different key.
        let impostor = try root.issue("intermediate", extensions: TestIssuer.caExtensions())
        let leaf = try intermediate.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(signer: leaf, chain: [leaf, impostor], anchors: [root]).state == .valid)
    }

    @Test("a root with the anchor's name but another key is not the anchor")
    func lookAlikeRoot() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let rogue = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let leaf = try rogue.issue("signer", extensions: TestIssuer.signerExtensions())
        #expect(try state(signer: leaf, chain: [leaf, rogue], anchors: [root]).state == .valid)
    }

    @Test("without anchors or allowed signers nothing is trusted, even a chain that carries its root")
    func noAnchors() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let leaf = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        let result = C2PAVerifier().verify(try FixtureBuilder(key: leaf.key, chain: [leaf.certificate, root.certificate]).jpeg())
        #expect(result.state == .valid)
        #expect(!result.successes.contains("signingCredential.trusted"))
    }

    @Test("the allowed list compares whole certificates: the same name with another key is not allowed")
    func allowedListComparesDER() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let allowed = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        let twin = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        let trust = try TrustSettings.load(trustAnchorsPEM: nil, allowedSignersPEM: try allowed.pem, trustConfig: nil)
        #expect(C2PAVerifier(trust: trust).verify(try FixtureBuilder(key: allowed.key, chain: [allowed.certificate]).jpeg()).state == .trusted)
        #expect(C2PAVerifier(trust: trust).verify(try FixtureBuilder(key: twin.key, chain: [twin.certificate]).jpeg()).state == .valid)
    }

    @Test("an x5chain longer than 16 certificates is refused as signingCredential.invalid")
    func overlongChain() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let leaf = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        var builder = FixtureBuilder(key: leaf.key, chain: [leaf.certificate])
        builder.rawChain = Array(repeating: try leaf.certificate.derBytes, count: 17)
        let result = C2PAVerifier().verify(try builder.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("signingCredential.invalid"))
    }
}
