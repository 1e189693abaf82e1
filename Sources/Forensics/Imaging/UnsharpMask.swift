import Foundation
public import ImageDecoding

/// Unsharp masking, the mild sharpening many platforms and phone apps apply after a resize:
/// each sample moves away from its Gaussian-blurred value by `percent` of the difference, where
/// that difference is at least `threshold`.
public enum UnsharpMask {
    /// `image` sharpened with a Gaussian of standard deviation `radius` pixels (clamped to 0.1...10).
    public static func apply(_ image: RGBImage, radius: Double, percent: Int, threshold: Int) -> RGBImage {
        guard image.isWellFormed else { return image }
        let sigma = min(10, max(0.1, radius))
        let reach = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-reach...reach).map { Float(exp(-Double($0 * $0) / (2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let samples = image.pixels.map(Float.init)
        // Rows (step one pixel), then columns (step one row); edges clamped.
        let rows = blur(samples, count: image.width, lines: image.height, step: 3, lineStride: image.width * 3, kernel: kernel)
        let blurred = blur(rows, count: image.height, lines: image.width, step: image.width * 3, lineStride: 3, kernel: kernel)
        var output = image.pixels
        let gain = Float(percent) / 100
        for index in output.indices {
            let difference = samples[index] - blurred[index]
            guard abs(difference) >= Float(threshold) else { continue }
            output[index] = UInt8(min(255, max(0, (samples[index] + gain * difference).rounded())))
        }
        return RGBImage(width: image.width, height: image.height, pixels: output)
    }

    /// Convolves interleaved RGB samples along one direction: `lines` lines of `count` pixels, pixel
    /// `i` of line `l` at `l·lineStride + i·step` (plus the channel).
    static func blur(_ values: [Float], count: Int, lines: Int, step: Int, lineStride: Int, kernel: [Float]) -> [Float] {
        let reach = kernel.count / 2
        var output = [Float](repeating: 0, count: values.count)
        for line in 0..<lines {
            for i in 0..<count {
                for c in 0..<3 {
                    var sum: Float = 0
                    for (k, weight) in kernel.enumerated() {
                        let source = min(count - 1, max(0, i + k - reach))
                        sum += weight * values[line * lineStride + source * step + c]
                    }
                    output[line * lineStride + i * step + c] = sum
                }
            }
        }
        return output
    }
}
