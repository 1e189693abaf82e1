import ByteParsing

/// Limits applied while decoding untrusted CBOR.
public struct CBORLimits: Sendable, Hashable {
    /// The deepest nesting of arrays, maps and tags accepted.
    public var maxDepth: Int
    /// The most data items accepted in one document.
    public var maxItems: Int
    /// The most chunks accepted in one indefinite-length string.
    public var maxChunks: Int

    /// Creates limits.
    public init(maxDepth: Int = 64, maxItems: Int = 2_000_000, maxChunks: Int = 65_536) {
        self.maxDepth = maxDepth
        self.maxItems = maxItems
        self.maxChunks = maxChunks
    }

    /// The default limits.
    public static let `default` = CBORLimits()
}

/// Decodes CBOR (RFC 8949) into ``CBORValue``s.
///
/// Every length is checked against the bytes that remain before anything is allocated, nesting is
/// bounded by ``CBORLimits/maxDepth``, and the total number of items by ``CBORLimits/maxItems``, so
/// hostile input fails with a ``ParseError`` instead of exhausting memory or the stack.
public struct CBORDecoder: Sendable {
    /// The limits in force.
    public let limits: CBORLimits

    /// Creates a decoder.
    public init(limits: CBORLimits = .default) {
        self.limits = limits
    }

    /// Decodes exactly one data item that must span all of `bytes`.
    public func decode(_ bytes: [UInt8]) throws(ParseError) -> CBORValue {
        var reader = ByteReader(bytes)
        return try decodeWhole(&reader)
    }

    /// Decodes exactly one data item that must span all of `range` in `bytes`.
    public func decode(_ bytes: [UInt8], range: Range<Int>) throws(ParseError) -> CBORValue {
        var reader = ByteReader(bytes, range: range)
        return try decodeWhole(&reader)
    }

    /// Decodes one data item from `reader` and requires the reader to be exhausted.
    public func decodeWhole(_ reader: inout ByteReader) throws(ParseError) -> CBORValue {
        var state = State()
        let value = try decodeItem(&reader, depth: 0, state: &state)
        try reader.expectEnd("CBOR data item")
        return value
    }

    /// Decodes the next data item from `reader`, leaving any bytes after it unread.
    public func decodeNext(_ reader: inout ByteReader) throws(ParseError) -> CBORValue {
        var state = State()
        return try decodeItem(&reader, depth: 0, state: &state)
    }

    private struct State {
        var items = 0
    }

    private enum Head {
        case value(UInt64)
        case indefinite
    }

    private func readHead(_ reader: inout ByteReader, info: UInt8, at offset: Int) throws(ParseError) -> Head {
        switch info {
        case 0..<24: return .value(UInt64(info))
        case 24: return .value(UInt64(try reader.readUInt8()))
        case 25: return .value(UInt64(try reader.readUInt16()))
        case 26: return .value(UInt64(try reader.readUInt32()))
        case 27: return .value(try reader.readUInt64())
        case 31: return .indefinite
        default:
            throw ParseError(.invalidValue, at: offset, "CBOR additional information \(info) is reserved")
        }
    }

