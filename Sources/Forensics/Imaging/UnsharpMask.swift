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
        let width = image.width
        let height = image.height
        let source = image.pixels
        // Horizontal then vertical pass, edges clamped.
        var horizontal = [Float](repeating: 0, count: source.count)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<3 {
                    var sum: Float = 0
                    for (k, weight) in kernel.enumerated() {
                        let sx = min(width - 1, max(0, x + k - reach))
                        sum += weight * Float(source[(y * width + sx) * 3 + c])
                    }
                    horizontal[(y * width + x) * 3 + c] = sum
                }
            }
        }
        var output = source
        let gain = Float(percent) / 100
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<3 {
                    var blurred: Float = 0
                    for (k, weight) in kernel.enumerated() {
                        let sy = min(height - 1, max(0, y + k - reach))
                        blurred += weight * horizontal[(sy * width + x) * 3 + c]
                    }
                    let index = (y * width + x) * 3 + c
                    let original = Float(source[index])
                    let difference = original - blurred
                    guard abs(difference) >= Float(threshold) else { continue }
                    output[index] = UInt8(min(255, max(0, (original + gain * difference).rounded())))
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: output)
    }
}
