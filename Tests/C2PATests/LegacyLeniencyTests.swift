import C2PA
import Foundation
import Testing
import X509

/// The two claim v1 leniencies kept by default to match the reference (``ReferenceRule/claimV1TimeStampGrace``,
/// ``ReferenceRule/unprotectedCertificateChain``) and the strict mode that turns both off
/// (`TrustSettings.strict`, `provenant verify --strict`). Claim v2 manifests get the strict rule in both modes.
@Suite("Claim v1 leniency and the strict mode")
struct LegacyLeniencyTests {
    let root: TestIssuer
    let trust: TrustSettings

    init() throws {
        root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        trust = try TrustSettings.load(trustAnchorsPEM: try root.pem, allowedSignersPEM: nil, trustConfig: nil)
    }

    var strict: TrustSettings {
        var settings = trust
        settings.strict = true
        return settings
    }

    @Test("strict turns both leniencies off, and only them")
    func strictFlags() {
        #expect(trust.legacyTimeStampGrace && trust.legacyUnprotectedCertificateChain && !trust.strict)
        #expect(!strict.legacyTimeStampGrace && !strict.legacyUnprotectedCertificateChain && strict.strict)
        #expect(strict.acceptedEKUs == trust.acceptedEKUs)
    }

    @Test("claim v1, x5chain only in the unprotected header: trusted by default (as the reference), untrusted in strict mode")
    func unprotectedChain() throws {
        let signer = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        for claimV1 in [true, false] {
            var builder = FixtureBuilder(key: signer.key, chain: [signer.certificate])
            builder.claimV1 = claimV1
            builder.chainInUnprotectedHeader = true
            let bytes = try builder.jpeg()
            let lenient = C2PAVerifier(trust: trust).verify(bytes)
            let strictResult = C2PAVerifier(trust: strict).verify(bytes)
            #expect(lenient.state == (claimV1 ? .trusted : .valid))
            #expect(strictResult.state == .valid)
            #expect(strictResult.failures == ["signingCredential.untrusted"])
        }
    }

    @Test("claim v1, expired signer dated by a self-made time-stamp authority: valid by default, invalid in strict mode")
    func untrustedTimeStamp() throws {
        let expired = try root.issue(
            "signer", extensions: TestIssuer.signerExtensions(), notBefore: TestPKI.farPast,
            notAfter: TestPKI.farPast.addingTimeInterval(30 * 86_400))
        let rogueTSA = try TestIssuer.selfSigned("rogue time-stamp authority", extensions: try Certificate.Extensions {
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.timeStamping])
        })
        for claimV1 in [true, false] {
            var builder = FixtureBuilder(key: expired.key, chain: [expired.certificate])
            builder.claimV1 = claimV1
            builder.timeStamp = { input in
                try TestTimeStamp.token(imprintInput: input, time: TestPKI.farPast.addingTimeInterval(86_400), authority: rogueTSA)
            }
            let bytes = try builder.jpeg()
            let lenient = C2PAVerifier(trust: trust).verify(bytes)
            let strictResult = C2PAVerifier(trust: strict).verify(bytes)
            // The grace dates the v1 signature by the token, but never makes a signer expired today trusted.
            #expect(lenient.state == (claimV1 ? .valid : .invalid))
            #expect(strictResult.state == .invalid)
            #expect(strictResult.failures.contains("claimSignature.outsideValidity"))
            #expect(strictResult.informational.contains("timeStamp.untrusted"))
        }
    }
}
