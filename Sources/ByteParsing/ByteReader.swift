/// A bounds-checked, forward-moving cursor over a byte buffer.
///
/// Offsets are absolute positions in ``bytes`` (so a sub-reader reports offsets from the start of
/// the whole file, which is what error messages and C2PA exclusion ranges need). Every read checks
/// the remaining length first and throws ``ParseError/Code/truncated`` instead of trapping.
public struct ByteReader: Sendable {
    /// The whole underlying buffer (shared, copy-on-write).
    public let bytes: [UInt8]
    /// The absolute position of the next byte to read.
    public private(set) var offset: Int
    /// The absolute position one past the last byte this reader may read.
    public let endOffset: Int

    /// Creates a reader over all of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
        self.endOffset = bytes.count
    }

    /// Creates a reader over `range` of `bytes`; the range is clamped to the buffer.
    public init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        self.offset = lower
        self.endOffset = upper
    }

    /// The number of bytes left to read.
    public var remaining: Int { endOffset - offset }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= endOffset }

    /// Throws ``ParseError/Code/truncated`` unless `count` more bytes can be read.
    public func require(_ count: Int, _ what: @autoclosure () -> String = "data") throws(ParseError) {
        guard count >= 0, count <= remaining else {
            throw ParseError(
                .truncated, at: offset,
                "\(what()): needs \(count) bytes, \(remaining) remain")
        }
    }

    /// Reads one byte.
    public mutating func readUInt8() throws(ParseError) -> UInt8 {
        try require(1)
        let value = bytes[offset]
        offset += 1
        return value
    }

    /// Returns the next byte without consuming it, or nil at the end.
    public func peekUInt8(at distance: Int = 0) -> UInt8? {
        // Compare against `remaining` first: `offset + distance` could overflow for a huge distance.
        guard distance >= 0, distance < remaining else { return nil }
        return bytes[offset + distance]
    }

    /// Reads a 16-bit unsigned integer.
    public mutating func readUInt16(_ endianness: Endianness = .big) throws(ParseError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readInteger(byteCount: 2, endianness))
    }

    /// Reads a 32-bit unsigned integer.
    public mutating func readUInt32(_ endianness: Endianness = .big) throws(ParseError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readInteger(byteCount: 4, endianness))
    }

    /// Reads a 64-bit unsigned integer.
    public mutating func readUInt64(_ endianness: Endianness = .big) throws(ParseError) -> UInt64 {
        try readInteger(byteCount: 8, endianness)
    }

    /// Reads an unsigned integer of 1 to 8 bytes.
    public mutating func readInteger(byteCount: Int, _ endianness: Endianness) throws(ParseError) -> UInt64 {
        guard (1...8).contains(byteCount) else {
            throw ParseError(.invalidValue, at: offset, "integer width \(byteCount) is not 1...8")
        }
        try require(byteCount, "\(byteCount)-byte integer")
        var value: UInt64 = 0
        switch endianness {
        case .big:
            for index in 0..<byteCount { value = (value << 8) | UInt64(bytes[offset + index]) }
        case .little:
            for index in (0..<byteCount).reversed() { value = (value << 8) | UInt64(bytes[offset + index]) }
        }
        offset += byteCount
        return value
    }

    /// Reads `count` bytes and returns them as a slice of ``bytes`` (absolute indices).
    public mutating func readBytes(_ count: Int) throws(ParseError) -> ArraySlice<UInt8> {
        try require(count, "byte run")
        let slice = bytes[offset..<(offset + count)]
        offset += count
        return slice
    }

    /// Reads `count` bytes and returns their absolute range in ``bytes``.
    public mutating func readRange(_ count: Int) throws(ParseError) -> Range<Int> {
        try require(count, "byte run")
        let range = offset..<(offset + count)
        offset += count
        return range
    }

    /// Reads every remaining byte.
    public mutating func readRemaining() -> ArraySlice<UInt8> {
        let slice = bytes[offset..<endOffset]
        offset = endOffset
        return slice
    }

    /// Skips `count` bytes.
    public mutating func skip(_ count: Int) throws(ParseError) {
        try require(count, "skipped run")
        offset += count
    }

    /// Moves to an absolute position inside this reader's range.
    public mutating func seek(to absoluteOffset: Int) throws(ParseError) {
        guard absoluteOffset >= 0, absoluteOffset <= endOffset else {
            throw ParseError(.invalidValue, at: offset, "seek to \(absoluteOffset) is outside 0...\(endOffset)")
        }
        offset = absoluteOffset
    }

    /// Consumes `count` bytes and returns a reader limited to exactly those bytes.
    public mutating func subReader(_ count: Int) throws(ParseError) -> ByteReader {
        let range = try readRange(count)
        return ByteReader(bytes, range: range)
    }

    /// Throws ``ParseError/Code/trailingData`` unless every byte has been read.
    public func expectEnd(_ what: @autoclosure () -> String = "structure") throws(ParseError) {
        guard isAtEnd else {
            throw ParseError(.trailingData, at: offset, "\(remaining) bytes after \(what())")
        }
    }

    /// Runs `body` on a copy of this reader and commits its position only if `body` succeeds.
    public mutating func atomically<T>(_ body: (inout ByteReader) throws(ParseError) -> T) throws(ParseError) -> T {
        var copy = self
        let value = try body(&copy)
        self = copy
        return value
    }
}

extension Int {
    /// Converts an untrusted unsigned length to `Int`, throwing when it cannot be represented.
    public static func checkedLength(_ value: UInt64, at offset: Int) throws(ParseError) -> Int {
        guard let length = Int(exactly: value) else {
            throw ParseError(.limitExceeded, at: offset, "length \(value) does not fit in memory")
        }
        return length
    }
}
