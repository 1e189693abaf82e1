import ByteParsing
import C2PA
import Crypto
import Foundation
import Testing

@Suite("COSE_Sign1 parsing")
struct COSETests {
    static let protected = CBOREncoder.encode(.map([CBORMapEntry(key: .integer(1), value: .integer(-7))]))

    @Test("a tagged COSE_Sign1 with a detached payload parses and builds the Sig_structure")
    func parses() throws {
        let value = CBORValue.tagged(18, .array([
            .bytes(Self.protected),
            .map([CBORMapEntry(key: .text("sigTst"), value: .map([CBORMapEntry(key: .text("tstTokens"), value: .array([
                .map([CBORMapEntry(key: .text("val"), value: .bytes([0x30, 0x00]))]),
            ]))]))]),
            .null, .bytes([9, 9]),
        ]))
        let cose = try COSESign1(value)
        #expect(cose.payload == nil)
        #expect(cose.algorithm.flatMap(COSEAlgorithm.init(header:)) == .es256)
        #expect(cose.signature == [9, 9])
        #expect(cose.timeStampTokens.map(\.token) == [[0x30, 0x00]])
        #expect(cose.signatureInput(detachedPayload: [1, 2]) == CBOREncoder.encode(.array([
            .text("Signature1"), .bytes(Self.protected), .bytes([]), .bytes([1, 2]),
        ])))
    }

    @Test("x5chain is read as a single bstr or an array: protected label 33, else unprotected \"x5chain\" only")
    func chain() throws {
        let single = try COSESign1(.array([
            .bytes(CBOREncoder.encode(.map([CBORMapEntry(key: .integer(33), value: .bytes([1]))]))), .map([]), .null, .bytes([]),
        ]))
        #expect(single.certificateChain == [[1]])
        #expect(single.certificateChainIsProtected)
        let unprotected = try COSESign1(.array([
            .bytes([]), .map([CBORMapEntry(key: .text("x5chain"), value: .array([.bytes([1]), .bytes([2])]))]), .null, .bytes([]),
        ]))
        #expect(unprotected.certificateChain == [[1], [2]])
        #expect(!unprotected.certificateChainIsProtected)
        // Label 33 in the unprotected bucket is not read (the reference reads only the 1.x text label there).
        let numericUnprotected = try COSESign1(.array([
            .bytes([]), .map([CBORMapEntry(key: .integer(33), value: .array([.bytes([1])]))]), .null, .bytes([]),
        ]))
        #expect(numericUnprotected.certificateChain.isEmpty)
    }

    @Test("malformed COSE structures are refused", arguments: [
        CBORValue.tagged(17, .array([])),
        .array([.bytes([]), .map([]), .null]),
        .array([.text("x"), .map([]), .null, .bytes([])]),
        .array([.bytes([0x01]), .map([]), .null, .bytes([])]),
        .array([.bytes([]), .array([]), .null, .bytes([])]),
        .array([.bytes([]), .map([]), .unsigned(1), .bytes([])]),
        .array([.bytes([]), .map([]), .null, .text("sig")]),
        .map([]),
    ])
    func malformed(value: CBORValue) {
        #expect(throws: ParseError.self) { try COSESign1(value) }
    }

    @Test("COSE algorithm identifiers map to the C2PA algorithms")
    func algorithms() {
        let expected: [(Int, COSEAlgorithm?)] = [
            (-7, .es256), (-35, .es384), (-36, .es512), (-37, .ps256), (-38, .ps384), (-39, .ps512), (-8, .ed25519), (-257, nil), (0, nil),
        ]
        for (identifier, algorithm) in expected {
            #expect(COSEAlgorithm(header: .integer(identifier)) == algorithm)
        }
        #expect(COSEAlgorithm(header: .text("EdDSA")) == .ed25519)
    }

    @Test("absurd certificate chains are invalid credentials, not crashes")
    func absurdChains() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        // Build stores with the raw chains directly.
        for chain in [[[UInt8]](repeating: try pki.root.derBytes, count: 40), [[0x30, 0x03, 0x02, 0x01, 0x00]]] {
            let result = C2PAVerifier().verify(try RawChainFixture(key: key, chain: chain).jpeg())
            #expect(result.state == .invalid)
            #expect(result.failures.contains("signingCredential.invalid"))
        }
        // No certificate at all: the reference cannot read the signature; neither do we.
        let empty = C2PAVerifier().verify(try RawChainFixture(key: key, chain: []).jpeg())
        #expect(empty.state == .error)
        #expect(empty.errorCode == "no_certificate_chain")
    }
}

/// A fixture whose x5chain is arbitrary DER.
struct RawChainFixture {
    let key: TestKey
    let chain: [[UInt8]]

    func jpeg() throws -> [UInt8] {
        var builder = FixtureBuilder(key: key, chain: [])
        builder.rawChain = chain
        return try builder.jpeg()
    }
}
