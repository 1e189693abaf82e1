import C2PA
import Crypto
import Foundation
import Testing

/// An update manifest has no hard binding of its own: the asset is bound by its parent's. That
/// parent must be the one the update manifest's signed ingredient names (hash included), otherwise
/// a signed update manifest could lend its trust to any parent binding any pixels.
@Suite("Update manifests and their parent's binding")
struct UpdateManifestTests {
    let builder: FixtureBuilder

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        var builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
        builder.withAIParent = true
        builder.updateManifest = true
        self.builder = builder
    }

    @Test("an update manifest over the parent its ingredient names is valid (control)")
    func matchingParent() throws {
        let result = C2PAVerifier().verify(try builder.jpeg())
        #expect(result.state == .valid)
        #expect(result.successes.contains("assertion.dataHash.match"))
        #expect(result.manifestCount == 2)
    }

    @Test("a parent that is not the one the ingredient hash names does not bind the asset")
    func substitutedParent() throws {
        var forged = builder
        forged.wrongIngredientHash = true
        let result = C2PAVerifier().verify(try forged.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("ingredient.manifest.mismatch"))
        #expect(!result.successes.contains("assertion.dataHash.match"))
    }
}
