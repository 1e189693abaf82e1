import C2PA
import Foundation
import Testing
import X509

/// The five forgeries of issue 8, each built by the project's own fixture code (in-memory test PKI,
/// a self-made time-stamp authority, ingredient tampering, an unprotected `x5chain`, a signer
/// without an authority key identifier). Each was accepted as `trusted` before; each must be refused.
@Suite("Forgeries are refused")
struct ForgeryTests {
    let root: TestIssuer
    let trust: TrustSettings

    init() throws {
        root = try TestIssuer.selfSigned("forgery test root", extensions: TestIssuer.caExtensions())
        trust = try TrustSettings.load(trustAnchorsPEM: try root.pem, allowedSignersPEM: nil, trustConfig: nil)
    }

    @Test("1: an expired signer back-dated by a self-made time-stamp authority is invalid, not trusted")
    func backDatedBySelfMadeTimeStampAuthority() throws {
        let expired = try root.issue(
            "expired signer", extensions: TestIssuer.signerExtensions(), notBefore: TestPKI.farPast,
            notAfter: TestPKI.farPast.addingTimeInterval(30 * 86_400))
        let selfMadeTSA = try TestIssuer.selfSigned("home-made TSA", extensions: try Certificate.Extensions {
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.timeStamping])
        })
        var builder = FixtureBuilder(key: expired.key, chain: [expired.certificate])
        builder.digitalSourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
        builder.timeStamp = { input in
            try TestTimeStamp.token(imprintInput: input, time: TestPKI.farPast.addingTimeInterval(86_400), authority: selfMadeTSA)
        }
        let result = C2PAVerifier(trust: trust).verify(try builder.jpeg())
        #expect(result.state == .invalid)
        #expect(result.informational.contains("timeStamp.untrusted"))
        #expect(result.failures.contains("signingCredential.expired"))
        #expect(result.failures.contains("claimSignature.outsideValidity"))
        #expect(!result.successes.contains("signingCredential.trusted"))
    }

    @Test("2: one byte changed in an ingredient's manifest makes the active manifest invalid and drops its AI history")
    func tamperedIngredientManifest() throws {
        let signer = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        var builder = FixtureBuilder(key: signer.key, chain: [signer.certificate])
        builder.withAIParent = true
        let honest = try builder.jpeg()
        let control = C2PAVerifier(trust: trust).verify(honest)
        #expect(control.state == .trusted)
        #expect(control.aiInHistory)

        // Flip one byte of the parent's title ("parent.jpg" → "parenT.jpg") inside its signed claim.
        let needle = Array("parent.jpg".utf8)
        let claimStart = try #require(Self.firstIndex(of: needle, in: honest))  // the parent's claim comes first
        var tampered = honest
        tampered[claimStart + 5] ^= 0x20
        let result = C2PAVerifier(trust: trust).verify(tampered)
        #expect(result.state == .invalid)
        #expect(!result.aiInHistory)
        let parent = try #require(result.ingredients.first { $0.label == FixtureBuilder.parentLabel })
        #expect(parent.failures.contains("ingredient.manifest.mismatch"))
        // Not one of the active manifest's own codes (the reference lists it as an ingredient delta).
        #expect(!result.failures.contains("ingredient.manifest.mismatch"))

        // The same through the builder's own switch: a wrong hash in the ingredient reference.
        builder.wrongIngredientHash = true
        let wrongHash = C2PAVerifier(trust: trust).verify(try builder.jpeg())
        #expect(wrongHash.state == .invalid)
        #expect(!wrongHash.aiInHistory)
    }

    @Test("3: a self-signed manifest declaring digitalCapture is at best valid, with or without anchors")
    func selfSignedCaptureClaim() throws {
        let selfSigned = try TestIssuer.selfSigned("self-signed camera", extensions: TestIssuer.signerExtensions())
        var builder = FixtureBuilder(key: selfSigned.key, chain: [selfSigned.certificate])
        builder.digitalSourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
        let bytes = try builder.jpeg()
        for settings in [TrustSettings(), trust] {
            let result = C2PAVerifier(trust: settings).verify(bytes)
            #expect(result.state == .valid)
            #expect(result.failures == ["signingCredential.untrusted"])
        }
    }

    @Test("4: an x5chain only in the unprotected header is never trusted")
    func unprotectedCertificateChain() throws {
        let signer = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        var builder = FixtureBuilder(key: signer.key, chain: [signer.certificate])
        let control = C2PAVerifier(trust: trust).verify(try builder.jpeg())
        #expect(control.state == .trusted)
        builder.chainInUnprotectedHeader = true
        let result = C2PAVerifier(trust: trust).verify(try builder.jpeg())
        #expect(result.state == .valid)
        #expect(result.successes.contains("claimSignature.validated"))
        #expect(!result.successes.contains("signingCredential.trusted"))
        #expect(result.failures == ["signingCredential.untrusted"])
    }

    @Test("5: a signer certificate without an authority key identifier is signingCredential.invalid")
    func signerWithoutAuthorityKeyIdentifier() throws {
        let signer = try root.issue("signer without AKI", extensions: TestIssuer.signerExtensions(), authorityKeyIdentifier: false)
        let result = C2PAVerifier(trust: trust).verify(try FixtureBuilder(key: signer.key, chain: [signer.certificate]).jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("signingCredential.invalid"))
        #expect(!result.successes.contains("signingCredential.trusted"))
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