    private func decodeItem(_ reader: inout ByteReader, depth: Int, state: inout State) throws(ParseError) -> CBORValue {
        let offset = reader.offset
        guard depth <= limits.maxDepth else {
            throw ParseError(.depthExceeded, at: offset, "CBOR nesting deeper than \(limits.maxDepth)")
        }
        state.items += 1
        guard state.items <= limits.maxItems else {
            throw ParseError(.limitExceeded, at: offset, "more than \(limits.maxItems) CBOR items")
        }
        let initial = try reader.readUInt8()
        let major = initial >> 5
        let info = initial & 0x1F
        if major == 7 {
            return try decodeSimple(&reader, info: info, at: offset)
        }
        let head = try readHead(&reader, info: info, at: offset)
        switch (major, head) {
        case (0, .value(let value)): return .unsigned(value)
        case (1, .value(let value)): return .negative(value)
        case (2, .value(let length)):
            return .bytes(Array(try reader.readBytes(try Int.checkedLength(length, at: offset))))
        case (2, .indefinite):
            return .bytes(try readChunks(&reader, major: 2, at: offset))
        case (3, .value(let length)):
            let raw = try reader.readBytes(try Int.checkedLength(length, at: offset))
            return .text(try text(raw, at: offset))
        case (3, .indefinite):
            return .text(try text(try readChunks(&reader, major: 3, at: offset)[...], at: offset))
        case (4, .value(let count)):
            let count = try Int.checkedLength(count, at: offset)
            try reader.require(count, "CBOR array of \(count) items")
            var items: [CBORValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try decodeItem(&reader, depth: depth + 1, state: &state)) }
            return .array(items)
        case (4, .indefinite):
            var items: [CBORValue] = []
            while true {
                guard let next = reader.peekUInt8() else {
                    throw ParseError(.truncated, at: reader.offset, "indefinite CBOR array without a break")
                }
                if next == 0xFF {
                    try reader.skip(1)
                    break
                }
                items.append(try decodeItem(&reader, depth: depth + 1, state: &state))
            }
            return .array(items)
        case (5, .value(let count)):
            let count = try Int.checkedLength(count, at: offset)
            guard count <= reader.remaining / 2 else {
                throw ParseError(.truncated, at: offset, "CBOR map of \(count) entries exceeds the data")
            }
            var entries: [CBORMapEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let key = try decodeItem(&reader, depth: depth + 1, state: &state)
                let value = try decodeItem(&reader, depth: depth + 1, state: &state)
                entries.append(CBORMapEntry(key: key, value: value))
            }
            return .map(entries)
        case (5, .indefinite):
            var entries: [CBORMapEntry] = []
            while true {
                guard let next = reader.peekUInt8() else {
                    throw ParseError(.truncated, at: reader.offset, "indefinite CBOR map without a break")
                }
                if next == 0xFF {
                    try reader.skip(1)
                    break
                }
                let key = try decodeItem(&reader, depth: depth + 1, state: &state)
                let value = try decodeItem(&reader, depth: depth + 1, state: &state)
                entries.append(CBORMapEntry(key: key, value: value))
            }
            return .map(entries)
        case (6, .value(let tag)):
            return .tagged(tag, try decodeItem(&reader, depth: depth + 1, state: &state))
        default:
            throw ParseError(.invalidValue, at: offset, "indefinite length is not allowed for CBOR major type \(major)")
        }
    }

    private func readChunks(_ reader: inout ByteReader, major: UInt8, at offset: Int) throws(ParseError) -> [UInt8] {
        var result: [UInt8] = []
        var chunks = 0
        while true {
            let chunkOffset = reader.offset
            let initial = try reader.readUInt8()
            if initial == 0xFF { return result }
            chunks += 1
            guard chunks <= limits.maxChunks else {
                throw ParseError(.limitExceeded, at: chunkOffset, "more than \(limits.maxChunks) string chunks")
            }
            guard initial >> 5 == major else {
                throw ParseError(.invalidValue, at: chunkOffset, "indefinite string chunk has the wrong major type")
            }
            guard case .value(let length) = try readHead(&reader, info: initial & 0x1F, at: chunkOffset) else {
                throw ParseError(.invalidValue, at: chunkOffset, "nested indefinite-length string chunk")
            }
            result.append(contentsOf: try reader.readBytes(try Int.checkedLength(length, at: chunkOffset)))
        }
    }

    private func text(_ raw: ArraySlice<UInt8>, at offset: Int) throws(ParseError) -> String {
        guard let value = String(validating: raw, as: UTF8.self) else {
            throw ParseError(.invalidValue, at: offset, "CBOR text string is not valid UTF-8")
        }
        return value
    }

    private func decodeSimple(_ reader: inout ByteReader, info: UInt8, at offset: Int) throws(ParseError) -> CBORValue {
        switch info {
        case 20: return .bool(false)
        case 21: return .bool(true)
        case 22: return .null
        case 23: return .undefined
        case 24:
            let value = try reader.readUInt8()
            guard value >= 32 else {
                throw ParseError(.invalidValue, at: offset, "two-byte CBOR simple value \(value) is below 32")
            }
            return .simple(value)
        case 25: return .float(Self.halfToDouble(try reader.readUInt16()))
        case 26: return .float(Double(Float(bitPattern: try reader.readUInt32())))
        case 27: return .float(Double(bitPattern: try reader.readUInt64()))
        case 31: throw ParseError(.invalidValue, at: offset, "unexpected CBOR break")
        case 28...30: throw ParseError(.invalidValue, at: offset, "CBOR additional information \(info) is reserved")
        default: return .simple(info)
        }
    }

    /// Converts an IEEE 754 half-precision bit pattern to a `Double`.
    static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = (bits & 0x8000) != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
