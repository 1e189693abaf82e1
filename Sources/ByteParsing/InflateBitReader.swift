/// Reads the least-significant-bit-first bit stream of DEFLATE (RFC 1951, section 3.1.1).
///
/// Offsets in errors are the indices of the underlying slice, so a slice cut from a whole file
/// reports file offsets.
struct InflateBitReader {
    let data: ArraySlice<UInt8>
    /// The index of the next byte to load into the bit buffer.
    private(set) var position: Int
    private var buffer: UInt32 = 0
    private var bufferedBits = 0

    init(_ data: ArraySlice<UInt8>) {
        self.data = data
        self.position = data.startIndex
    }

    /// Reads `count` bits (0...16), first bit in the least significant position.
    mutating func bits(_ count: Int) throws(ParseError) -> Int {
        while bufferedBits < count {
            guard position < data.endIndex else {
                throw ParseError(.truncated, at: position, "deflate stream ended early")
            }
            buffer |= UInt32(data[position]) << UInt32(bufferedBits)
            position += 1
            bufferedBits += 8
        }
        let value = buffer & ((1 << UInt32(count)) - 1)
        buffer >>= UInt32(count)
        bufferedBits -= count
        return Int(value)
    }

    /// Returns the next `count` bits without consuming them, or nil when the stream has fewer left.
    mutating func peek(_ count: Int) -> Int? {
        // Top the buffer up while whole bytes fit, so most peeks need no refill.
        while bufferedBits <= 24 && position < data.endIndex {
            buffer |= UInt32(data[position]) << UInt32(bufferedBits)
            position += 1
            bufferedBits += 8
        }
        while bufferedBits < count {
            guard position < data.endIndex else { return nil }
            buffer |= UInt32(data[position]) << UInt32(bufferedBits)
            position += 1
            bufferedBits += 8
        }
        return Int(buffer & ((1 << UInt32(count)) - 1))
    }

    /// Drops `count` bits that a preceding ``peek(_:)`` made available.
    mutating func consume(_ count: Int) {
        buffer >>= UInt32(count)
        bufferedBits -= count
    }

    /// Reads one bit.
    mutating func bit() throws(ParseError) -> Int { try bits(1) }

    /// Discards the bits left in the current byte, so the next read starts on a byte boundary.
    mutating func alignToByte() {
        // Whole bytes loaded ahead by `peek` are given back; the partial byte's bits are dropped.
        position -= bufferedBits / 8
        buffer = 0
        bufferedBits = 0
    }

    /// Reads `count` whole bytes after ``alignToByte()``.
    mutating func readAlignedBytes(_ count: Int) throws(ParseError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= data.endIndex - position else {
            throw ParseError(.truncated, at: position, "stored block needs \(count) bytes")
        }
        let run = data[position..<(position + count)]
        position += count
        return run
    }
}
