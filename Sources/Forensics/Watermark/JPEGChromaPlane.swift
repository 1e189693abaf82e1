import ImageDecoding

/// The watermark's LL band rebuilt from the chroma a JPEG actually stores.
///
/// With chroma subsampling (4:2:0, 4:2:2, 4:4:0) the encoder keeps one Cb and one Cr sample per
/// 2×2 (or 2×1) pixel group — the same groups the Haar LL band averages — and decoders then
/// smooth the chroma back up, which scrambles the per-block values the mark lives in. Reading the
/// dequantised, inverse-DCT'd Cb/Cr samples instead gives the group averages directly:
/// U and Cb are both scaled blue-difference signals (U = 0.492·(B − Y) + 128 in OpenCV,
/// Cb = 0.5643·(B − Y) + 128 in JPEG), and the red/blue-exchanged U of the `rgb` order is a
/// fixed combination of Cb and Cr.
struct JPEGChromaPlane {
    /// Samples of one chroma component (Cb or Cr), decoded on demand one block row at a time;
    /// only the rows the detector reads are kept (bounded by its block budget).
    private struct Component {
        let source: JPEGComponentCoefficients
        let table: [Double]
        /// Decoded block rows: 8 sample rows of `width` samples each.
        var rows: [Int: [Float]] = [:]
        var width: Int { source.widthInBlocks * 8 }

        init(_ source: JPEGComponentCoefficients, table: [UInt16]) {
            self.source = source
            self.table = table.map(Double.init)
        }

        /// Decodes every block of block row `row` (dequantise, 8×8 inverse DCT, +128).
        mutating func decodeRow(_ row: Int) {
            guard row >= 0, row < source.heightInBlocks, rows[row] == nil else { return }
            var samples = [Float](repeating: 128, count: width * 8)
            var coefficients = [Double](repeating: 0, count: 64)
            var temp = [Double](repeating: 0, count: 64)
            for column in 0..<source.widthInBlocks {
                let start = (row * source.widthInBlocks + column) * 64
                guard start + 64 <= source.coefficients.count else { break }
                for k in 0..<64 { coefficients[k] = Double(source.coefficients[start + k]) * table[k] }
                // Rows first: temp[v][x] = Σu F[v][u]·basis[x][u]; then columns.
                for v in 0..<8 {
                    for x in 0..<8 {
                        var sum = 0.0
                        for u in 0..<8 { sum += coefficients[v * 8 + u] * JPEGChromaPlane.basis[x * 8 + u] }
                        temp[v * 8 + x] = sum
                    }
                }
                for y in 0..<8 {
                    for x in 0..<8 {
                        var sum = 0.0
                        for v in 0..<8 { sum += temp[v * 8 + x] * JPEGChromaPlane.basis[y * 8 + v] }
                        samples[y * width + column * 8 + x] = Float(sum + 128)
                    }
                }
            }
            rows[row] = samples
        }

        /// The sample at (`x`, `y`) of the component plane (edge samples repeat; undecoded rows read 128).
        func sample(x: Int, y: Int) -> Double {
            let clampedY = min(max(y, 0), source.heightInBlocks * 8 - 1)
            let clampedX = min(max(x, 0), width - 1)
            guard let samples = rows[clampedY / 8] else { return 128 }
            return Double(samples[(clampedY % 8) * width + clampedX])
        }
    }

    /// basis[x * 8 + u] = C(u)/2 · cos((2x + 1)uπ/16), C(0) = 1/√2: the orthonormal 8-point IDCT.
    static let basis: [Double] = (0..<64).map { index in
        let x = Double(index / 8)
        let u = Double(index % 8)
        let scale = u == 0 ? (0.5).squareRoot() : 1
        return scale / 2 * cosine((2 * x + 1) * u * Double.pi / 16)
    }

    /// cos(t) by its Taylor series after range reduction (keeps this file free of Foundation).
    static func cosine(_ angle: Double) -> Double {
        var t = angle.truncatingRemainder(dividingBy: 2 * Double.pi)
        if t > Double.pi { t -= 2 * Double.pi }
        if t < -Double.pi { t += 2 * Double.pi }
        var term = 1.0
        var sum = 1.0
        for n in 1..<30 {
            term *= -t * t / Double((2 * n - 1) * (2 * n))
            sum += term
        }
        return sum
    }

    private var cb: Component
    private var cr: Component
    /// Chroma samples per pixel group, horizontally and vertically (2 when subsampled).
    private let stepX: Int
    private let stepY: Int

