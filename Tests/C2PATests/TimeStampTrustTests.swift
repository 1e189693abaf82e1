import C2PA
import Foundation
import Testing
import X509

/// A time-stamp dates the signature only when its authority has the timeStamping EKU and chains to an
/// anchor; a home-made time-stamp authority cannot back-date an expired signer.
@Suite("Time-stamp trust and the validation time")
struct TimeStampTrustTests {
    @Test("an expired signer under a time-stamp from a self-made authority is judged now: invalid, timeStamp.untrusted")
    func untrustedAuthorityIsIgnored() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let expired = try root.issue(
            "signer", extensions: TestIssuer.signerExtensions(), notBefore: TestPKI.farPast,
            notAfter: TestPKI.farPast.addingTimeInterval(30 * 86_400))
        let rogueTSA = try TestIssuer.selfSigned("rogue time-stamp authority", extensions: try Certificate.Extensions {
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.timeStamping])
        })
        var builder = FixtureBuilder(key: expired.key, chain: [expired.certificate])
        builder.timeStamp = { input in
            try TestTimeStamp.token(imprintInput: input, time: TestPKI.farPast.addingTimeInterval(86_400), authority: rogueTSA)
        }
        let bytes = try builder.jpeg()
        let trust = try TrustSettings.load(trustAnchorsPEM: try root.pem, allowedSignersPEM: nil, trustConfig: nil)
        let result = C2PAVerifier(trust: trust).verify(bytes)
        #expect(result.successes.contains("timeStamp.validated"))
        #expect(result.informational.contains("timeStamp.untrusted"))
        #expect(!result.successes.contains("timeStamp.trusted"))
        #expect(result.state == .invalid)
        #expect(result.failures.contains("signingCredential.expired"))
        #expect(result.failures.contains("claimSignature.outsideValidity"))
        #expect(!result.successes.contains("claimSignature.insideValidity"))

        // A caller-fixed validation time inside the signer's validity is honoured instead of now.
        var fixed = trust
        fixed.validationTime = TestPKI.farPast.addingTimeInterval(2 * 86_400)
        #expect(C2PAVerifier(trust: fixed).verify(bytes).state == .trusted)

        // The same time-stamp from an authority certified by the anchor does date the signature.
        let goodTSA = try root.issue("time-stamp authority", extensions: try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.timeStamping])
        })
        builder.timeStamp = { input in
            try TestTimeStamp.token(imprintInput: input, time: TestPKI.farPast.addingTimeInterval(86_400), authority: goodTSA)
        }
        let dated = C2PAVerifier(trust: trust).verify(try builder.jpeg())
        #expect(dated.successes.contains("timeStamp.trusted"))
        #expect(dated.state == .trusted)
    }

    @Test("an anchor-certified authority without the timeStamping EKU is not a trusted time-stamp authority")
    func authorityWithoutTimeStampingEKU() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let expired = try root.issue(
            "signer", extensions: TestIssuer.signerExtensions(), notBefore: TestPKI.farPast,
            notAfter: TestPKI.farPast.addingTimeInterval(30 * 86_400))
        // An ordinary signer certificate from the same root (emailProtection only) signs the token.
        let signerAsTSA = try root.issue("another signer", extensions: TestIssuer.signerExtensions())
        var builder = FixtureBuilder(key: expired.key, chain: [expired.certificate])
        builder.timeStamp = { input in
            try TestTimeStamp.token(imprintInput: input, time: TestPKI.farPast.addingTimeInterval(86_400), authority: signerAsTSA)
        }
        let trust = try TrustSettings.load(trustAnchorsPEM: try root.pem, allowedSignersPEM: nil, trustConfig: nil)
        let result = C2PAVerifier(trust: trust).verify(try builder.jpeg())
        #expect(result.informational.contains("timeStamp.untrusted"))
        #expect(!result.successes.contains("timeStamp.trusted"))
        #expect(result.state == .invalid)
    }

    @Test("a token whose SignedData does not encapsulate a TSTInfo is malformed, and its time is not used")
    func wrongEncapsulatedContentType() throws {
        let root = try TestIssuer.selfSigned("root", extensions: TestIssuer.caExtensions())
        let signer = try root.issue("signer", extensions: TestIssuer.signerExtensions())
        let tsa = try root.issue("time-stamp authority", extensions: try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.timeStamping])
        })
        var builder = FixtureBuilder(key: signer.key, chain: [signer.certificate])
        builder.timeStamp = { input in
            // id-data instead of id-ct-TSTInfo: the same bytes, but not a time-stamp.
            try TestTimeStamp.token(imprintInput: input, time: TestPKI.farPast, authority: tsa, contentType: [1, 2, 840, 113549, 1, 7, 1])
        }
        let trust = try TrustSettings.load(trustAnchorsPEM: try root.pem, allowedSignersPEM: nil, trustConfig: nil)
        let result = C2PAVerifier(trust: trust).verify(try builder.jpeg())
        #expect(result.informational.contains("timeStamp.malformed"))
        #expect(!result.successes.contains("timeStamp.validated"))
        #expect(result.state == .trusted)
    }

    @Test("GeneralizedTime strings and instants round-trip by arithmetic", arguments: [
        (0.0, "19700101000000Z"), (951_782_400.0, "20000229000000Z"), (1_600_000_000.0, "20200913122640Z"),
        (2_500_000_000.0, "20490322042640Z"),
    ])
    func generalizedTime(seconds: Double, text: String) {
        #expect(TestTimeStamp.generalizedTime(Date(timeIntervalSince1970: seconds)) == text)
    }
}
