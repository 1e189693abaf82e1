import C2PA
import Crypto
import Foundation
import Testing

/// A missing assertion is excused as redacted only when a later manifest (one that took this one as
/// an ingredient) redacted it. The active manifest has no later manifest: nobody — neither itself
/// nor an earlier manifest slipped into the store — can redact its assertions, so removing, say, its
/// AI declaration keeps it invalid.
@Suite("Redaction is only by later manifests")
struct RedactionTests {
    let builder: FixtureBuilder

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    var actionsURI: String { "self#jumbf=/c2pa/\(builder.label)/c2pa.assertions/c2pa.actions.v2" }

    @Test("the active manifest cannot redact its own assertion")
    func selfRedaction() throws {
        var stripped = builder
        stripped.redactions = [actionsURI]
        stripped.droppedAssertions = ["c2pa.actions.v2"]
        let result = C2PAVerifier().verify(try stripped.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("assertion.missing"))
        #expect(!result.informational.contains("assertion.redacted"))
    }

    @Test("an earlier manifest in the store cannot redact the active manifest's assertion")
    func redactionByEarlierManifest() throws {
        var stripped = builder
        stripped.withAIParent = true
        stripped.redactions = [actionsURI]  // carried by the parent's claim
        stripped.droppedAssertions = ["c2pa.actions.v2"]
        let result = C2PAVerifier().verify(try stripped.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("assertion.missing"))
    }
}