    /// The chroma planes of `coefficients`, or `nil` unless it is a three-component JPEG whose
    /// chroma is subsampled by 2 horizontally and/or vertically (other files use the pixel path).
    init?(_ coefficients: JPEGCoefficients) {
        guard coefficients.components.count == 3 else { return nil }
        let luma = coefficients.components[0]
        let blue = coefficients.components[1]
        let red = coefficients.components[2]
        guard blue.horizontalSampling == 1, blue.verticalSampling == 1, red.horizontalSampling == 1,
            red.verticalSampling == 1, [1, 2].contains(luma.horizontalSampling), [1, 2].contains(luma.verticalSampling),
            luma.horizontalSampling * luma.verticalSampling > 1
        else { return nil }
        let tables = coefficients.quantizationTables
        guard blue.quantizationTableIndex >= 0, blue.quantizationTableIndex < tables.count,
            red.quantizationTableIndex >= 0, red.quantizationTableIndex < tables.count,
            tables[blue.quantizationTableIndex].count == 64, tables[red.quantizationTableIndex].count == 64,
            blue.coefficients.count == blue.widthInBlocks * blue.heightInBlocks * 64,
            red.coefficients.count == red.widthInBlocks * red.heightInBlocks * 64
        else { return nil }
        cb = Component(blue, table: tables[blue.quantizationTableIndex])
        cr = Component(red, table: tables[red.quantizationTableIndex])
        stepX = luma.horizontalSampling
        stepY = luma.verticalSampling
    }

    /// Whether the planes cover an image of `width`×`height` pixels.
    func covers(width: Int, height: Int) -> Bool {
        cb.width * stepX >= width && cb.source.heightInBlocks * 8 * stepY >= height
            && cr.width * stepX >= width && cr.source.heightInBlocks * 8 * stepY >= height
    }

    // Colour differences from JPEG chroma (Cb = 0.5643·(B − Y), Cr = 0.7133·(R − Y), both + 128),
    // OpenCV's U scale, and the luma change when red and blue are exchanged.
    private static let uScale = 8061.0 / 16384
    private static let redDifferencePerCr = 1 / 0.7133
    private static let blueDifferencePerCb = 1 / 0.5643
    private static let lumaSwap = 0.299 - 0.114

    /// Reads the bits of one channel order for the given block rows.
    mutating func read(
        reader: BlockBitReader, rows: [Int], order: WatermarkChannelOrder, methods: [WatermarkMethod]
    ) -> [BlockBitReader.Bits] {
        // Decode the chroma block rows the selected watermark rows need.
        for row in rows {
            let firstPixel = row * DwtDctScheme.pixelBlock
            let lastPixel = firstPixel + DwtDctScheme.pixelBlock - 1
            for blockRow in (firstPixel / stepY / 8)...(lastPixel / stepY / 8) {
                cb.decodeRow(blockRow)
                if order == .rgb { cr.decodeRow(blockRow) }
            }
        }
        // LL(U) of every selected block row: 4 LL rows × (blocksPerRow · 4) values, built once.
        let llWidth = reader.blocksPerRow * 4
        var llRows: [Int: [Double]] = [:]
        for row in rows {
            var values = [Double](repeating: 0, count: 4 * llWidth)
            for r in 0..<4 {
                let py = row * DwtDctScheme.pixelBlock + 2 * r
                for j in 0..<llWidth {
                    values[r * llWidth + j] = meanU(pixelX: 2 * j, pixelY: py, order: order) * 2
                }
            }
            llRows[row] = values
        }
        return reader.read(rows: rows, order: order, methods: methods) { row, col, block in
            guard let values = llRows[row] else { return }
            for r in 0..<4 {
                for c in 0..<4 { block[r * 4 + c] = values[r * llWidth + col * 4 + c] }
            }
        }
    }

    /// The mean U of the 2×2 pixel group at (`pixelX`, `pixelY`), from the chroma samples covering it.
    private func meanU(pixelX px: Int, pixelY py: Int, order: WatermarkChannelOrder) -> Double {
        var cbSum = 0.0
        var crSum = 0.0
        var count = 0.0
        for y in stride(from: py / stepY, through: (py + 1) / stepY, by: 1) {
            for x in stride(from: px / stepX, through: (px + 1) / stepX, by: 1) {
                cbSum += cb.sample(x: x, y: y)
                if order == .rgb { crSum += cr.sample(x: x, y: y) }
                count += 1
            }
        }
        let blueDifference = (cbSum / count - 128) * Self.blueDifferencePerCb
        switch order {
        case .bgr:
            return Self.uScale * blueDifference + 128
        case .rgb:
            // R − Y' = (R − Y) + 0.185·((R − Y) − (B − Y)) with Y' the red/blue-exchanged luma.
            let redDifference = (crSum / count - 128) * Self.redDifferencePerCr
            return Self.uScale * (redDifference + Self.lumaSwap * (redDifference - blueDifference)) + 128
        }
    }
}
