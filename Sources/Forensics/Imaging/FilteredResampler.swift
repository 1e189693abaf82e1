public import ImageDecoding

/// Separable downscaling of RGB images with a chosen ``ResamplingFilter``.
///
/// When shrinking by a factor `s`, the kernel is stretched by `s` so it integrates over the source
/// area each output pixel covers (the antialiased resize of common image libraries). Each output
/// sample's weights are normalised to sum to 1; rows are resampled first, then columns, in `Float`,
/// and rounded once at the end (``BoxResampler``'s separable pass). The box filter is
/// ``BoxResampler`` itself.
public enum FilteredResampler {
    typealias Tap = BoxResampler.Tap

    /// Normalised kernel weights mapping `sourceCount` samples onto `targetCount ≤ sourceCount`.
    static func taps(sourceCount: Int, targetCount: Int, filter: ResamplingFilter) -> [Tap] {
        let scale = Double(sourceCount) / Double(targetCount)
        let stretch = max(1, scale)
        let support = filter.support * stretch
        var result: [Tap] = []
        result.reserveCapacity(targetCount)
        for index in 0..<targetCount {
            let centre = (Double(index) + 0.5) * scale
            let first = max(0, Int((centre - support).rounded(.down)))
            let last = min(sourceCount - 1, Int((centre + support).rounded(.up)))
            var weights: [Double] = []
            weights.reserveCapacity(max(0, last - first + 1))
            for source in first...max(first, last) {
                weights.append(filter.weight((Double(source) + 0.5 - centre) / stretch))
            }
            let total = weights.reduce(0, +)
            let normalised = total != 0 ? weights.map { Float($0 / total) } : weights.map { _ in Float(1) / Float(weights.count) }
            result.append(Tap(first: first, weights: normalised))
        }
        return result
    }

    /// `image` shrunk to `targetWidth × targetHeight` (each clamped to `1...source`; never enlarges).
    public static func downscale(_ image: RGBImage, width targetWidth: Int, height targetHeight: Int, filter: ResamplingFilter)
        -> RGBImage
    {
        let outWidth = min(max(1, targetWidth), image.width)
        let outHeight = min(max(1, targetHeight), image.height)
        if outWidth == image.width && outHeight == image.height { return image }
        if filter == .box { return image.boxDownscaled(width: outWidth, height: outHeight) }
        let columnTaps = taps(sourceCount: image.width, targetCount: outWidth, filter: filter)
        let rowTaps = taps(sourceCount: image.height, targetCount: outHeight, filter: filter)
        let pixels = BoxResampler.separablePass(
            image.pixels, width: image.width, height: image.height, channels: 3, columnTaps: columnTaps, rowTaps: rowTaps)
        return RGBImage(width: outWidth, height: outHeight, pixels: pixels)
    }

    /// The dimensions that keep the aspect ratio when the shorter side becomes `shortSide`
    /// (never larger than the source; each side at least 1).
    public static func fittedSize(width: Int, height: Int, shortSide: Int) -> (width: Int, height: Int) {
        let shortest = min(width, height)
        guard shortest > shortSide, shortSide >= 1 else { return (width, height) }
        let scale = Double(shortSide) / Double(shortest)
        let newWidth = width <= height ? shortSide : max(1, Int((Double(width) * scale).rounded()))
        let newHeight = height < width ? shortSide : max(1, Int((Double(height) * scale).rounded()))
        return (newWidth, newHeight)
    }
}
