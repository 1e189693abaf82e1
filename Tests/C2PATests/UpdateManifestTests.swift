import C2PA
import Crypto
import Foundation
import Testing
import X509

/// An update manifest has no hard binding of its own: the asset is bound by its parent's. That
/// parent must be the one the update manifest's signed ingredient names (hash included), otherwise
/// a signed update manifest could lend its trust to any parent binding any pixels. Its own content is
/// limited (C2PA 2.2 §11.2): exactly one ingredient, `parentOf`; no hard binding; no claim thumbnail;
/// only the metadata, opened, published and redacted actions.
@Suite("Update manifests and their parent's binding")
struct UpdateManifestTests {
    let builder: FixtureBuilder

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        self.builder = Self.updateBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    /// A builder of an update manifest over a signed AI-generated parent.
    static func updateBuilder(key: TestKey, chain: [Certificate]) -> FixtureBuilder {
        var builder = FixtureBuilder(key: key, chain: chain)
        builder.withAIParent = true
        builder.updateManifest = true
        return builder
    }

    /// Named variants of an update manifest that break one rule each, with the code they must give
    /// (also written out for the reference comparison, `scripts/c2pa/compare_crafted.py`).
    static let variants: [(name: String, code: String, change: @Sendable (inout FixtureBuilder) -> Void)] = [
        ("update-componentOf", "manifest.update.wrongParents", { $0.updateRelationship = "componentOf" }),
        ("update-two-parents", "manifest.update.wrongParents", {
            $0.updateExtraAssertions = [("c2pa.ingredient.v3__1", UpdateManifestTests.ingredient(label: "c2pa.ingredient.v3__1", relationship: "parentOf"))]
        }),
        ("update-extra-component", "manifest.update.invalid", {
            $0.updateExtraAssertions = [("c2pa.ingredient.v3__1", UpdateManifestTests.ingredient(label: "c2pa.ingredient.v3__1", relationship: "componentOf"))]
        }),
        ("update-edited-action", "manifest.update.invalid", {
            $0.updateExtraAssertions = [("c2pa.actions.v2", FixtureBuilder.actionsAssertion("c2pa.edited", digitalSourceType: nil))]
        }),
        ("update-hard-binding", "manifest.update.invalid", {
            $0.updateExtraAssertions = [("c2pa.hash.data", FixtureBuilder.cborAssertion(
                label: "c2pa.hash.data", FixtureBuilder.dataHashValue(exclusion: 2..<10, assetHash: [UInt8](repeating: 0, count: 32))))]
        }),
        ("update-thumbnail", "manifest.update.invalid", {
            $0.updateExtraAssertions = [("c2pa.thumbnail.claim.jpeg", FixtureBuilder.cborAssertion(label: "c2pa.thumbnail.claim.jpeg", .bytes([0xFF, 0xD8])))]
        }),
    ]

    /// A v3 ingredient without a manifest reference.
    static func ingredient(label: String, relationship: String) -> [UInt8] {
        FixtureBuilder.cborAssertion(label: label, .map([
            FixtureBuilder.entry("dc:title", .text("other.jpg")), FixtureBuilder.entry("relationship", .text(relationship)),
        ]))
    }

    @Test("an update manifest over the parent its ingredient names is valid (control)")
    func matchingParent() throws {
        let result = C2PAVerifier().verify(try builder.jpeg())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
        #expect(result.successes.contains("assertion.dataHash.match"))
        #expect(result.manifestCount == 2)
    }

    @Test("an update manifest may record the metadata-edit and published actions")
    func allowedActions() throws {
        var allowed = builder
        let actions = FixtureBuilder.cborAssertion(label: "c2pa.actions.v2", .map([FixtureBuilder.entry("actions", .array([
            .map([FixtureBuilder.entry("action", .text("c2pa.edited.metadata"))]),
            .map([FixtureBuilder.entry("action", .text("c2pa.published"))]),
        ]))]))
        allowed.updateExtraAssertions = [("c2pa.actions.v2", actions)]
        let result = C2PAVerifier().verify(try allowed.jpeg())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
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

    @Test("each broken update-manifest rule is a failure with its code", arguments: variants.map(\.name))
    func brokenRule(_ name: String) throws {
        let variant = try #require(Self.variants.first { $0.name == name })
        var broken = builder
        variant.change(&broken)
        let result = C2PAVerifier().verify(try broken.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains(variant.code))
    }

    @Test("an update manifest whose only ingredient is not parentOf inherits no binding")
    func componentOnly() throws {
        var broken = builder
        broken.updateRelationship = "componentOf"
        let result = C2PAVerifier().verify(try broken.jpeg())
        #expect(result.failures.contains("manifest.update.wrongParents"))
        #expect(result.failures.contains("claim.hardBindings.missing"))
        #expect(!result.successes.contains("assertion.dataHash.match"))
    }

    @Test("an update manifest whose parent is missing from the store is bound by nothing")
    func missingParent() throws {
        var broken = builder
        broken.omitParent = true
        let result = C2PAVerifier().verify(try broken.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("ingredient.manifest.missing"))
        #expect(result.failures.contains("claim.hardBindings.missing"))
    }
}
