import ByteParsing
import C2PA
import Crypto
import Foundation
import Testing

/// Crafted stores that try to make the verifier do unbounded work: the same large assertion or
/// manifest referenced thousands of times, thousands of assertions, deep nesting in the claim.
/// Each must finish quickly with a definite result.
@Suite("Hostile manifest stores")
struct HostileInputTests {
    let pki: TestPKI
    let key: TestKey
    let builder: FixtureBuilder

    init() throws {
        pki = try TestPKI()
        key = .p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    /// Verifies `bytes`, returning the result and the elapsed seconds.
    func timedVerify(_ bytes: [UInt8]) -> (C2PAResult, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = C2PAVerifier().verify(bytes)
        let elapsed = start.duration(to: clock.now)
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    @Test("a claim referencing one 1 MB assertion 20,000 times hashes it once")
    func repeatedReferences() throws {
        var flood = builder
        flood.paddingAssertionBytes = 1_000_000
        flood.repeatedLastReference = 20_000
        let (result, seconds) = timedVerify(try flood.jpeg())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
        #expect(result.successes.contains("assertion.hashedURI.match"))
        // Without the digest cache this is 20 GB of SHA-256.
        #expect(seconds < 30)
    }

    @Test("3,000 ingredients pointing at one 1 MB parent manifest hash it once")
    func repeatedIngredients() throws {
        var flood = builder
        flood.withAIParent = true
        flood.paddingAssertionBytes = 1_000_000
        flood.ingredientCopies = 3_000
        let (result, seconds) = timedVerify(try flood.jpeg())
        #expect(result.manifestCount == 2)
        #expect(result.aiInHistory)
        #expect(result.failures.contains("manifest.multipleParents"))
        #expect(seconds < 30)
    }

    @Test("ingredients that name each other (A → B → A) are resolved once each, not followed")
    func ingredientCycle() throws {
        var cyclic = builder
        cyclic.withAIParent = true
        cyclic.cyclicIngredient = true
        let (result, seconds) = timedVerify(try cyclic.jpeg())
        // A signed cycle cannot be genuine (each manifest would hold the other's hash): the parent's
        // reference back to the active manifest mismatches, an ingredient delta, so the asset is invalid.
        #expect(result.state == .invalid)
        #expect(result.manifestCount == 2)
        #expect(result.ingredients.count == 1)
        #expect(seconds < 30)
    }

    @Test("15,000 distinct assertions resolve without a quadratic scan")
    func manyAssertions() throws {
        var wide = builder
        wide.fillerAssertions = 15_000
        let (result, seconds) = timedVerify(try wide.jpeg())
        #expect(result.state == .valid)
        #expect(result.failures == ["signingCredential.untrusted"])
        #expect(result.successes.contains("assertion.hashedURI.match"))
        #expect(seconds < 30)
    }

    @Test("CBOR nested 100,000 arrays deep is refused at the depth limit, not by the stack")
    func deepNesting() {
        let nested = [UInt8](repeating: 0x81, count: 100_000) + [0x00]
        do {
            _ = try CBORDecoder().decode(nested)
            Issue.record("decoded a 100,000-deep document")
        } catch {
            #expect(error.code == .depthExceeded)
            #expect(error.offset == 65)
        }
    }

    @Test("declared lengths far beyond the data fail before allocating")
    func hugeDeclaredLengths() throws {
        let cases: [[UInt8]] = [
            [0x5B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],  // byte string of 2^63 - 1 bytes
            [0x9B, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00],  // array of 2^32 items
            [0xBA, 0xFF, 0xFF, 0xFF, 0xFF],  // map of 2^32 - 1 entries
        ]
        for bytes in cases {
            do {
                _ = try CBORDecoder().decode(bytes)
                Issue.record("decoded \(bytes)")
            } catch {
                #expect(error.code == .truncated || error.code == .limitExceeded)
            }
        }
    }
}
