/// One decoded CBOR data item (RFC 8949).
///
/// Maps keep their entries in wire order and accept keys of any type, because C2PA data mixes
/// integer keys (COSE headers) and text keys (claims, assertions).
public indirect enum CBORValue: Sendable, Hashable {
    /// Major type 0: an unsigned integer.
    case unsigned(UInt64)
    /// Major type 1: the negative integer `-1 - n`, stored as `n`.
    case negative(UInt64)
    /// Major type 2: a byte string.
    case bytes([UInt8])
    /// Major type 3: a UTF-8 text string.
    case text(String)
    /// Major type 4: an array.
    case array([CBORValue])
    /// Major type 5: a map, entries in wire order.
    case map([CBORMapEntry])
    /// Major type 6: a tagged item.
    case tagged(UInt64, CBORValue)
    /// Simple values `false` / `true`.
    case bool(Bool)
    /// Simple value `null`.
    case null
    /// Simple value `undefined`.
    case undefined
    /// Any other simple value.
    case simple(UInt8)
    /// A half, single or double precision float, widened to `Double`.
    case float(Double)

    /// The value of a map entry whose key is the text `key`.
    public subscript(key: String) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == .text(key) }?.value
    }

    /// The value of a map entry whose key is the integer `key`.
    public subscript(intKey key: Int) -> CBORValue? {
        guard case .map(let entries) = self else { return nil }
        let wanted = CBORValue.integer(key)
        return entries.first { $0.key == wanted }?.value
    }

    /// Builds the CBOR integer for `value`.
    public static func integer(_ value: Int) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(-1 - value))
    }

    /// The text, when this is a text string.
    public var textValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The bytes, when this is a byte string.
    public var bytesValue: [UInt8]? {
        if case .bytes(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [CBORValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The entries, when this is a map.
    public var mapEntries: [CBORMapEntry]? {
        if case .map(let value) = self { return value }
        return nil
    }

    /// The integer, when this is an integer that fits in `Int`.
    public var intValue: Int? {
        switch self {
        case .unsigned(let value): return Int(exactly: value)
        case .negative(let value):
            guard let magnitude = Int(exactly: value) else { return nil }
            return -1 - magnitude
        default: return nil
        }
    }

    /// The value with any tags removed.
    public var untagged: CBORValue {
        var value = self
        var guardCount = 0
        while case .tagged(_, let inner) = value, guardCount < 64 {
            value = inner
            guardCount += 1
        }
        return value
    }
}

/// One key/value pair of a CBOR map.
public struct CBORMapEntry: Sendable, Hashable {
    /// The key (any CBOR type).
    public var key: CBORValue
    /// The value.
    public var value: CBORValue

    /// Creates an entry.
    public init(key: CBORValue, value: CBORValue) {
        self.key = key
        self.value = value
    }
}
