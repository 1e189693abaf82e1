import ByteParsing
import ImageContainers
import ImageDecoding
import Testing

@Suite struct MalformedInputTests {
    /// Every proper prefix of a small JPEG fails with a DecodeError (truncation is never silently
    /// accepted), and never crashes.
    @Test(arguments: [false, true]) func jpegTruncatedAtEveryOffset(progressive: Bool) throws {
        let jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 24, height: 16), quality: 80, progressive: progressive)
        for length in 0..<jpeg.count {
            let prefix = Array(jpeg.prefix(length))
            #expect(throws: DecodeError.self, "prefix \(length)") { try ImageDecoder.decode(prefix) }
            #expect(throws: DecodeError.self, "prefix \(length)") { try JPEGCoefficientReader.read(prefix) }
        }
        #expect(try ImageDecoder.decode(jpeg).width == 24)
    }

    @Test func jpegTruncationIsReportedAsTruncated() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 64, height: 64), quality: 90)
        let prefix = Array(jpeg.prefix(jpeg.count / 2))
        do {
            _ = try ImageDecoder.decode(prefix)
            Issue.record("truncated JPEG decoded")
        } catch {
            #expect(error.code == .truncated)
            #expect(error.offset == prefix.count)
        }
    }

    /// Every prefix of a small PNG that ends before the image data is complete fails with a
    /// DecodeError. (Prefixes that keep all IDAT data but lose IEND may decode: the pixels are all there.)
    @Test func pngTruncatedAtEveryOffset() throws {
        let png = try PNGEncoder.encode(TestImages.gradient(width: 24, height: 16))
        let walk = try PNGChunkWalkEnd.endOfLastIDAT(png)
        for length in 0..<png.count {
            let prefix = Array(png.prefix(length))
            if length < walk {
                #expect(throws: DecodeError.self, "prefix \(length)") { try ImageDecoder.decode(prefix) }
            } else {
                let image = try ImageDecoder.decode(prefix)
                #expect(image.width == 24)
            }
        }
    }

    /// Deterministic byte mutations of small files: each decodes or throws DecodeError.
    @Test func mutatedFilesNeverCrash() throws {
        let sources = [
            try JPEGEncoder.encode(TestImages.smooth(width: 40, height: 24), quality: 75),
            try JPEGEncoder.encode(TestImages.smooth(width: 40, height: 24), quality: 75, progressive: true),
            try PNGEncoder.encode(TestImages.gradient(width: 40, height: 24)),
            try RepositorySamples.bytes("png/interlaced.png"),
            try RepositorySamples.bytes("png/palette-trns.png"),
            try RepositorySamples.bytes("jpeg/arithmetic.jpg"),
            try RepositorySamples.bytes("jpeg/cmyk-adobe.jpg"),
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var decoded = 0
        var failed = 0
        for source in sources {
            for _ in 0..<150 {
                var bytes = source
                for _ in 0..<(1 + next() % 4) {
                    bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
                }
                do {
                    _ = try ImageDecoder.decode(bytes, options: DecodeOptions(scale: next() % 2 == 0 ? .full : .quarter))
                    decoded += 1
                } catch {
                    failed += 1
                }
                _ = try? JPEGCoefficientReader.read(bytes)
                _ = try? ImageDecoder.decode(
                    bytes, options: DecodeOptions(region: PixelRegion(x: 5, y: 3, width: 9, height: 7)))
            }
        }
        #expect(decoded + failed == sources.count * 150)
    }

    @Test func pngHeaderDeclaring200000SquaredIsALimitError() throws {
        var ihdr: [UInt8] = Array("IHDR".utf8)
        ihdr += bigEndian(200_000) + bigEndian(200_000) + [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += bigEndian(13) + ihdr + bigEndian(CRC32.checksum(ihdr))
        let idat: [UInt8] = Array("IDAT".utf8) + [0x78, 0x9C, 0x03, 0x00]
        png += bigEndian(4) + idat + bigEndian(CRC32.checksum(idat))
        do {
            _ = try ImageDecoder.decode(png)
            Issue.record("oversized PNG decoded")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.message.contains("200000"))
        }
    }

    @Test func jpegHeaderOverPixelLimitIsALimitError() throws {
        var jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 16, height: 16), quality: 80)
        // Patch the SOF0 frame header to declare 60000 × 60000 (3.6 gigapixels).
        let sof = try #require((0..<(jpeg.count - 1)).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg[sof + 5] = 0xEA
        jpeg[sof + 6] = 0x60
        jpeg[sof + 7] = 0xEA
        jpeg[sof + 8] = 0x60
        #expect(throws: DecodeError(.limitExceeded, "")) { try ImageDecoder.decode(jpeg) }
        #expect(throws: DecodeError(.limitExceeded, "")) { try JPEGCoefficientReader.read(jpeg) }
        // A tighter configured limit applies to ordinary images too.
        let small = try JPEGEncoder.encode(TestImages.smooth(width: 16, height: 16), quality: 80)
        let limits = ParseLimits(maxPixels: 255)
        #expect(throws: DecodeError(.limitExceeded, "")) {
            try ImageDecoder.decode(small, options: DecodeOptions(limits: limits))
        }
        #expect(throws: DecodeError(.limitExceeded, "")) {
            try ImageDecoder.decode(small, options: DecodeOptions(limits: ParseLimits(maxFileBytes: small.count - 1)))
        }
    }

    /// A progressive JPEG whose first scan is repeated 1,200 times is rejected by the scan budget
    /// instead of being decoded scan after scan.
    @Test func progressiveScanFloodIsRejected() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 16, height: 16), quality: 80, progressive: true)
        let walk = try JPEGSegmentParser.parse(jpeg)
        let scans = walk.segments.filter { $0.marker == JPEGMarker.sos }
        #expect(scans.count > 2)
        let first = try #require(scans.first)
        let second = try #require(scans.dropFirst().first)
        let firstScan = Array(jpeg[first.offset..<second.offset])  // SOS header + entropy data
        var flooded = Array(jpeg[..<second.offset])
        for _ in 0..<1200 { flooded += firstScan }
        flooded += jpeg[second.offset...]
        do {
            _ = try ImageDecoder.decode(flooded)
            Issue.record("scan flood decoded")
        } catch {
            #expect(error.code == .scanBudgetExceeded)
            #expect(error.message.contains("scans"))
            #expect(error.work?.scans == DecodeBudget.default.maxScans + 1)
        }
        #expect(throws: DecodeError(.scanBudgetExceeded, "")) { try JPEGCoefficientReader.read(flooded) }
    }

    @Test func corruptEntropyDataProducesWarnings() throws {
        var jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 64, height: 64), quality: 90)
        // Insert stray bytes before EOI: libjpeg reports "extraneous bytes before marker".
        jpeg.insert(contentsOf: [0x12, 0x34, 0x56], at: jpeg.count - 2)
        let image = try ImageDecoder.decode(jpeg)
        #expect(!image.warnings.isEmpty)
        #expect(image.warnings.first?.contains("extraneous") == true)
    }

    @Test func iccProfileIsExtractedFromJPEG() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 16, height: 16), quality: 80)
        let profile = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) }
        // APP2 "ICC_PROFILE\0" + sequence 1 of 1 + the profile bytes, inserted after SOI.
        let payload = Array("ICC_PROFILE".utf8) + [0, 1, 1] + profile
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        let withICC = Array(jpeg[..<2]) + segment + Array(jpeg[2...])
        #expect(try ImageDecoder.decode(withICC).iccProfile == profile)
        #expect(try ImageDecoder.decode(jpeg).iccProfile == nil)
    }

    @Test func corruptPNGReportsCodeAndOffset() throws {
        var png = try PNGEncoder.encode(TestImages.gradient(width: 24, height: 16))
        let idatEnd = try PNGChunkWalkEnd.endOfLastIDAT(png)
        png[idatEnd - 1] ^= 0xFF  // break the IDAT CRC
        do {
            _ = try ImageDecoder.decode(png)
            Issue.record("PNG with a bad IDAT CRC decoded")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains("CRC"))
            let offset = try #require(error.offset)
            #expect(offset > 33 && offset <= idatEnd)
        }
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

/// Finds where the last IDAT chunk of a PNG ends (after its CRC), using the container walker.
enum PNGChunkWalkEnd {
    static func endOfLastIDAT(_ png: [UInt8]) throws -> Int {
        var offset = 8
        var end = 0
        while offset + 8 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let next = offset + 12 + length
            if type == "IDAT" { end = next }
            offset = next
        }
        return end
    }
}
