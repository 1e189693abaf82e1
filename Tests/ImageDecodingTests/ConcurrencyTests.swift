import ImageDecoding
import Testing

/// The decoders keep no global state: concurrent decodes give the same results as serial ones.
@Suite struct ConcurrencyTests {
    @Test func concurrentDecodesMatchSerial() async throws {
        let image = TestImages.smooth(width: 96, height: 64)
        let inputs = [
            try JPEGEncoder.encode(image, quality: 85),
            try JPEGEncoder.encode(image, quality: 70, progressive: true),
            try PNGEncoder.encode(image),
            Array(try JPEGEncoder.encode(image, quality: 85).prefix(300)),  // truncated: always fails
        ]
        let expected = inputs.map { try? ImageDecoder.decode($0).rgb }
        try await withThrowingTaskGroup(of: (Int, RGBImage?).self) { group in
            for round in 0..<32 {
                let index = round % inputs.count
                let bytes = inputs[index]
                group.addTask { (index, try? ImageDecoder.decode(bytes).rgb) }
            }
            for try await (index, result) in group {
                #expect(result == expected[index])
            }
        }
        #expect(expected[3] == nil)
    }
}
