import ImageDecoding
import Testing

@Suite struct CoefficientTests {
    /// A flat gray image `value` encoded at 4:4:4.
    private func flatJPEG(value: UInt8, quality: Int, width: Int = 32, height: Int = 24) throws -> [UInt8] {
        let image = RGBImage(width: width, height: height, pixels: [UInt8](repeating: value, count: width * height * 3))
        return try JPEGEncoder.encode(image, quality: quality, subsampling: .yuv444)
    }

    @Test(arguments: [(UInt8(200), 50), (UInt8(60), 90), (UInt8(128), 75), (UInt8(255), 100), (UInt8(0), 10)])
    func flatBlockDCMatchesFormula(value: UInt8, quality: Int) throws {
        let coefficients = try JPEGCoefficientReader.read(try flatJPEG(value: value, quality: quality))
        #expect(coefficients.components.count == 3)
        #expect(coefficients.quantizationTables.count == 2)
        let luma = coefficients.components[0]
        #expect(luma.componentID == 1 && luma.widthInBlocks == 4 && luma.heightInBlocks == 3)
        #expect(luma.horizontalSampling == 1 && luma.verticalSampling == 1 && luma.quantizationTableIndex == 0)
        #expect(luma.coefficients.count == 4 * 3 * 64)
        let q = Double(coefficients.quantizationTables[0][0])
        let expectedDC = Int16(((Double(value) - 128) * 8 / q).rounded())
        for row in 0..<3 {
            for column in 0..<4 {
                let block = try #require(luma.block(column: column, row: row))
                #expect(block.first == expectedDC)
                #expect(block.dropFirst().allSatisfy { $0 == 0 })
            }
        }
        // Gray has neutral chroma: every chroma coefficient is zero.
        for chroma in coefficients.components.dropFirst() {
            #expect(chroma.quantizationTableIndex == 1)
            #expect(chroma.coefficients.allSatisfy { $0 == 0 })
        }
    }

    @Test func quantizationTablesFollowIJGScaling() throws {
        // IJG quality 50 uses the Annex K tables unscaled; natural order, so [1] is row 0 column 1.
        let coefficients = try JPEGCoefficientReader.read(try flatJPEG(value: 100, quality: 50))
        #expect(Array(coefficients.quantizationTables[0].prefix(8)) == [16, 11, 10, 16, 24, 40, 51, 61])
        #expect(coefficients.quantizationTables[0][8] == 12)
        #expect(Array(coefficients.quantizationTables[1].prefix(4)) == [17, 18, 24, 47])
        let best = try JPEGCoefficientReader.read(try flatJPEG(value: 100, quality: 100))
        #expect(best.quantizationTables[0].allSatisfy { $0 == 1 })
    }

    @Test func subsampledLayout() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 50, height: 30), quality: 80, subsampling: .yuv420)
        let coefficients = try JPEGCoefficientReader.read(jpeg)
        let luma = coefficients.components[0]
        let chroma = coefficients.components[1]
        #expect(luma.horizontalSampling == 2 && luma.verticalSampling == 2)
        #expect(luma.widthInBlocks == 7 && luma.heightInBlocks == 4)  // ceil(50/8), ceil(30/8)
        #expect(chroma.widthInBlocks == 4 && chroma.heightInBlocks == 2)  // ceil(25/8), ceil(15/8)
        #expect(chroma.coefficients.count == 4 * 2 * 64)
    }

    @Test func progressiveAndBaselineCoefficientsAgree() throws {
        let image = TestImages.smooth(width: 64, height: 40)
        let baseline = try JPEGCoefficientReader.read(try JPEGEncoder.encode(image, quality: 80))
        let progressive = try JPEGCoefficientReader.read(try JPEGEncoder.encode(image, quality: 80, progressive: true))
        for (a, b) in zip(baseline.components, progressive.components) {
            #expect(a.coefficients == b.coefficients)
        }
    }

    @Test func nonJPEGIsRejected() throws {
        let png = try PNGEncoder.encode(TestImages.gradient(width: 4, height: 4))
        #expect(throws: DecodeError(.unsupportedFormat, "")) { try JPEGCoefficientReader.read(png) }
        #expect(throws: DecodeError(.unsupportedFormat, "")) { try JPEGCoefficientReader.read([]) }
    }
}
