import ByteParsing
import C2PA
import Testing

/// Hex helpers for byte-level expectations.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    var bytes: [UInt8] = []
    var index = 0
    while index + 1 < digits.count {
        let pair = String(decoding: digits[index..<(index + 2)], as: UTF8.self)
        if let byte = UInt8(pair, radix: 16) { bytes.append(byte) }
        index += 2
    }
    return bytes
}

func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let text = String(byte, radix: 16)
        return byte < 16 ? "0" + text : text
    }.joined()
}

@Suite("CBOR decoder and encoder")
struct CBORTests {
    /// RFC 8949 Appendix A vectors whose encoding is the preferred one (decode and re-encode exactly).
    static let roundTripVectors: [(String, CBORValue)] = [
        ("00", .unsigned(0)), ("01", .unsigned(1)), ("0a", .unsigned(10)), ("17", .unsigned(23)), ("1818", .unsigned(24)),
        ("1819", .unsigned(25)), ("1864", .unsigned(100)), ("1903e8", .unsigned(1000)), ("1a000f4240", .unsigned(1_000_000)),
        ("1b000000e8d4a51000", .unsigned(1_000_000_000_000)), ("1bffffffffffffffff", .unsigned(UInt64.max)),
        ("20", .integer(-1)), ("29", .integer(-10)), ("3863", .integer(-100)), ("3903e7", .integer(-1000)),
        ("3bffffffffffffffff", .negative(UInt64.max)),
        ("f90000", .float(0.0)), ("f93c00", .float(1.0)), ("fb3ff199999999999a", .float(1.1)), ("f93e00", .float(1.5)),
        ("f97bff", .float(65504.0)), ("fa47c35000", .float(100_000.0)), ("fa7f7fffff", .float(3.4028234663852886e+38)),
        ("fb7e37e43c8800759c", .float(1.0e+300)), ("f90001", .float(5.960464477539063e-8)), ("f90400", .float(0.00006103515625)),
        ("f9c400", .float(-4.0)), ("fbc010666666666666", .float(-4.1)), ("f97c00", .float(.infinity)), ("f9fc00", .float(-.infinity)),
        ("f4", .bool(false)), ("f5", .bool(true)), ("f6", .null), ("f7", .undefined), ("f0", .simple(16)), ("f8ff", .simple(255)),
        ("c074323031332d30332d32315432303a30343a30305a", .tagged(0, .text("2013-03-21T20:04:00Z"))),
        ("c11a514b67b0", .tagged(1, .unsigned(1_363_896_240))),
        ("d74401020304", .tagged(23, .bytes([1, 2, 3, 4]))),
        ("40", .bytes([])), ("4401020304", .bytes([1, 2, 3, 4])), ("60", .text("")), ("6161", .text("a")),
        ("6449455446", .text("IETF")), ("62225c", .text("\"\\")), ("62c3bc", .text("\u{00FC}")), ("63e6b0b4", .text("\u{6C34}")),
        ("64f0908591", .text("\u{10151}")),
        ("80", .array([])), ("83010203", .array([.unsigned(1), .unsigned(2), .unsigned(3)])),
        ("8301820203820405", .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])])),
        ("a0", .map([])),
        ("a201020304", .map([CBORMapEntry(key: .unsigned(1), value: .unsigned(2)), CBORMapEntry(key: .unsigned(3), value: .unsigned(4))])),
        ("a26161016162820203", .map([
            CBORMapEntry(key: .text("a"), value: .unsigned(1)),
            CBORMapEntry(key: .text("b"), value: .array([.unsigned(2), .unsigned(3)])),
        ])),
        ("826161a161626163", .array([.text("a"), .map([CBORMapEntry(key: .text("b"), value: .text("c"))])])),
    ]

    @Test("RFC 8949 Appendix A: decode and re-encode byte for byte")
    func appendixA() throws {
        for (hex, expected) in Self.roundTripVectors {
            let decoded = try CBORDecoder().decode(hexBytes(hex))
            #expect(decoded == expected, "decoding \(hex)")
            #expect(hexString(CBOREncoder.encode(expected)) == hex, "encoding \(hex)")
        }
    }

    @Test("RFC 8949 Appendix A: non-preferred and indefinite-length forms decode")
    func appendixAIndefinite() throws {
        let cases: [(String, CBORValue)] = [
            ("5f42010243030405ff", .bytes([1, 2, 3, 4, 5])),
            ("7f657374726561646d696e67ff", .text("streaming")),
            ("9fff", .array([])),
            ("9f018202039f0405ffff", .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])])),
            ("83018202039f0405ff", .array([.unsigned(1), .array([.unsigned(2), .unsigned(3)]), .array([.unsigned(4), .unsigned(5)])])),
            ("bf61610161629f0203ffff", .map([
                CBORMapEntry(key: .text("a"), value: .unsigned(1)),
                CBORMapEntry(key: .text("b"), value: .array([.unsigned(2), .unsigned(3)])),
            ])),
            ("f98000", .float(-0.0)),
            ("fa7f800000", .float(.infinity)),
            ("fb7ff0000000000000", .float(.infinity)),
        ]
        for (hex, expected) in cases {
            #expect(try CBORDecoder().decode(hexBytes(hex)) == expected, "decoding \(hex)")
        }
        guard case .float(let nan) = try CBORDecoder().decode(hexBytes("f97e00")) else {
            Issue.record("NaN did not decode as a float")
            return
        }
        #expect(nan.isNaN)
    }

    @Test("malformed input fails with a clear code and offset", arguments: [
        ("1a0000", ParseError.Code.truncated),  // 4-byte argument cut short
        ("5bffffffffffffffff", .limitExceeded),  // byte string longer than memory
        ("5b00000000ffffffff00", .truncated),  // byte string longer than the data
        ("9b00000000ffffffff", .truncated),  // array count beyond the data, refused before allocating
        ("bb00000000ffffffff", .truncated),  // map count beyond the data
        ("9f01", .truncated),  // indefinite array without break
        ("ff", .invalidValue),  // lone break
        ("1c", .invalidValue),  // reserved additional information
        ("5f5f4100ffff", .invalidValue),  // nested indefinite string chunk
        ("5f6161ff", .invalidValue),  // text chunk inside a byte string
        ("62c328", .invalidValue),  // invalid UTF-8
        ("f818", .invalidValue),  // two-byte simple value below 32
        ("3f", .invalidValue),  // indefinite negative integer
        ("0001", .trailingData),  // bytes after the item
    ])
    func malformed(hex: String, code: ParseError.Code) {
        #expect(throws: ParseError(code, at: nil, "")) { try CBORDecoder().decode(hexBytes(hex)) }
    }

    @Test("deep nesting is refused at the depth limit, not by the stack")
    func deepNesting() throws {
        let deep = [UInt8](repeating: 0x81, count: 100_000) + [0x00]
        #expect(throws: ParseError(.depthExceeded, at: nil, "")) { try CBORDecoder().decode(deep) }
        let tags = [UInt8](repeating: 0xC6, count: 10_000) + [0x00]
        #expect(throws: ParseError(.depthExceeded, at: nil, "")) { try CBORDecoder().decode(tags) }
        let indefinite = [UInt8](repeating: 0x9F, count: 10_000)
        #expect(throws: ParseError(.depthExceeded, at: nil, "")) { try CBORDecoder().decode(indefinite) }
        let shallow = [UInt8](repeating: 0x81, count: 10) + [0x00]
        #expect(try CBORDecoder().decode(shallow) != .null)
        let limited = CBORDecoder(limits: CBORLimits(maxDepth: 3))
        #expect(throws: ParseError(.depthExceeded, at: nil, "")) { try limited.decode(shallow) }
    }

    @Test("the item limit stops wide documents")
    func itemLimit() {
        let wide = [0x99, 0x03, 0xE8] + [UInt8](repeating: 0x00, count: 1000)
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) { try CBORDecoder(limits: CBORLimits(maxItems: 100)).decode(wide) }
    }

    @Test("errors carry the offset of the failing item")
    func errorOffset() {
        do {
            _ = try CBORDecoder().decode(hexBytes("83010262c328"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.offset == 3)
        }
    }

    @Test("encode then decode round-trips mixed structures, including non-text map keys")
    func roundTrip() throws {
        let value = CBORValue.map([
            CBORMapEntry(key: .integer(1), value: .integer(-7)),
            CBORMapEntry(key: .integer(33), value: .array([.bytes(Array(0..<200)), .bytes([])])),
            CBORMapEntry(key: .text("pad"), value: .bytes([UInt8](repeating: 0, count: 70_000))),
            CBORMapEntry(key: .array([.bool(true)]), value: .tagged(18, .null)),
            CBORMapEntry(key: .text("n"), value: .integer(Int(Int32.min))),
            CBORMapEntry(key: .text("f"), value: .float(0.333)),
        ])
        let encoded = CBOREncoder.encode(value)
        #expect(try CBORDecoder().decode(encoded) == value)
        #expect(value[intKey: 1] == .integer(-7))
        #expect(value["pad"]?.bytesValue?.count == 70_000)
    }

    @Test("the COSE Sig_structure encoding is exact")
    func sigStructure() {
        let encoded = CBOREncoder.encode(.array([.text("Signature1"), .bytes([0xA1, 0x01, 0x26]), .bytes([]), .bytes([1, 2, 3])]))
        #expect(hexString(encoded) == "846a5369676e61747572653143a10126404301" + "0203")
    }
}
