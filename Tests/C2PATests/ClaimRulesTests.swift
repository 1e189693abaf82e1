import C2PA
import Crypto
import Foundation
import Testing

/// Claim and actions rules the reference checks on claim v2 manifests (C2PA 2.2 §8.1, §10.2.2,
/// §18.14.2), each shown failing and passing on fixtures built by ``FixtureBuilder``.
@Suite("Claim and actions rules")
struct ClaimRulesTests {
    let builder: FixtureBuilder

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    @Test("a claim v2 manifest label without the urn:c2pa form is claim.malformed; the urn:c2pa form with a generator id is fine")
    func manifestLabelShape() throws {
        var bad = builder
        bad.label = "my-manifest"
        let result = C2PAVerifier().verify(try bad.jpeg())
        #expect(result.state == .invalid)
        #expect(result.failures.contains("claim.malformed"))
        var good = builder
        good.label = "urn:c2pa:11111111-2222-3333-4444-555555555555:acme:2_1"
        let control = C2PAVerifier().verify(try good.jpeg())
        #expect(control.state == .valid)
        #expect(control.failures == ["signingCredential.untrusted"])
    }

    @Test("c2pa.opened must name its parentOf ingredient: assertion.action.ingredientMismatch otherwise")
    func openedWithoutIngredient() throws {
        var edit = builder
        edit.withAIParent = true
        let named = C2PAVerifier().verify(try edit.jpeg())
        #expect(named.state == .valid)
        #expect(!named.failures.contains("assertion.action.ingredientMismatch"))
        edit.openedNamesIngredient = false
        let unnamed = C2PAVerifier().verify(try edit.jpeg())
        #expect(unnamed.state == .invalid)
        #expect(unnamed.failures.contains("assertion.action.ingredientMismatch"))
    }

    @Test("unknown assertion labels, long labels and extra claim fields are read, not refused")
    func tolerantReading() throws {
        var wide = builder
        wide.fillerAssertions = 3
        wide.paddingAssertionBytes = 4_000
        let result = C2PAVerifier().verify(try wide.jpeg())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
    }
}
