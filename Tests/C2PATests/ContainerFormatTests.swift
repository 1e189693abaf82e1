import C2PA
import Crypto
import Testing

/// Content Credentials in WebP (RIFF `C2PA` chunk, data hash) and ISO BMFF (`uuid` box, `c2pa.hash.bmff.v2`),
/// built and signed in code; needs nothing outside the package.
@Suite("C2PA in WebP and ISO BMFF containers")
struct ContainerFormatTests {
    let builder: FixtureBuilder

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    @Test("a signed WebP verifies; a changed image byte breaks the data hash")
    func webp() throws {
        let signed = try builder.webp()
        let result = C2PAVerifier().verify(signed)
        #expect(result.state == .valid, "\(result.failures) \(result.errorMessage ?? "")")
        #expect(result.successes.contains("assertion.dataHash.match"))
        var tampered = signed
        tampered[12 + 9] ^= 0x01  // inside the VP8L chunk
        let broken = C2PAVerifier().verify(tampered)
        #expect(broken.state == .invalid)
        #expect(broken.failures.contains("assertion.dataHash.mismatch"))
    }

    @Test("a signed BMFF file verifies with the v2 hash; a changed mdat byte or a moved box breaks it")
    func bmff() throws {
        let signed = try builder.bmff()
        let result = C2PAVerifier().verify(signed)
        #expect(result.state == .valid, "\(result.failures) \(result.errorMessage ?? "")")
        #expect(result.successes.contains("assertion.bmffHash.match"))
        var tampered = signed
        tampered[tampered.count - 3] ^= 0x01
        #expect(C2PAVerifier().verify(tampered).failures.contains("assertion.bmffHash.mismatch"))
        // Same bytes, mdat moved 8 bytes later behind a free box: v2 hashes the offset, so this must fail.
        let mdat = Array(FixtureBuilder.bmffMediaData)
        let moved = Array(signed.dropLast(mdat.count)) + FixtureBuilder.bmffBox("free", []) + mdat
        #expect(C2PAVerifier().verify(moved).failures.contains("assertion.bmffHash.mismatch"))
    }
}
