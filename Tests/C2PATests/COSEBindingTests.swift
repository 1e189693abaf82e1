import C2PA
import Crypto
import Foundation
import Testing

/// The COSE algorithm must fit the signer's key: an ES384 or ES512 header over a P-256 key (a
/// signature made with the right hash, so only the curve/algorithm pairing is wrong) is refused.
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
}
