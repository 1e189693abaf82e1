@testable import DeepFeatures
import Foundation
import ImageDecoding
import Testing

/// Resizing, compositing and quantisation against values computed by Pillow / the ONNX specification.
@Suite struct PreprocessingTests {
    /// A 7×5 random image (numpy seed 3) and Pillow 11's `resize(..., BILINEAR)` outputs.
    static let source: [UInt8] = [
        248, 194, 190, 207, 147, 26, 237, 21, 245, 211, 239, 45, 5, 157, 159, 60, 54, 236, 109, 46, 199, 82, 32, 205,
        36, 7, 134, 222, 57, 146, 8, 149, 14, 15, 22, 10, 144, 208, 24, 24, 7, 41, 11, 85, 59, 104, 225, 110, 226,
        201, 8, 159, 26, 27, 163, 122, 33, 41, 201, 67, 70, 166, 228, 40, 50, 179, 0, 177, 137, 63, 13, 188, 255, 64,
        94, 8, 8, 156, 25, 29, 157, 146, 190, 115, 219, 135, 39, 100, 237, 127, 72, 227, 168, 21, 73, 132, 16, 153, 140,
        107, 80, 163, 61, 110, 47,
    ]

    @Test func downscaleMatchesPillowBilinear() {
        let image = RGBImage(width: 7, height: 5, pixels: Self.source)
        let out = BilinearResampler.resize(image, width: 3, height: 2)
        #expect(out.pixels == [133, 98, 131, 123, 114, 76, 72, 105, 110, 81, 143, 123, 105, 91, 111, 70, 111, 123])
    }

    @Test func upscaleMatchesPillowBilinearFirstRow() {
        let image = RGBImage(width: 7, height: 5, pixels: Self.source)
        let out = BilinearResampler.resize(image, width: 11, height: 9)
        #expect(out.width == 11 && out.height == 9)
        #expect(
            Array(out.pixels.prefix(33)) == [
                248, 194, 190, 229, 173, 115, 210, 136, 46, 229, 55, 185, 228, 100, 172, 211, 239, 45, 80, 187, 118, 20,
                129, 180, 55, 63, 229, 87, 50, 216, 109, 46, 199,
            ])
        #expect(Array(out.pixels.suffix(6)) == [82, 96, 100, 61, 110, 47])
    }

    @Test func alphaCompositeMatchesPillow() {
        let image = RGBImage(width: 4, height: 1, pixels: [200, 60, 0, 200, 60, 0, 10, 250, 128, 33, 66, 99])
        let out = CLIPPreprocessor.compositedOnWhite(image, alpha: [0, 77, 255, 128])
        #expect(out.pixels == [255, 255, 255, 238, 196, 178, 10, 250, 128, 144, 160, 177])
    }

    @Test func resize224CropsTheCentre() throws {
        var pixels = [UInt8](repeating: 0, count: 448 * 224 * 3)
        for i in 0..<pixels.count {
            let column: Int = (i / 3) % 448
            pixels[i] = UInt8(column / 2)
        }
        let wide = RGBImage(width: 448, height: 224, pixels: pixels)
        let crops = try CLIPPreprocessor.crops(of: wide, view: .resize224)
        #expect(crops.count == 1 && crops[0].width == 224 && crops[0].height == 224)
        let native = try CLIPPreprocessor.crops(of: wide, view: .nativeCrops(count: 3))
        // Centre crop of a 448-wide image starts at x = 224 - 112 = 112: value (112 / 2) = 56.
        #expect(native.count == 3 && native[0].pixels[0] == 56)
    }

    @Test func mirroredViewIsTheResizedCropReadRightToLeft() throws {
        // Column x of a 300 × 224 ramp holds x mod 256 in red, 7 in green and the row in blue.
        var pixels = [UInt8](repeating: 0, count: 300 * 224 * 3)
        for row in 0..<224 {
            for column in 0..<300 {
                let i = (row * 300 + column) * 3
                pixels[i] = UInt8(column % 256)
                pixels[i + 1] = 7
                pixels[i + 2] = UInt8(row)
            }
        }
        let image = RGBImage(width: 300, height: 224, pixels: pixels)
        let plain = try CLIPPreprocessor.crops(of: image, view: .resize224)[0]
        let mirrored = try CLIPPreprocessor.crops(of: image, view: .resize224Mirrored)
        #expect(mirrored.count == 1 && mirrored[0].width == 224 && mirrored[0].height == 224)
        // The short side is already 224, so the resized crop is columns 38...261 unchanged (261 mod 256 = 5).
        #expect(plain.pixels[0] == 38 && plain.pixels[223 * 3] == 5)
        #expect(mirrored[0].pixels[0] == 5 && mirrored[0].pixels[223 * 3] == 38)
        for row in [0, 100, 223] {
            for column in [0, 1, 111, 112, 223] {
                let i = (row * 224 + column) * 3
                let j = (row * 224 + 223 - column) * 3
                #expect(Array(mirrored[0].pixels[i..<i + 3]) == Array(plain.pixels[j..<j + 3]))
            }
        }
        let json = try JSONEncoder().encode(EmbeddingView.resize224Mirrored)
        #expect(String(decoding: json, as: UTF8.self) == #"{"kind":"resize224_mirrored"}"#)
        #expect(try JSONDecoder().decode(EmbeddingView.self, from: json) == .resize224Mirrored)
    }

    @Test func dynamicQuantizationFollowsTheOnnxSpecification() {
        let values: [Float] = [-1, 0, 0.6, 2]
        var bytes = [UInt8](repeating: 0, count: 4)
        let (scale, zeroPoint) = values.withUnsafeBufferPointer { x in
            bytes.withUnsafeMutableBufferPointer { TensorKernels.quantize(x.baseAddress!, count: 4, into: $0.baseAddress!) }
        }
        // range [-1, 2] → scale 3/255, zero point round(85) = 85; q(x) = round(x / scale) + zp.
        #expect(scale == Float(3) / 255)
        #expect(zeroPoint == 85)
        #expect(bytes == [0, 85, 136, 255])
    }

    @Test func rejectsFilesThatAreNotWeightFiles() {
        #expect(throws: DeepFeaturesError(.malformed, "")) { try CLIPWeightFile(data: Data("PVCLIPW2abcd".utf8)) }
        var truncated = Data("PVCLIPW1".utf8)
        truncated.append(contentsOf: [0xff, 0xff, 0, 0])
        #expect(throws: DeepFeaturesError(.malformed, "")) { try CLIPWeightFile(data: truncated) }
    }
}
