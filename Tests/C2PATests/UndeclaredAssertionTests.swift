import C2PA
import Crypto
import Foundation
import Testing

/// Only assertions the signed claim references count. An assertion box slipped into the assertion
/// store afterwards is unsigned: it must not stand in for the hard binding or declare a source type.
@Suite("Assertions the claim does not reference")
struct UndeclaredAssertionTests {
    let builder: FixtureBuilder

    init() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
    }

    @Test("changed pixels plus an unsigned data hash over them stay a data-hash mismatch")
    func smuggledDataHash() throws {
        var forged = builder
        forged.smuggledBody = [0xFF, 0xFE, 0x00, 0x0E] + Array("forged image".utf8) + [0xFF, 0xD9]
        let result = C2PAVerifier().verify(try forged.jpeg())
        // The reference refuses to read a store with an assertion its claim does not reference.
        #expect(result.state == .error)
        #expect(result.errorCode == "assertion_undeclared")
        #expect(!result.successes.contains("assertion.dataHash.match"))
    }

    @Test("an unsigned actions assertion does not declare a digital source type")
    func smuggledActions() throws {
        var forged = builder
        forged.digitalSourceType = nil
        forged.smuggledBody = FixtureBuilder.jpegBody
        forged.smuggledLabel = "c2pa.actions.v2__9"
        let result = C2PAVerifier().verify(try forged.jpeg())
        // Present in the store but not referenced by the claim: assertion.undeclared (C2PA 2.2 §15.10.3),
        // which the reference treats as a read error.
        #expect(result.state == .error)
        #expect(result.errorCode == "assertion_undeclared")
        #expect(result.digitalSourceType == nil)
        #expect(result.aiInHistory == false)
    }
}
