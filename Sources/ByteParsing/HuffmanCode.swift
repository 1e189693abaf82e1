/// A canonical Huffman code as used by DEFLATE, decoded one bit at a time with a small
/// first-level lookup table for speed.
struct HuffmanCode {
    /// The number of codes of each length 0...15.
    private var counts: [Int]
    /// Symbols ordered by code length, then by symbol value.
    private var symbols: [Int]
    /// Fast path: entries indexed by the next `fastBits` input bits (bit-reversed codes),
    /// holding `symbol << 4 | length`, or -1 when the code is longer than `fastBits`.
    private var fast: [Int32]
    private static let fastBits = 9
    private static let maxLength = 15

    /// Builds the code from per-symbol code lengths (0 = unused).
    ///
    /// Over-subscribed length sets are rejected; incomplete ones are accepted (an unused code then
    /// fails when it is met), which is what single-code distance trees need.
    init(lengths: [Int], at offset: Int) throws(ParseError) {
        var counts = [Int](repeating: 0, count: Self.maxLength + 1)
        for length in lengths {
            guard (0...Self.maxLength).contains(length) else {
                throw ParseError(.invalidValue, at: offset, "Huffman code length \(length) is out of range")
            }
            counts[length] += 1
        }
        counts[0] = 0
        var left = 1
        for length in 1...Self.maxLength {
            left <<= 1
            left -= counts[length]
            guard left >= 0 else {
                throw ParseError(.invalidValue, at: offset, "over-subscribed Huffman code")
            }
        }
        var offsets = [Int](repeating: 0, count: Self.maxLength + 2)
        for length in 1...Self.maxLength { offsets[length + 1] = offsets[length] + counts[length] }
        var symbols = [Int](repeating: 0, count: offsets[Self.maxLength + 1])
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
        // Canonical codes, then bit-reversed into the fast table.
        var fast = [Int32](repeating: -1, count: 1 << Self.fastBits)
        var code = 0
        var index = 0
        for length in 1...Self.maxLength {
            for _ in 0..<counts[length] {
                if length <= Self.fastBits {
                    var reversed = 0
                    for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                    var slot = reversed
                    while slot < (1 << Self.fastBits) {
                        fast[slot] = Int32(symbols[index] << 4 | length)
                        slot += 1 << length
                    }
                }
                code += 1
                index += 1
            }
            code <<= 1
        }
        self.counts = counts
        self.symbols = symbols
        self.fast = fast
    }

    /// A code with no symbols; decoding it always fails.
    static let empty = HuffmanCode(
        counts: [Int](repeating: 0, count: maxLength + 1), symbols: [], fast: [Int32](repeating: -1, count: 1 << fastBits))

    private init(counts: [Int], symbols: [Int], fast: [Int32]) {
        self.counts = counts
        self.symbols = symbols
        self.fast = fast
    }

    /// Decodes one symbol.
    func decode(_ reader: inout InflateBitReader) throws(ParseError) -> Int {
        if let peeked = reader.peek(Self.fastBits) {
            let entry = fast[peeked]
            if entry >= 0 {
                reader.consume(Int(entry & 0xF))
                return Int(entry >> 4)
            }
        }
        var code = 0
        var first = 0
        var index = 0
        for length in 1...Self.maxLength {
            code |= try reader.bit()
            let count = counts[length]
            if code - first < count { return symbols[index + code - first] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw ParseError(.invalidValue, at: reader.position, "invalid Huffman code")
    }
}
