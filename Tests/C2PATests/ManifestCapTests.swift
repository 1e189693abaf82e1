import ByteParsing
import C2PA
import Crypto
import Testing

/// The cap on manifests per store (`ParseLimits.maxManifests`): a store of many copies of one signed
/// manifest is refused with a typed code before any manifest is decoded or validated, so its cost
/// is one JUMBF walk, linear in the store.
@Suite("Manifests per store")
struct ManifestCapTests {
    let builder: FixtureBuilder
    let manifest: [UInt8]

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
        let actions = FixtureBuilder.actionsAssertion("c2pa.created", digitalSourceType: nil)
        manifest = try builder.signedManifest(label: builder.label, assertions: [("c2pa.actions.v2", actions)], title: "copy.jpg")
    }

    /// A JPEG whose manifest store holds `copies` copies of one signed manifest.
    func jpeg(copies: Int) -> [UInt8] {
        let store = FixtureBuilder.superbox(label: "c2pa", typeCode: "c2pa", children: Array(repeating: manifest, count: copies))
        return [0xFF, 0xD8] + builder.app11Segments(store).flatMap { $0 } + FixtureBuilder.jpegBody
    }

    @Test("one manifest past the default cap is refused with too_many_manifests")
    func defaultCap() throws {
        let cap = ParseLimits.default.maxManifests
        let bytes = jpeg(copies: cap + 1)
        #expect(bytes.count < 1_000_000)
        let result = C2PAVerifier().verify(bytes)
        #expect(result.state == .error)
        #expect(result.errorCode == "too_many_manifests")
        #expect(result.manifests.isEmpty)  // nothing was validated
        #expect(throws: ParseError(.tooManyManifests, at: nil, "")) {
            try ManifestStore(bytes: FixtureBuilder.superbox(label: "c2pa", typeCode: "c2pa", children: Array(repeating: manifest, count: cap + 1)))
        }
    }

    @Test("a configured cap: at the cap every manifest is validated, one more is refused")
    func configuredCap() throws {
        let verifier = C2PAVerifier(limits: ParseLimits(maxManifests: 3))
        let atCap = verifier.verify(jpeg(copies: 3))
        #expect(atCap.errorCode == nil, "\(atCap.errorMessage ?? "")")
        #expect(atCap.manifestCount == 3)
        #expect(atCap.manifests.count == 3)
        let over = verifier.verify(jpeg(copies: 4))
        #expect(over.errorCode == "too_many_manifests")
        #expect(over.errorOffset != nil)
    }
}
