import ImageDecoding

/// Deterministic synthetic images for the tests.
enum TestImages {
    /// A gradient with every channel different: r = x*7, g = y*11, b = (x*y) mod 256.
    static func gradient(width: Int, height: Int) -> RGBImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                pixels.append(UInt8(truncatingIfNeeded: x * 7))
                pixels.append(UInt8(truncatingIfNeeded: y * 11))
                pixels.append(UInt8(truncatingIfNeeded: x * y))
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Flat colour blocks of 16×16 pixels, colours cycling through `palette`.
    static let blockPalette: [(UInt8, UInt8, UInt8)] = [
        (200, 40, 40), (40, 180, 60), (30, 60, 200), (128, 128, 128), (250, 250, 250), (10, 10, 10),
    ]

    static func blocks(columns: Int, rows: Int) -> RGBImage {
        let width = columns * 16
        let height = rows * 16
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let colour = blockColour(column: x / 16, row: y / 16, columns: columns)
                let index = (y * width + x) * 3
                pixels[index] = colour.0
                pixels[index + 1] = colour.1
                pixels[index + 2] = colour.2
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    static func blockColour(column: Int, row: Int, columns: Int) -> (UInt8, UInt8, UInt8) {
        blockPalette[(row * columns + column) % blockPalette.count]
    }

    /// A smooth, photo-like image (sums of low-frequency sinusoids) that compresses realistically.
    static func smooth(width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let fx = Double(x) / Double(width)
                let fy = Double(y) / Double(height)
                let r = 128 + 100 * sin(6.0 * fx + 1.0) * cos(4.0 * fy)
                let g = 128 + 90 * sin(5.0 * fy + 2.0 * fx)
                let b = 128 + 80 * cos(7.0 * fx * fy + 0.5)
                let index = (y * width + x) * 3
                pixels[index] = UInt8(max(0, min(255, r.rounded())))
                pixels[index + 1] = UInt8(max(0, min(255, g.rounded())))
                pixels[index + 2] = UInt8(max(0, min(255, b.rounded())))
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The largest absolute per-sample difference between two equally sized images.
    static func maxDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        precondition(a.count == b.count)
        var worst = 0
        for index in a.indices { worst = max(worst, abs(Int(a[index]) - Int(b[index]))) }
        return worst
    }

    /// Copies the `region` of `image`.
    static func crop(_ image: RGBImage, _ region: PixelRegion) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(region.width * region.height * 3)
        for y in region.y..<(region.y + region.height) {
            let start = (y * image.width + region.x) * 3
            out.append(contentsOf: image.pixels[start..<(start + region.width * 3)])
        }
        return out
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
