import ImageContainers
import Testing
@testable import Forensics

/// Regression for the `FuzzAnalyzer` timeout (docs/fuzzing.md): generator names are searched only in
/// the first `KnownGenerators.maxScannedScalars` scalars of a text, so a huge decompressed text chunk
/// costs a bounded scan.
@Suite("Generator name scan bound")
struct GeneratorNameScanBoundTests {
    @Test("a name at the start of a long text is found; one past the scan bound is not")
    func scanBound() {
        let filler = String(repeating: "a ", count: KnownGenerators.maxScannedScalars)
        #expect(KnownGenerators.firstMatch(in: "Midjourney " + filler)?.entry.name == "Midjourney")
        #expect(KnownGenerators.firstMatch(in: filler + " Midjourney") == nil)
        let justInside = String(repeating: "a ", count: (KnownGenerators.maxScannedScalars - 20) / 2) + " midjourney"
        #expect(KnownGenerators.firstMatch(in: justInside)?.pattern == "midjourney")
    }

    @Test("the fuzz finding's shape: a PNG with three zTXt chunks that each inflate to 2 MiB of one word")
    func fuzzFindingShape() {
        // The input FuzzAnalyzer timed out on came from the local robustness seeds (not committed); this
        // is its metadata as the container parser returns it.
        let word = String(repeating: "0", count: 2 * 1024 * 1024)
        let metadata = ImageMetadata(textChunks: (1...3).map { TextChunk(keyword: "big\($0)", text: word, chunkType: "zTXt") })
        #expect(GeneratorMetadataScanner.scan(metadata).allSatisfy { $0.name != "generator_name" })
        let named = ImageMetadata(textChunks: [TextChunk(keyword: "Software", text: "Midjourney " + word, chunkType: "zTXt")])
        #expect(GeneratorMetadataScanner.scan(named).contains { $0.name == "generator_name" && $0.generator == "Midjourney" })
    }
}
