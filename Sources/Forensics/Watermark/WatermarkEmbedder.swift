/// Writes `invisible-watermark`-compatible marks, so the detector can be tested with round trips.
///
/// It follows the package's `dwtDct` and `dwtDctSvd` encoders: U channel only (OpenCV BT.601
/// fixed point), one-level Haar LL band, one message bit per 4×4 LL block (bit `n mod L` in
/// block `n`, row-major), quantisation with step 36 to a quarter step (bit 0) or three quarters
/// (bit 1). Unlike the package it rounds the new U values instead of truncating them and it
/// leaves pixels whose U value does not change untouched; neither affects what a decoder reads.
/// This is internal test support, not a product feature.
struct WatermarkEmbedder {
    var method: WatermarkMethod
    var order: WatermarkChannelOrder

    /// Returns a copy of `pixels` (RGB interleaved, `width * height * 3` bytes) carrying `bits`.
    /// Returns the input unchanged when the image is too small or the buffer is short.
    func embed(_ bits: [UInt8], pixels: [UInt8], width: Int, height: Int) -> [UInt8] {
        guard !bits.isEmpty, width > 0, height > 0, width <= pixels.count, height <= pixels.count / 3 / width,
            width * height >= DwtDctScheme.minimumPixelCount
        else { return pixels }
        let swap = order == .rgb
        let count = width * height
        // U plane (as Double so the inverse Haar step can add half-integers) for the whole image.
        var uPlane = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let (red, green, blue) = channels(pixels, index * 3, swap)
            uPlane[index] = Double(DwtDctScheme.chromaU(red, green, blue))
        }
        var changed = [Bool](repeating: false, count: count)
        let reader = BlockBitReader(width: width, height: height)
        let step = Double(DwtDctScheme.step)
        var block = [Double](repeating: 0, count: 16)
        var blockNumber = 0
        for row in 0..<reader.blockRows {
            for col in 0..<reader.blocksPerRow {
                let bit = Double(bits[blockNumber % bits.count])
                blockNumber += 1
                let top = row * DwtDctScheme.pixelBlock
                let left = col * DwtDctScheme.pixelBlock
                for r in 0..<4 {
                    for c in 0..<4 {
                        let p = (top + 2 * r) * width + left + 2 * c
                        block[r * 4 + c] = (uPlane[p] + uPlane[p + 1] + uPlane[p + width] + uPlane[p + width + 1]) * 0.5
                    }
                }
                var delta = [Double](repeating: 0, count: 16)
                switch method {
                case .dwtDct:
                    var best = 1
                    for index in 2..<16 where abs(block[index]) > abs(block[best]) { best = index }
                    let value = block[best]
                    let magnitude = ((abs(value) / step).rounded(.down) + 0.25 + 0.5 * bit) * step
                    delta[best] = (value < 0 ? -magnitude : magnitude) - value
                case .dwtDctSvd:
                    let svd = block.withUnsafeBufferPointer { BlockSpectralNorm($0) }
                    let target = ((svd.value / step).rounded(.down) + 0.25 + 0.5 * bit) * step
                    let change = target - svd.value
                    let u = [svd.left.0, svd.left.1, svd.left.2, svd.left.3]
                    let v = [svd.right.0, svd.right.1, svd.right.2, svd.right.3]
                    for r in 0..<4 { for c in 0..<4 { delta[r * 4 + c] = change * u[r] * v[c] } }
                }
                // Inverse Haar: an LL change of d moves each pixel of its 2×2 group by d / 2.
                for r in 0..<4 {
                    for c in 0..<4 where delta[r * 4 + c] != 0 {
                        let p = (top + 2 * r) * width + left + 2 * c
                        let half = delta[r * 4 + c] * 0.5
                        for q in [p, p + 1, p + width, p + width + 1] {
                            uPlane[q] += half
                            changed[q] = true
                        }
                    }
                }
            }
        }
        var output = pixels
        for index in 0..<count where changed[index] {
            let (red, green, blue) = channels(pixels, index * 3, swap)
            let y = DwtDctScheme.luma(red, green, blue)
            let v = DwtDctScheme.chromaV(red, green, blue)
            let u = Int(min(max(uPlane[index].rounded(), 0), 255))
            let converted = DwtDctScheme.rgb(y: y, u: u, v: v)
            output[index * 3] = swap ? converted.b : converted.r
            output[index * 3 + 1] = converted.g
            output[index * 3 + 2] = swap ? converted.r : converted.b
        }
        return output
    }

    /// Red, green and blue as the encoder sees them (exchanged when the generator passed RGB as BGR).
    private func channels(_ pixels: [UInt8], _ offset: Int, _ swap: Bool) -> (Int, Int, Int) {
        let first = Int(pixels[offset])
        let second = Int(pixels[offset + 1])
        let third = Int(pixels[offset + 2])
        return swap ? (third, second, first) : (first, second, third)
    }
}
