import C2PA
import Crypto
import Testing

@Suite("Trust settings")
struct TrustSettingsTests {
    @Test("a trust configuration lists OIDs one per line; comments, blanks and junk are ignored")
    func trustConfig() {
        let text = """
            // id-kp-emailProtection
            1.3.6.1.5.5.7.3.4

            1.3.6.1.4.1.311.76.59.1.9 // Microsoft C2PA signing
            not an oid
            1..2
            \t1.3.6.1.5.5.7.3.36\r
            """
        #expect(TrustSettings.parseTrustConfig(text) == ["1.3.6.1.5.5.7.3.4", "1.3.6.1.4.1.311.76.59.1.9", "1.3.6.1.5.5.7.3.36"])
    }

    @Test("the default EKU list is the reference's built-in one")
    func defaults() {
        let settings = TrustSettings()
        #expect(settings.anchors.isEmpty)
        #expect(settings.allowedSigners.isEmpty)
        #expect(settings.acceptedEKUs.contains("1.3.6.1.5.5.7.3.4"))
        #expect(settings.acceptedEKUs.contains("1.3.6.1.5.5.7.3.36"))
        #expect(!settings.acceptedEKUs.contains("1.3.6.1.4.1.311.76.59.1.9"))
    }

    @Test("PEM bundles load every certificate; broken base64 is an error; unparseable certificates are counted")
    func pemBundles() throws {
        let pki = try TestPKI()
        let leaf = try pki.leaf(for: .p256(P256.Signing.PrivateKey()))
        let bundle = try pki.rootPEM + "\n" + (try leaf.serializeAsPEM().pemString)
        let settings = try TrustSettings.load(trustAnchorsPEM: bundle, allowedSignersPEM: nil, trustConfig: nil)
        #expect(settings.anchors.count == 2)
        #expect(throws: TrustSettingsError.self) {
            try TrustSettings.load(trustAnchorsPEM: "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n", allowedSignersPEM: nil, trustConfig: nil)
        }
        let junk = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        let skipped = try TrustSettings.load(trustAnchorsPEM: junk, allowedSignersPEM: nil, trustConfig: nil)
        #expect(skipped.anchors.isEmpty)
        #expect(skipped.skippedCertificates == 1)
    }
}
