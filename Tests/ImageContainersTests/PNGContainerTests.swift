import ByteParsing
import ImageContainers
import Testing

@Suite("PNG containers")
struct PNGContainerTests {
    @Test("minimal RGB PNG")
    func minimal() throws {
        let info = try ContainerParser.parse(PNGTestBuilder.minimal())
        #expect(info.format == .png)
        #expect(info.width == 4 && info.height == 2)
        #expect(info.bitDepth == 8)
        #expect(info.colorModel == "rgb")
        #expect(info.jpeg == nil)
        #expect(info.png == PNGInfo(
            colorType: 2, interlaced: false, paletteSize: nil, hasTransparency: false, hasImageData: true,
            chunkTypes: ["IHDR", "IDAT", "IEND"], chunkCount: 3, endsWithIEND: true))
        #expect(info.metadata == ImageMetadata())
    }

    @Test(
        "colour types and bit depths",
        arguments: [
            (UInt8(0), UInt8(1), "gray"), (0, 16, "gray"), (2, 16, "rgb"), (4, 8, "gray_alpha"), (6, 16, "rgba"), (3, 4, "palette"),
        ] as [(UInt8, UInt8, String)])
    func colourTypes(colorType: UInt8, depth: UInt8, model: String) throws {
        var builder = PNGTestBuilder()
        builder.header(width: 3, height: 1, bitDepth: depth, colorType: colorType, interlace: 1)
        if colorType == 3 { builder.chunk("PLTE", [0, 0, 0, 255, 255, 255]) }
        builder.chunk("tRNS", [0, 0])
        builder.imageData(rows: 1, rowBytes: 8)
        builder.end()
        let info = try ContainerParser.parse(builder.bytes)
        #expect(info.colorModel == model)
        #expect(info.bitDepth == Int(depth))
        #expect(info.png?.interlaced == true)
        #expect(info.png?.hasTransparency == true)
        #expect(info.png?.paletteSize == (colorType == 3 ? 2 : nil))
    }

    @Test("invalid headers and palettes are rejected", arguments: [
        (UInt32(4), UInt8(8), UInt8(1)), (4, 3, 2), (4, 16, 3), (0, 8, 2), (0x8000_0000, 8, 2),
    ] as [(UInt32, UInt8, UInt8)])
    func invalidHeaders(width: UInt32, depth: UInt8, colorType: UInt8) {
        var builder = PNGTestBuilder()
        builder.header(width: width, height: 1, bitDepth: depth, colorType: colorType)
        builder.chunk("PLTE", [1, 2, 3])
        builder.imageData(rows: 1, rowBytes: 4)
        builder.end()
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try ContainerParser.parse(builder.bytes) }
    }

    @Test("palette rules, missing IDAT, pixel limit")
    func structure() {
        var noPalette = PNGTestBuilder()
        noPalette.header(width: 1, height: 1, bitDepth: 8, colorType: 3)
        noPalette.imageData(rows: 1, rowBytes: 1)
        noPalette.end()
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try ContainerParser.parse(noPalette.bytes) }

        let badPalette = PNGTestBuilder.minimal { $0.chunk("PLTE", [1, 2, 3, 4]) }
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try ContainerParser.parse(badPalette) }

        var noData = PNGTestBuilder()
        noData.header(width: 1, height: 1)
        noData.end()
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try ContainerParser.parse(noData.bytes) }

        var huge = PNGTestBuilder()
        huge.header(width: 100_000, height: 100_000)
        huge.imageData(rows: 1, rowBytes: 1)
        huge.end()
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) { try ContainerParser.parse(huge.bytes) }
    }

    @Test("tEXt, zTXt and iTXt (plain and compressed) are decoded")
    func textChunks() throws {
        let latin1: [UInt8] = Array("caf".utf8) + [0xE9]  // "café" in ISO 8859-1
        let utf8Text = "prompt: a cat, 猫"
        let bytes = PNGTestBuilder.minimal { builder in
            builder.chunk("tEXt", Array("Software".utf8) + [0] + latin1)
            builder.chunk("zTXt", Array("parameters".utf8) + [0, 0] + ZlibTestBuilder.stored(Array("Steps: 20, Sampler: Euler a".utf8)))
            builder.chunk("iTXt", Array("prompt".utf8) + [0, 0, 0] + Array("en".utf8) + [0] + Array("Prompt".utf8) + [0] + Array(utf8Text.utf8))
            builder.chunk("iTXt", Array("workflow".utf8) + [0, 1, 0, 0, 0] + ZlibTestBuilder.stored(Array("{\"nodes\":[]}".utf8)))
        }
        let info = try ContainerParser.parse(bytes)
        #expect(info.metadata.textChunks == [
            TextChunk(keyword: "Software", text: "café", chunkType: "tEXt"),
            TextChunk(keyword: "parameters", text: "Steps: 20, Sampler: Euler a", chunkType: "zTXt"),
            TextChunk(keyword: "prompt", text: utf8Text, chunkType: "iTXt", languageTag: "en", translatedKeyword: "Prompt"),
            TextChunk(keyword: "workflow", text: "{\"nodes\":[]}", chunkType: "iTXt"),
        ])
        #expect(info.metadata.text(forKeyword: "parameters") == "Steps: 20, Sampler: Euler a")
        #expect(info.png?.chunkTypes == ["IHDR", "tEXt", "zTXt", "iTXt", "IDAT", "IEND"])
        #expect(info.warnings.isEmpty)
    }

    @Test("XMP in iTXt, EXIF in eXIf, ICC in iCCP, C2PA in caBX")
    func metadataChunks() throws {
        let xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"><xmp:CreatorTool>Generator 2</xmp:CreatorTool>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>"
        let tiff = TIFFTestBuilder(bigEndian: false, directories: [.init(entries: [(0x0131, .ascii("Editor 1.0"))])]).build()
        let profile = (0..<500).map { UInt8($0 & 0xFF) }
        let bytes = PNGTestBuilder.minimal { builder in
            builder.chunk("iCCP", Array("sRGB built-in".utf8) + [0, 0] + ZlibTestBuilder.stored(profile))
            builder.chunk("iTXt", Array("XML:com.adobe.xmp".utf8) + [0, 0, 0, 0, 0] + Array(xmp.utf8))
            builder.chunk("eXIf", tiff)
            builder.chunk("caBX", [0, 0, 0, 8] + Array("jumb".utf8))
        }
        let info = try ContainerParser.parse(bytes)
        #expect(info.metadata.xmp?.creatorTool == "Generator 2")
        #expect(info.metadata.exif?.software == "Editor 1.0")
        #expect(info.metadata.exif?.byteOrder == "II")
        #expect(info.metadata.iccProfile == profile)
        #expect(info.metadata.iccProfileName == "sRGB built-in")
        #expect(info.metadata.hasC2PA)
    }

    @Test("ImageMagick raw EXIF profile text is decoded")
    func rawProfileEXIF() throws {
        let tiff = TIFFTestBuilder(bigEndian: true, directories: [.init(entries: [(0x010F, .ascii("NIKON"))])]).build()
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let hex = payload.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }
            .joined()
        let text = "\nexif\n    \(payload.count)\n\(hex)\n"
        let info = try ContainerParser.parse(PNGTestBuilder.minimal { $0.chunk("tEXt", Array("Raw profile type exif".utf8) + [0] + Array(text.utf8)) })
        #expect(info.metadata.exif?.make == "NIKON")
    }

    @Test("XMP in tEXt and in an ImageMagick raw profile")
    func xmpInOtherChunks() throws {
        let packet = "<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Tool A\"/>"
        let plain = try ContainerParser.parse(PNGTestBuilder.minimal {
            $0.chunk("tEXt", Array("XML:com.adobe.xmp".utf8) + [0] + Array(packet.utf8))
        })
        #expect(plain.metadata.xmp?.creatorTool == "Tool A")
        let hex = Array(packet.utf8).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        let raw = "\nxmp\n  \(packet.utf8.count)\n\(hex)\n"
        let magick = try ContainerParser.parse(PNGTestBuilder.minimal {
            $0.chunk("zTXt", Array("Raw profile type xmp".utf8) + [0, 0] + ZlibTestBuilder.stored(Array(raw.utf8)))
        })
        #expect(magick.metadata.xmp?.creatorTool == "Tool A")
        #expect(magick.metadata.xmp?.packet == packet)
    }

    @Test("CRC failures are checksum mismatches")
    func crcFailures() {
        let badText = PNGTestBuilder.minimal { $0.chunk("tEXt", Array("a".utf8) + [0, 0x62], corruptCRC: true) }
        #expect(throws: ParseError(.checksumMismatch, at: nil, "")) { try ContainerParser.parse(badText) }
        var bytes = PNGTestBuilder.minimal()
        bytes[20] ^= 0x01  // inside IHDR data
        do {
            _ = try ContainerParser.parse(bytes)
            Issue.record("corrupt IHDR accepted")
        } catch {
            #expect(error.code == .checksumMismatch)
            #expect(error.offset == 29)  // the IHDR CRC field
        }
    }

    @Test("a zTXt decompression bomb stops at the limit")
    func zTXtBomb() throws {
        let text = [UInt8](repeating: 0x41, count: 5_000)
        let bytes = PNGTestBuilder.minimal { $0.chunk("zTXt", Array("bomb".utf8) + [0, 0] + ZlibTestBuilder.stored(text)) }
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) {
            try ContainerParser.parse(bytes, limits: ParseLimits(maxDecompressedBytes: 4_096))
        }
        #expect(try ContainerParser.parse(bytes, limits: ParseLimits(maxDecompressedBytes: 5_000)).metadata.textChunks.count == 1)
        // Many items within the per-item limit still hit the per-file budget (four times the limit).
        let many = PNGTestBuilder.minimal { builder in
            for _ in 0..<5 { builder.chunk("zTXt", Array("k".utf8) + [0, 0] + ZlibTestBuilder.stored(text)) }
        }
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) {
            try ContainerParser.parse(many, limits: ParseLimits(maxDecompressedBytes: 5_000))
        }
    }

    @Test("undecodable metadata chunks become warnings")
    func metadataWarnings() throws {
        var corrupt = ZlibTestBuilder.stored(Array("hello".utf8))
        corrupt[corrupt.count - 1] ^= 0xFF
        let bytes = PNGTestBuilder.minimal { builder in
            builder.chunk("zTXt", Array("k".utf8) + [0, 0] + corrupt)
            builder.chunk("tEXt", [0, 0x41])  // empty keyword
            builder.chunk("eXIf", [1, 2, 3])
        }
        let info = try ContainerParser.parse(bytes)
        #expect(info.metadata.textChunks.isEmpty)
        #expect(info.metadata.exif == nil)
        #expect(info.warnings.count == 3)
    }
}
