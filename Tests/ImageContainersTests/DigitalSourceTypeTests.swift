import ImageContainers
import Testing

/// The one digital-source-type vocabulary and its generative-AI rule.
@Suite("Digital source type vocabulary")
struct DigitalSourceTypeTests {
    @Test("terms are read from IPTC and C2PA URIs, trimmed, case-insensitively", arguments: [
        ("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", "trainedAlgorithmicMedia", DigitalSourceType.Category.generativeAI),
        (" http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", .generativeAI),
        ("http://c2pa.org/digitalsourcetype/trainedAlgorithmicData", "trainedAlgorithmicData", .generativeAI),
        ("compositeSynthetic", "compositeSynthetic", .generativeAI),
        ("https://cv.iptc.org/newscodes/digitalsourcetype#digitalCapture", "digitalCapture", .capture),
        ("COMPUTATIONALCAPTURE", "COMPUTATIONALCAPTURE", .capture),
        ("http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia", "algorithmicMedia", .algorithmic),
        ("algorithmicallyEnhanced", "algorithmicallyEnhanced", .enhanced),
        ("http://c2pa.org/digitalsourcetype/empty", "empty", .other),
        ("http://example.com/vocabulary/somethingElse", "somethingElse", .unknown),
    ])
    func category(declared: String, term: String, category: DigitalSourceType.Category) throws {
        let type = try #require(DigitalSourceType(declared: declared))
        #expect(type.term == term)
        #expect(type.category == category)
        #expect(type.isGenerativeAI == (category == .generativeAI))
    }

    @Test("empty or missing declarations are not a type")
    func empty() {
        #expect(DigitalSourceType(declared: nil) == nil)
        #expect(DigitalSourceType(declared: "  \n") == nil)
    }
}
