import C2PA
import Crypto
import Foundation
import Testing

/// The COSE algorithm must fit the signer's key: an ES384 or ES512 header over a P-256 key (a
/// signature made with the right hash, so only the curve/algorithm pairing is wrong) is refused.
/// The signature must cover the stored claim bytes, whatever payload the structure embeds.
@Suite("COSE algorithm and key binding")
struct COSEBindingTests {
    @Test("an ECDSA signature whose alg names another curve's algorithm does not verify", arguments: [-35, -36])
    func algorithmCurveMismatch(alg: Int) throws {
        let pki = try TestPKI()
        let privateKey = P256.Signing.PrivateKey()
        let key = TestKey.p256(privateKey)
        var builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
        builder.coseAlgorithm = alg
        builder.signOverride = { message in
            alg == -35
                ? Array(try privateKey.signature(for: SHA384.hash(data: message)).rawRepresentation)
                : Array(try privateKey.signature(for: SHA512.hash(data: message)).rawRepresentation)
        }
        let result = C2PAVerifier().verify(try builder.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("claimSignature.mismatch"))
    }

    @Test("ES256 over a P-256 key still verifies (control)")
    func matchingAlgorithm() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        let builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
        #expect(C2PAVerifier().verify(try builder.jpeg()).state == .valid)
    }

    @Test("a signature over an embedded payload does not vouch for the claim box")
    func embeddedPayload() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        var builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
        // Any bytes the signer once signed, e.g. the claim of another of its manifests.
        builder.embeddedPayload = CBOREncoder.encode(.map([CBORMapEntry(key: .text("claim"), value: .text("signed long ago"))]))
        let result = C2PAVerifier().verify(try builder.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("claimSignature.mismatch"))
        #expect(!result.successes.contains("claimSignature.validated"))
    }
}
