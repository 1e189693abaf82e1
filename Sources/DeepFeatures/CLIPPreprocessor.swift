public import ImageDecoding

/// Turns decoded pixels into the tower's input: the 224 × 224 views of ``EmbeddingView`` and the
/// normalised channel-major tensor.
public enum CLIPPreprocessor {
    /// Input side of the tower.
    public static let side = 224
    /// CLIP's per-channel mean.
    public static let mean: [Float] = [0.48145466, 0.4578275, 0.40821073]
    /// CLIP's per-channel standard deviation.
    public static let standardDeviation: [Float] = [0.26862954, 0.26130258, 0.27577711]

    /// The 224 × 224 crops `view` makes of `image`.
    public static func crops(of image: RGBImage, view: EmbeddingView) throws(DeepFeaturesError) -> [RGBImage] {
        guard image.isWellFormed else {
            throw DeepFeaturesError(.invalidImage, "image is empty or its pixel count does not match its size")
        }
        switch view {
        case .resize224:
            return [resize224(image)]
        case .resize224Mirrored:
            // EXIF orientation 2 is the left-right mirror.
            return [resize224(image).oriented(2)]
        case .nativeCrops(let count):
            return nativeCrops(image, count: count)
        }
    }

    static func resize224(_ image: RGBImage) -> RGBImage {
        let (w, h) = (image.width, image.height)
        let (nw, nh) = w <= h ? (side, max(side, h * side / w)) : (max(side, w * side / h), side)
        let resized = BilinearResampler.resize(image, width: nw, height: nh)
        return crop(resized, x: (nw - side) / 2, y: (nh - side) / 2)
    }

    static func nativeCrops(_ image: RGBImage, count: Int) -> [RGBImage] {
        var source = image
        if min(image.width, image.height) < side {
            let s = Double(side) / Double(min(image.width, image.height))
            let w = max(side, Int((Double(image.width) * s).rounded(.toNearestOrEven)))
            let h = max(side, Int((Double(image.height) * s).rounded(.toNearestOrEven)))
            source = BilinearResampler.resize(image, width: w, height: h)
        }
        let centres: [(Double, Double)] = [(0.5, 0.5), (0.25, 0.25), (0.75, 0.75), (0.25, 0.75), (0.75, 0.25)]
        return centres.prefix(max(1, min(count, centres.count))).map { fx, fy in
            let x = min(max(0, Int(fx * Double(source.width)) - side / 2), source.width - side)
            let y = min(max(0, Int(fy * Double(source.height)) - side / 2), source.height - side)
            return crop(source, x: x, y: y)
        }
    }

    static func crop(_ image: RGBImage, x: Int, y: Int) -> RGBImage {
        var pixels = [UInt8]()
        pixels.reserveCapacity(side * side * 3)
        for row in y..<y + side {
            let start = (row * image.width + x) * 3
            pixels.append(contentsOf: image.pixels[start..<start + side * 3])
        }
        return RGBImage(width: side, height: side, pixels: pixels)
    }

    /// `image` composited over opaque white with 8-bit `alpha` (one byte per pixel), with Pillow's
    /// `Image.alpha_composite` arithmetic (7-bit fixed point, divide by 255 by shifts), as the
    /// training tooling does. Returns `image` unchanged when `alpha` has the wrong length.
    public static func compositedOnWhite(_ image: RGBImage, alpha: [UInt8]) -> RGBImage {
        guard alpha.count == image.width * image.height, image.isWellFormed else { return image }
        var pixels = image.pixels
        for i in 0..<alpha.count {
            let a = UInt32(alpha[i])
            let coef1 = a << 7
            let coef2 = (255 - a) << 7
            for c in 0..<3 {
                let t = UInt32(pixels[i * 3 + c]) * coef1 + 255 * coef2 + (0x80 << 7)
                pixels[i * 3 + c] = UInt8(truncatingIfNeeded: (((t >> 8) + t) >> 8) >> 7)
            }
        }
        return RGBImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// The normalised tensor of a 224 × 224 image: (x/255 − mean) / std per channel, channel-major.
    public static func tensor(_ image: RGBImage) -> [Float] {
        let area = image.width * image.height
        var out = [Float](repeating: 0, count: 3 * area)
        for channel in 0..<3 {
            let m = mean[channel]
            let s = standardDeviation[channel]
            for i in 0..<area {
                out[channel * area + i] = (Float(image.pixels[i * 3 + channel]) / 255 - m) / s
            }
        }
        return out
    }
}
