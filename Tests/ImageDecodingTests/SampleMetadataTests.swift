import ImageContainers
import Testing

/// The committed samples carry the metadata Samples/README.md promises (checked through
/// ImageContainers, so the metadata detectors have real inputs).
@Suite struct SampleMetadataTests {
    @Test func baselineJPEGHasEXIF() throws {
        let info = try ContainerParser.parse(RepositorySamples.bytes("jpeg/baseline-exif.jpg"))
        let exif = try #require(info.metadata.exif)
        #expect(exif.make == "Provenant Test Camera Co.")
        #expect(exif.model == "PTC-1")
        #expect(exif.software == "make_samples.py")
        #expect(exif.dateTimeOriginal == "2024:05:01 12:34:56")
    }

    @Test func jpegCodingModes() throws {
        #expect(try ContainerParser.parse(RepositorySamples.bytes("jpeg/progressive.jpg")).jpeg?.progressive == true)
        #expect(try ContainerParser.parse(RepositorySamples.bytes("jpeg/arithmetic.jpg")).jpeg?.arithmetic == true)
        #expect(try ContainerParser.parse(RepositorySamples.bytes("jpeg/cmyk-adobe.jpg")).colorModel == "cmyk")
    }

    @Test func pngTextChunks() throws {
        let info = try ContainerParser.parse(RepositorySamples.bytes("png/text-chunks.png"))
        let chunks = info.metadata.textChunks
        let parameters = try #require(chunks.first { $0.keyword == "parameters" })
        #expect(parameters.chunkType == "tEXt")
        #expect(parameters.text.contains("Negative prompt: blurry, lowres"))
        #expect(parameters.text.contains("Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234567890"))
        #expect(chunks.first { $0.keyword == "Comment" }?.chunkType == "zTXt")
        #expect(chunks.first { $0.keyword == "Comment" }?.text.hasPrefix("compressed comment: lorem ipsum") == true)
        #expect(chunks.first { $0.keyword == "Title" }?.text == "Lake at sunset ☀")
        #expect(chunks.first { $0.keyword == "Description" }?.chunkType == "iTXt")
    }
}
