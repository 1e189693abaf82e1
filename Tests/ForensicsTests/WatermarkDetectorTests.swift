import Testing
@testable import Forensics
import ImageDecoding

@Suite("Watermark detector")
struct WatermarkDetectorTests {
    @Test("known payloads have the published bits")
    func payloadBits() {
        #expect(WatermarkPayload.sdxl.bits == WatermarkFixtures.bits("101100111110110010010000011110111011000110011110"))
        #expect(WatermarkPayload.sdv2.bits == WatermarkFixtures.bits("01010011010001000101011000110010"))
        #expect(WatermarkPayload.stableDiffusionV1.bits.count == 136)
        #expect(Array(WatermarkPayload.stableDiffusionV1.bits.prefix(16)) == WatermarkFixtures.bits("0101001101110100"))
        #expect(Array(WatermarkPayload.stableDiffusionV1.bits.suffix(8)) == WatermarkFixtures.bits("00110001"))
    }

    @Test("thresholds follow Stability's 48-bit levels and equal chance levels for other lengths")
    func thresholds() {
        let sdxl = WatermarkThresholds(bitCount: 48)
        #expect([sdxl.partial, sdxl.likely, sdxl.veryLikely, sdxl.decisive] == [28, 34, 36, 41])
        let sdv2 = WatermarkThresholds(bitCount: 32)
        #expect([sdv2.partial, sdv2.likely, sdv2.veryLikely, sdv2.decisive] == [20, 25, 26, 30])
        let sd1 = WatermarkThresholds(bitCount: 136)
        #expect([sd1.partial, sd1.likely, sd1.veryLikely, sd1.decisive] == [75, 85, 89, 96])
    }

    @Test("the OpenCV U conversion matches hand-computed fixed-point values")
    func chromaConversion() {
        #expect(DwtDctScheme.chromaU(0, 0, 0) == 128)
        #expect(DwtDctScheme.chromaU(255, 255, 255) == 128)
        // Pure blue: Y = (255*1868 + 8192) >> 14 = 29; U = ((255-29)*8061 + 128<<14 + 8192) >> 14 = 239.
        #expect(DwtDctScheme.chromaU(0, 0, 255) == 239)
        // Pure red: Y = 76; U = ((0-76)*8061 + 2097152 + 8192) >> 14 = 91.
        #expect(DwtDctScheme.chromaU(255, 0, 0) == 91)
    }

    @Test(
        "embed then detect recovers every bit (dwtDct)",
        arguments: WatermarkPayload.known, WatermarkChannelOrder.allCases)
    func roundTrip(payload: WatermarkPayload, order: WatermarkChannelOrder) {
        let clean = WatermarkFixtures.noise(width: 512, height: 512, seed: 7)
        let marked = WatermarkFixtures.marked(clean, payload: payload, order: order)
        #expect(marked != clean)
        let result = WatermarkDetector().detect(marked)
        #expect(result.detected)
        #expect(result.payloadName == payload.name)
        #expect(result.bitsMatched == payload.bits.count)
        #expect(result.bitsTotal == payload.bits.count)
        #expect(result.channelOrder == order.rawValue)
        #expect(result.method == "dwtDct")
    }

    @Test("marks on smooth, textured content are found", arguments: WatermarkChannelOrder.allCases)
    func roundTripTextured(order: WatermarkChannelOrder) {
        // Quantising to a lower value can demote the block's largest entry on smooth content,
        // so a few blocks read wrong; the vote over repeated copies still recovers the payload.
        let clean = WatermarkFixtures.texturedGradient(width: 512, height: 384, seed: 7)
        for payload in WatermarkPayload.known {
            let result = WatermarkDetector().detect(WatermarkFixtures.marked(clean, payload: payload, order: order))
            #expect(result.detected)
            #expect(result.payloadName == payload.name)
            #expect(result.bitsMatched * 100 >= payload.bits.count * 95)
        }
    }

    @Test("embed then detect recovers every bit (dwtDctSvd)", arguments: WatermarkChannelOrder.allCases)
    func roundTripSvd(order: WatermarkChannelOrder) {
        let clean = WatermarkFixtures.texturedGradient(width: 320, height: 256, seed: 11)
        let marked = WatermarkFixtures.marked(clean, payload: .sdxl, order: order, method: .dwtDctSvd)
        let result = WatermarkDetector().detect(marked)
        #expect(result.detected)
        #expect(result.payloadName == "SDXL")
        #expect(result.bitsMatched == 48)
        #expect(result.channelOrder == order.rawValue)
        #expect(result.method == "dwtDctSvd")
    }

    @Test("the detector reads a mark on pure noise too", arguments: WatermarkChannelOrder.allCases)
    func roundTripNoise(order: WatermarkChannelOrder) {
        let clean = WatermarkFixtures.noise(width: 256, height: 256, seed: 3)
        let result = WatermarkDetector().detect(WatermarkFixtures.marked(clean, payload: .sdxl, order: order))
        #expect(result.detected)
        #expect(result.bitsMatched == 48)
        #expect(result.channelOrder == order.rawValue)
    }

    @Test("clean images are not detected", arguments: [1, 2, 3, 4] as [UInt64])
    func cleanImages(seed: UInt64) {
        for image in [
            WatermarkFixtures.noise(width: 300, height: 280, seed: seed),
            WatermarkFixtures.texturedGradient(width: 512, height: 320, seed: seed),
        ] {
            let result = WatermarkDetector().detect(image)
            #expect(!result.detected)
            #expect(result.payloadName == nil)
            #expect(result.channelOrder == nil)
            #expect(result.bitsTotal > 0)
        }
    }

