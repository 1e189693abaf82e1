import ImageDecoding
import Testing

/// Public value types accept any integers; their accessors must answer, never trap.
@Suite struct HostileArgumentTests {
    @Test func pixelLookupOnAMalformedImageDoesNotOverflow() {
        // (y * width + x) * 3 overflows Int for these dimensions.
        let huge = RGBImage(width: Int.max, height: 2, pixels: [1, 2, 3])
        #expect(huge.pixel(x: 0, y: 0).map { [$0.r, $0.g, $0.b] } == [1, 2, 3])
        #expect(huge.pixel(x: 0, y: 1) == nil)
        #expect(huge.pixel(x: Int.max - 1, y: 0) == nil)
        let wide = RGBImage(width: Int.max / 2, height: 3, pixels: [])
        #expect(wide.pixel(x: 5, y: 2) == nil)
        let good = RGBImage(width: 2, height: 1, pixels: [1, 2, 3, 4, 5, 6])
        #expect(good.pixel(x: 1, y: 0).map { [$0.r, $0.g, $0.b] } == [4, 5, 6])
    }

    @Test func coefficientBlockLookupDoesNotOverflow() {
        let component = JPEGComponentCoefficients(
            componentID: 1, widthInBlocks: Int.max, heightInBlocks: 2, horizontalSampling: 1, verticalSampling: 1,
            quantizationTableIndex: 0, coefficients: [Int16](repeating: 7, count: 64))
        #expect(component.block(column: 0, row: 0).map(Array.init) == [Int16](repeating: 7, count: 64))
        #expect(component.block(column: 0, row: 1) == nil)
        #expect(component.block(column: Int.max - 1, row: 0) == nil)
    }

    @Test func scaledLengthOfExtremeLengths() {
        for scale in DecodeScale.allCases {
            let factor = scale.rawValue
            #expect(scale.scaledLength(Int.max) == Int.max / factor + (Int.max % factor == 0 ? 0 : 1))
            #expect(scale.scaledLength(1) == 1)
            #expect(scale.scaledLength(0) == 0)
            #expect(scale.scaledLength(17) == (17 + factor - 1) / factor)
        }
    }

    @Test func encodersRejectEmptyAndNegativeSizes() {
        for (width, height, count) in [(0, 0, 0), (0, 5, 0), (5, 0, 0), (-1, -1, 3), (-2, 3, 0)] {
            let image = RGBImage(width: width, height: height, pixels: [UInt8](repeating: 9, count: count))
            #expect(throws: DecodeError(.invalidArgument, "")) { try JPEGEncoder.encode(image, quality: 90) }
            #expect(throws: DecodeError(.invalidArgument, "")) { try PNGEncoder.encode(image) }
        }
    }
}
