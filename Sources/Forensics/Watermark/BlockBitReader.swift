/// Reads the raw per-block bit of the `invisible-watermark` block schemes from RGB pixels.
///
/// For every selected 8×8 pixel block it computes the block's 4×4 Haar LL coefficients of
/// the U channel (half-integers, exact in `Double`) and
/// applies the scheme's rule: `dwtDct` looks at the largest non-DC entry, `dwtDctSvd` at
/// the largest singular value; the bit is 1 when that value modulo the step is above half a step.
struct BlockBitReader {
    /// Blocks per row of the image grid (image width / 8, rounded down).
    let blocksPerRow: Int
    /// Block rows of the image grid (image height / 8, rounded down).
    let blockRows: Int

    /// The bits of one method and channel order, for the blocks of `rows` (row-major, all columns of each row).
    struct Bits: Sendable {
        var method: WatermarkMethod
        var order: WatermarkChannelOrder
        var rows: [Int]
        var values: [UInt8]
    }

    init(width: Int, height: Int) {
        blocksPerRow = max(0, width / DwtDctScheme.pixelBlock)
        blockRows = max(0, height / DwtDctScheme.pixelBlock)
    }

    /// Block rows to read so that at most `maxBlocks` blocks are visited, spread evenly over the image.
    ///
    /// Rows come in aligned pairs (2k, 2k + 1) so that a 4:2:0 JPEG's chroma block row, which
    /// covers 16 pixel rows, is decoded once for two block rows.
    func selectedRows(maxBlocks: Int) -> [Int] {
        guard blocksPerRow > 0, blockRows > 0 else { return [] }
        let wanted = max(1, min(blockRows, maxBlocks / blocksPerRow))
        if wanted >= blockRows - 1 { return Array(0..<blockRows) }
        let pairs = max(1, wanted / 2)
        var rows: [Int] = []
        rows.reserveCapacity(pairs * 2)
        var previousBase = -1
        for index in 0..<pairs {
            let base = (index * blockRows / pairs) & ~1
            guard base > previousBase else { continue }
            previousBase = base
            rows.append(base)
            if base + 1 < blockRows { rows.append(base + 1) }
        }
        return rows
    }

    /// Reads the bits of every requested method for one channel order from RGB pixels.
    ///
    /// `pixels` is RGB interleaved, row-major, `width * 3` bytes per row; the caller guarantees
    /// `pixels.count >= width * height * 3`.
    func read(
        pixels: UnsafeBufferPointer<UInt8>,
        width: Int,
        rows: [Int],
        order: WatermarkChannelOrder,
        methods: [WatermarkMethod]
    ) -> [Bits] {
        let stride = width * 3
        let swap = order == .rgb
        return read(rows: rows, order: order, methods: methods) { row, col, block in
            let top = row * DwtDctScheme.pixelBlock
            let left = col * DwtDctScheme.pixelBlock
            // LL coefficient = half the sum of the four U values of each 2×2 pixel group (exact in Double).
            for r in 0..<4 {
                let y0 = (top + 2 * r) * stride
                for c in 0..<4 {
                    let o = y0 + (left + 2 * c) * 3
                    let sum =
                        Self.chroma(pixels, o, swap) + Self.chroma(pixels, o + 3, swap)
                        + Self.chroma(pixels, o + stride, swap) + Self.chroma(pixels, o + stride + 3, swap)
                    block[r * 4 + c] = Double(sum) * 0.5
                }
            }
        }
    }

    /// Reads the bits of every requested method, with `fill` providing the 16 LL values
    /// (row-major) of the block at (`row`, `col`) of the block grid.
    func read(
        rows: [Int],
        order: WatermarkChannelOrder,
        methods: [WatermarkMethod],
        fill: (_ row: Int, _ col: Int, _ block: inout [Double]) -> Void
    ) -> [Bits] {
        let wantsMax = methods.contains(.dwtDct)
        let wantsSvd = methods.contains(.dwtDctSvd)
        var maxBits: [UInt8] = []
        var svdBits: [UInt8] = []
        if wantsMax { maxBits.reserveCapacity(rows.count * blocksPerRow) }
        if wantsSvd { svdBits.reserveCapacity(rows.count * blocksPerRow) }
        let step = Double(DwtDctScheme.step)
        var block = [Double](repeating: 0, count: 16)
        for row in rows {
            for col in 0..<blocksPerRow {
                fill(row, col, &block)
                if wantsMax {
                    // The first largest magnitude among the non-DC entries (its position does not matter:
                    // equal magnitudes give the same bit).
                    var bestMagnitude = abs(block[1])
                    for index in 2..<16 where abs(block[index]) > bestMagnitude {
                        bestMagnitude = abs(block[index])
                    }
                    maxBits.append(bestMagnitude.truncatingRemainder(dividingBy: step) > step * 0.5 ? 1 : 0)
                }
                if wantsSvd {
                    let sigma = block.withUnsafeBufferPointer { BlockSpectralNorm($0).value }
                    svdBits.append(sigma.truncatingRemainder(dividingBy: step) > step * 0.5 ? 1 : 0)
                }
            }
        }
        var result: [Bits] = []
        if wantsMax { result.append(Bits(method: .dwtDct, order: order, rows: rows, values: maxBits)) }
        if wantsSvd { result.append(Bits(method: .dwtDctSvd, order: order, rows: rows, values: svdBits)) }
        return result
    }

    /// The U value of the pixel at byte `offset`, with red and blue exchanged when `swap` is set.
    @inline(__always)
    private static func chroma(_ pixels: UnsafeBufferPointer<UInt8>, _ offset: Int, _ swap: Bool) -> Int {
        let red = Int(pixels[offset])
        let green = Int(pixels[offset + 1])
        let blue = Int(pixels[offset + 2])
        return swap ? DwtDctScheme.chromaU(blue, green, red) : DwtDctScheme.chromaU(red, green, blue)
    }

    /// The votes for a message of `length` bits: for every message bit, how many blocks read 1
    /// and how many blocks carry it. Block number `n` (row-major over the whole grid) carries
    /// message bit `n mod length`.
    func votes(from bits: Bits, length: Int) -> (ones: [Int], total: [Int]) {
        guard length > 0 else { return ([], []) }
        var ones = [Int](repeating: 0, count: length)
        var total = [Int](repeating: 0, count: length)
        var cursor = 0
        for row in bits.rows {
            var k = (row * blocksPerRow) % length
            for _ in 0..<blocksPerRow {
                guard cursor < bits.values.count else { break }
                ones[k] += Int(bits.values[cursor])
                total[k] += 1
                cursor += 1
                k += 1
                if k == length { k = 0 }
            }
        }
        return (ones, total)
    }

    /// Averages the block bits of `bits` into a message of `length` bits, as the reference decoder
    /// does: a message bit is 1 when the mean of its votes times 255 exceeds 127. Bits that
    /// received no vote are `nil`.
    func message(from bits: Bits, length: Int) -> [UInt8?] {
        let (ones, total) = votes(from: bits, length: length)
        return (0..<ones.count).map { k in
            total[k] == 0 ? nil : (ones[k] * 255 > 127 * total[k] ? 1 : 0)
        }
    }
}