    @Test("a limited block budget still recovers the mark")
    func blockBudget() {
        let clean = WatermarkFixtures.noise(width: 640, height: 480, seed: 5)
        let marked = WatermarkFixtures.marked(clean, payload: .sdxl, order: .bgr)
        let detector = WatermarkDetector(payloads: WatermarkPayload.known, methods: [.dwtDct], maxBlocks: 1_000)
        let result = detector.detect(marked)
        #expect(result.detected)
        #expect(result.bitsMatched == 48)
    }

    @Test("row selection keeps aligned pairs, no duplicates, within budget")
    func rowSelection() {
        let reader = BlockBitReader(width: 4000, height: 3000)
        let rows = reader.selectedRows(maxBlocks: 16_384)
        #expect(rows.count * reader.blocksPerRow <= 16_384)
        #expect(rows == rows.sorted())
        #expect(Set(rows).count == rows.count)
        #expect(rows.allSatisfy { $0 >= 0 && $0 < reader.blockRows })
        #expect(stride(from: 0, to: rows.count, by: 2).allSatisfy { rows[$0] % 2 == 0 && rows[$0 + 1] == rows[$0] + 1 })
        #expect(BlockBitReader(width: 512, height: 512).selectedRows(maxBlocks: 16_384) == Array(0..<64))
    }

    @Test("images below 256×256 pixels and short buffers are reported as not checked")
    func notChecked() {
        let small = WatermarkFixtures.noise(width: 200, height: 200, seed: 1)
        let result = WatermarkDetector().detect(small)
        #expect(!result.detected)
        #expect(result.bitsTotal == 0)
        #expect(result.detail.hasPrefix("not checked"))
        let short = RGBImage(width: 300, height: 300, pixels: [UInt8](repeating: 0, count: 10))
        #expect(WatermarkDetector().detect(short).detail.hasPrefix("not checked"))
    }

    @Test("enough majority bits without block-level agreement is not a detection")
    func blockAgreementGate() {
        func candidate(matched: Int, excess: Double) -> WatermarkDetector.Candidate {
            WatermarkDetector.Candidate(
                payload: .sdxl, method: .dwtDct, order: .rgb, matched: matched,
                chance: BinomialTail.upper(n: 48, atLeast: matched), blockAgreement: 0.5 + excess,
                excessAgreement: excess, thresholds: WatermarkThresholds(bitCount: 48))
        }
        // What structured, unmarked content produced on the detect set: 37/48 bits, 6 points.
        let structured = WatermarkDetector.summarize([candidate(matched: 37, excess: 0.06)])
        #expect(!structured.detected)
        #expect(structured.bitsMatched == 37)
        #expect(structured.detail.contains("needs 34 bits and 12 points"))
        let marked = WatermarkDetector.summarize([candidate(matched: 37, excess: 0.06), candidate(matched: 45, excess: 0.25)])
        #expect(marked.detected)
        #expect(marked.bitsMatched == 45)
        #expect(!WatermarkDetector.summarize([candidate(matched: 33, excess: 0.3)]).detected)
        // Decisive bit counts need less block-level excess, but some.
        #expect(WatermarkDetector.summarize([candidate(matched: 45, excess: 0.09)]).detected)
        #expect(!WatermarkDetector.summarize([candidate(matched: 40, excess: 0.09)]).detected)
        #expect(!WatermarkDetector.summarize([candidate(matched: 48, excess: 0.03)]).detected)
    }

    @Test("a mark survives JPEG q95 with 4:2:0 chroma when the stored chroma is read", arguments: WatermarkChannelOrder.allCases)
    func jpegChroma(order: WatermarkChannelOrder) throws {
        let clean = WatermarkFixtures.texturedGradient(width: 512, height: 512, seed: 21)
        let marked = WatermarkFixtures.marked(clean, payload: .sdxl, order: order)
        let jpeg = try JPEGEncoder.encode(marked, quality: 95)
        let coefficients = try JPEGCoefficientReader.read(jpeg)
        #expect(coefficients.components.first?.horizontalSampling == 2)
        let decoded = try ImageDecoder.decode(jpeg).rgb
        let result = WatermarkDetector().detect(decoded, jpegCoefficients: coefficients)
        #expect(result.detected)
        #expect(result.payloadName == "SDXL")
        #expect(result.channelOrder == order.rawValue)
        #expect(result.detail.hasSuffix("(read from the JPEG's stored chroma)"))
        // The clean image through the same path is not flagged.
        let cleanJPEG = try JPEGEncoder.encode(clean, quality: 95)
        let cleanResult = WatermarkDetector().detect(
            try ImageDecoder.decode(cleanJPEG).rgb, jpegCoefficients: try JPEGCoefficientReader.read(cleanJPEG))
        #expect(!cleanResult.detected)
    }

    @Test("a one-pixel shift scrambles the mark")
    func shifted() {
        let clean = WatermarkFixtures.texturedGradient(width: 520, height: 400, seed: 9)
        let marked = WatermarkFixtures.marked(clean, payload: .sdxl, order: .bgr)
        var pixels: [UInt8] = []
        for y in 0..<400 { pixels += marked.pixels[(y * 520 + 1) * 3..<(y * 520 + 520) * 3] }
        let result = WatermarkDetector().detect(RGBImage(width: 519, height: 400, pixels: pixels))
        #expect(!result.detected)
    }
}
