import ByteParsing
import ImageContainers
import Testing

@Suite("JPEG containers")
struct JPEGContainerTests {
    @Test("minimal baseline JPEG: geometry, colour, tables, quality")
    func minimal() throws {
        let info = try ContainerParser.parse(JPEGTestBuilder.minimal(width: 640, height: 480))
        #expect(info.format == .jpeg)
        #expect(info.width == 640)
        #expect(info.height == 480)
        #expect(info.bitDepth == 8)
        #expect(info.colorModel == "ycbcr")
        #expect(info.png == nil)
        #expect(info.warnings.isEmpty)
        let jpeg = try #require(info.jpeg)
        #expect(jpeg.frameMarker == 0xC0)
        #expect(!jpeg.progressive && !jpeg.arithmetic && !jpeg.lossless && !jpeg.hierarchical)
        #expect(jpeg.subsampling == "4:2:0")
        #expect(jpeg.components == [
            JPEGComponentInfo(id: 1, horizontalSampling: 2, verticalSampling: 2, quantizationTable: 0),
            JPEGComponentInfo(id: 2, horizontalSampling: 1, verticalSampling: 1, quantizationTable: 1),
            JPEGComponentInfo(id: 3, horizontalSampling: 1, verticalSampling: 1, quantizationTable: 1),
        ])
        #expect(jpeg.quantizationTables == [IJG.scaled(IJG.luminance, quality: 75), IJG.scaled(IJG.chrominance, quality: 75)])
        #expect(jpeg.quantizationTables[0][0] == 8)  // 16 * 50 / 100
        #expect(jpeg.quantizationTableSlots == [0, 1])
        #expect(jpeg.estimatedQuality == 75)
        #expect(jpeg.hasJFIF)
        #expect(jpeg.applicationSegments == [JPEGApplicationSegmentInfo(number: 0, offset: 2, length: 14, identifier: "JFIF")])
        #expect(jpeg.scanCount == 1)
        #expect(jpeg.endsWithEOI)
        #expect(info.metadata == ImageMetadata())
    }

    @Test("IJG quality estimate is exact for libjpeg tables", arguments: [50, 75, 90])
    func qualityKnownValues(quality: Int) {
        let tables = [IJG.scaled(IJG.luminance, quality: quality), IJG.scaled(IJG.chrominance, quality: quality)]
        #expect(JPEGQuality.estimate(tables) == quality)
        #expect(JPEGQuality.estimate([tables[0]]) == quality)
    }

    @Test("IJG quality estimate over the whole range")
    func qualityAllValues() {
        for quality in 1...100 {
            let tables = [IJG.scaled(IJG.luminance, quality: quality), IJG.scaled(IJG.chrominance, quality: quality)]
            #expect(JPEGQuality.estimate(tables) == quality, "quality \(quality)")
        }
        #expect(JPEGQuality.estimate([]) == nil)
        #expect(JPEGQuality.estimate([[1, 2, 3]]) == nil)
        // A table of all ones is what quality 100 produces.
        #expect(JPEGQuality.estimate([[UInt16](repeating: 1, count: 64)]) == 100)
    }

    @Test("zigzag order maps to natural order, 8- and 16-bit tables")
    func quantizationTableOrder() throws {
        let natural = (0..<64).map { UInt16($0 * 7 + 300) }  // values above 255 need 16-bit precision
        var builder = JPEGTestBuilder()
        builder.quantizationTables([(0, natural, true), (1, (0..<64).map { UInt16($0 + 1) }, false)])
        builder.frame(width: 8, height: 8, components: [(1, 1, 1, 0), (2, 1, 1, 1), (3, 1, 1, 1)])
        builder.scan()
        builder.end()
        let jpeg = try #require(try ContainerParser.parse(builder.bytes).jpeg)
        #expect(jpeg.quantizationTables[0] == natural)
        #expect(jpeg.quantizationTables[1] == (0..<64).map { UInt16($0 + 1) })
        #expect(jpeg.subsampling == "4:4:4")
        #expect(JPEGQuantizationTable.zigzagToNatural == JPEGTestBuilder.zigzag)
        #expect(Set(JPEGQuantizationTable.zigzagToNatural) == Set(0..<64))
    }

    @Test(
        "frame types and subsampling",
        arguments: [
            (UInt8(0xC2), [(UInt8(1), UInt8(2), UInt8(1), UInt8(0)), (2, 1, 1, 1), (3, 1, 1, 1)], "4:2:2", true, false, false),
            (0xC9, [(1, 1, 2, 0), (2, 1, 1, 1), (3, 1, 1, 1)], "4:4:0", false, true, false),
            (0xCA, [(1, 4, 1, 0), (2, 1, 1, 1), (3, 1, 1, 1)], "4:1:1", true, true, false),
            (0xC1, [(1, 2, 1, 0), (2, 1, 2, 1), (3, 1, 1, 1)], "2x1,1x2,1x1", false, false, false),
            (0xC0, [(1, 1, 1, 0)], "4:0:0", false, false, false),
        ] as [(UInt8, [(UInt8, UInt8, UInt8, UInt8)], String, Bool, Bool, Bool)])
    func frameTypes(marker: UInt8, components: [(UInt8, UInt8, UInt8, UInt8)], subsampling: String, progressive: Bool,
                    arithmetic: Bool, lossless: Bool) throws {
        var builder = JPEGTestBuilder()
        builder.quantizationTables([(0, IJG.luminance, false), (1, IJG.chrominance, false)])
        builder.frame(marker: marker, width: 16, height: 16, components: components)
        builder.scan(components: components.count)
        builder.end()
        let info = try ContainerParser.parse(builder.bytes)
        let jpeg = try #require(info.jpeg)
        #expect(jpeg.subsampling == subsampling)
        #expect(jpeg.progressive == progressive)
        #expect(jpeg.arithmetic == arithmetic)
        #expect(jpeg.lossless == lossless)
        #expect(info.colorModel == (components.count == 1 ? "gray" : "ycbcr"))
        #expect(jpeg.estimatedQuality == 50)
    }

    @Test("lossless and 12-bit frames")
    func precisionAndLossless() throws {
        var builder = JPEGTestBuilder()
        builder.frame(marker: 0xC3, precision: 16, width: 3, height: 2, components: [(1, 1, 1, 0)])
        builder.scan(components: 1)
        builder.end()
        let lossless = try ContainerParser.parse(builder.bytes)
        #expect(lossless.bitDepth == 16)
        #expect(lossless.jpeg?.lossless == true)
        #expect(lossless.jpeg?.estimatedQuality == nil)

        var twelve = JPEGTestBuilder()
        twelve.quantizationTables([(0, IJG.luminance, true)])
        twelve.frame(marker: 0xC1, precision: 12, width: 3, height: 2, components: [(1, 1, 1, 0)])
        twelve.scan(components: 1)
        twelve.end()
        #expect(try ContainerParser.parse(twelve.bytes).bitDepth == 12)

        for precision: UInt8 in [7, 10, 16] {
            var bad = JPEGTestBuilder()
            bad.frame(marker: 0xC1, precision: precision, width: 3, height: 2, components: [(1, 1, 1, 0)])
            expectParseError(.invalidValue, at: 6) { () throws(ParseError) in try ContainerParser.parse(bad.bytes) }
        }
    }

    @Test("colour models from Adobe APP14 and component ids")
    func colourModels() throws {
        func file(components: [(UInt8, UInt8, UInt8, UInt8)], adobeTransform: UInt8?, jfif: Bool = false) -> [UInt8] {
            var builder = JPEGTestBuilder()
            if jfif { builder.jfif() }
            if let adobeTransform {
                builder.segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, adobeTransform])
            }
            builder.frame(width: 8, height: 8, components: components)
            builder.scan(components: components.count)
            builder.end()
            return builder.bytes
        }
        let three: [(UInt8, UInt8, UInt8, UInt8)] = [(1, 1, 1, 0), (2, 1, 1, 0), (3, 1, 1, 0)]
        let four: [(UInt8, UInt8, UInt8, UInt8)] = three + [(4, 1, 1, 0)]
        #expect(try ContainerParser.parse(file(components: three, adobeTransform: 0)).colorModel == "rgb")
        #expect(try ContainerParser.parse(file(components: three, adobeTransform: 1)).colorModel == "ycbcr")
        #expect(try ContainerParser.parse(file(components: three, adobeTransform: nil)).colorModel == "ycbcr")
        let rgbIDs: [(UInt8, UInt8, UInt8, UInt8)] = [(0x52, 1, 1, 0), (0x47, 1, 1, 0), (0x42, 1, 1, 0)]
        #expect(try ContainerParser.parse(file(components: rgbIDs, adobeTransform: nil)).colorModel == "rgb")
        let cmyk = try ContainerParser.parse(file(components: four, adobeTransform: 0))
        #expect(cmyk.colorModel == "cmyk")
        #expect(cmyk.jpeg?.adobeTransform == 0)
        #expect(cmyk.jpeg?.subsampling == "4:4:4")
        #expect(try ContainerParser.parse(file(components: four, adobeTransform: 2)).colorModel == "ycck")
        #expect(try ContainerParser.parse(file(components: four, adobeTransform: nil)).colorModel == "cmyk")
    }

    @Test("EXIF, XMP, COM and APP identifiers")
    func metadataSegments() throws {
        let tiff = TIFFTestBuilder(bigEndian: true, directories: [
            .init(entries: [(0x010F, .ascii("Canon")), (0x0110, .ascii("Canon EOS 5D"))]),
        ]).build()
        let xmp = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
              Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/>
            </rdf:RDF></x:xmpmeta>
            """
        let bytes = JPEGTestBuilder.minimal { builder in
            builder.exif(tiff)
            builder.xmp(xmp)
            builder.segment(0xFE, Array("made by a test".utf8))
            builder.application(13, identifier: "Photoshop 3.0", [0x38, 0x42])
        }
        let info = try ContainerParser.parse(bytes)
        #expect(info.metadata.exif?.make == "Canon")
        #expect(info.metadata.exif?.model == "Canon EOS 5D")
        #expect(info.metadata.xmp?.digitalSourceType == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")
        #expect(info.metadata.xmp?.packet == xmp)
        #expect(info.metadata.comments == ["made by a test"])
        #expect(info.jpeg?.applicationSegments.map(\.identifier) == ["JFIF", "Exif", "http://ns.adobe.com/xap/1.0/", "Photoshop 3.0"])
        #expect(info.jpeg?.applicationSegments.map(\.number) == [0, 1, 1, 13])
        #expect(info.warnings.isEmpty)
    }

    @Test("a corrupt EXIF block becomes a warning, not a failure")
    func corruptEXIF() throws {
        let bytes = JPEGTestBuilder.minimal { $0.exif([0x4D, 0x4D, 0x00, 0x2B, 0, 0, 0, 8]) }
        let info = try ContainerParser.parse(bytes)
        #expect(info.metadata.exif == nil)
        #expect(info.warnings.count == 1)
        #expect(info.warnings.first?.contains("invalid_value") == true)
    }

    @Test("extended XMP is reassembled from parts in any order")
    func extendedXMP() throws {
        let guid = "0123456789ABCDEF0123456789ABCDEF"
        let main = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="\(guid)"
              xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Main Tool"/></rdf:RDF></x:xmpmeta>
            """
        let extended = Array("""
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Extended Credit"
              xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Ignored"/></rdf:RDF></x:xmpmeta>
            """.utf8)
        func part(_ offset: Int, _ count: Int) -> [UInt8] {
            let length = UInt32(extended.count)
            return Array(guid.utf8) + [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
                + [0, 0, UInt8(offset >> 8), UInt8(offset & 0xFF)] + Array(extended[offset..<(offset + count)])
        }
        let split = 100
        let bytes = JPEGTestBuilder.minimal { builder in
            builder.xmp(main)
            builder.application(1, identifier: "http://ns.adobe.com/xmp/extension/", part(split, extended.count - split))
            builder.application(1, identifier: "http://ns.adobe.com/xmp/extension/", part(0, split))
        }
        let xmp = try #require(try ContainerParser.parse(bytes).metadata.xmp)
        #expect(xmp.creatorTool == "Main Tool")
        #expect(xmp.credit == "Extended Credit")
        #expect(xmp.extendedPacket == String(decoding: extended, as: UTF8.self))

        // A missing part leaves the main packet and a warning.
        let partial = JPEGTestBuilder.minimal { builder in
            builder.xmp(main)
            builder.application(1, identifier: "http://ns.adobe.com/xmp/extension/", part(0, split))
        }
        let info = try ContainerParser.parse(partial)
        #expect(info.metadata.xmp?.credit == nil)
        #expect(info.metadata.xmp?.creatorTool == "Main Tool")
        #expect(info.warnings.count == 1)
    }

    @Test("ICC profile parts are reassembled by sequence number")
    func iccProfile() throws {
        let profile = (0..<300).map { UInt8($0 % 251) }
        func part(_ sequence: UInt8, _ count: UInt8, _ range: Range<Int>) -> [UInt8] {
            [sequence, count] + Array(profile[range])
        }
        let bytes = JPEGTestBuilder.minimal { builder in
            builder.application(2, identifier: "ICC_PROFILE", part(2, 3, 100..<200))
            builder.application(2, identifier: "ICC_PROFILE", part(1, 3, 0..<100))
            builder.application(2, identifier: "ICC_PROFILE", part(3, 3, 200..<300))
        }
        #expect(try ContainerParser.parse(bytes).metadata.iccProfile == profile)

        let missing = JPEGTestBuilder.minimal { builder in
            builder.application(2, identifier: "ICC_PROFILE", part(1, 2, 0..<100))
        }
        let info = try ContainerParser.parse(missing)
        #expect(info.metadata.iccProfile == nil)
        #expect(info.warnings.count == 1)
    }

    @Test("APP11 JUMBF with a c2pa label sets hasC2PA; other JUMBF does not")
    func jumbf() throws {
        func app11(label: String, uuid: [UInt8]) -> [UInt8] {
            let description = uuid + [0x03] + Array(label.utf8) + [0]
            let jumd = [UInt8(0), 0, 0, UInt8(8 + description.count)] + Array("jumd".utf8) + description
            let jumbLength = 8 + jumd.count
            let jumb = [UInt8(0), 0, UInt8(jumbLength >> 8), UInt8(jumbLength & 0xFF)] + Array("jumb".utf8) + jumd
            return Array("JP".utf8) + [0x00, 0x01, 0, 0, 0, 1] + jumb
        }
        let c2paUUID: [UInt8] = Array("c2pa".utf8) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        let c2pa = try ContainerParser.parse(JPEGTestBuilder.minimal { $0.segment(0xEB, app11(label: "c2pa", uuid: c2paUUID)) })
        #expect(c2pa.metadata.hasC2PA)
        #expect(c2pa.jpeg?.jumbfSegmentCount == 1)
        #expect(c2pa.jpeg?.applicationSegments.last?.identifier == "JP")

        let otherUUID = [UInt8](repeating: 0x11, count: 16)
        let byLabel = try ContainerParser.parse(JPEGTestBuilder.minimal { $0.segment(0xEB, app11(label: "c2pa", uuid: otherUUID)) })
        #expect(byLabel.metadata.hasC2PA)
        let other = try ContainerParser.parse(JPEGTestBuilder.minimal { $0.segment(0xEB, app11(label: "jp360", uuid: otherUUID)) })
        #expect(!other.metadata.hasC2PA)
        #expect(other.jpeg?.jumbfSegmentCount == 1)
    }

    @Test("structural errors are typed")
    func structuralErrors() throws {
        var noFrame = JPEGTestBuilder()
        noFrame.jfif()
        noFrame.end()
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try ContainerParser.parse(noFrame.bytes) }

        let full = JPEGTestBuilder.minimal()
        #expect(throws: ParseError(.truncated, at: nil, "")) { try ContainerParser.parse(Array(full.prefix(30))) }

        let big = JPEGTestBuilder.minimal(width: 20_000, height: 10_000)
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) { try ContainerParser.parse(big) }
        #expect(try ContainerParser.parse(big, limits: ParseLimits(maxPixels: 200_000_000)).width == 20_000)
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) {
            try ContainerParser.parse(full, limits: ParseLimits(maxFileBytes: 10))
        }
        var zeroHeight = JPEGTestBuilder()
        zeroHeight.frame(width: 8, height: 0, components: [(1, 1, 1, 0)])
        zeroHeight.scan(components: 1)
        #expect(throws: ParseError(.unsupported, at: nil, "")) { try ContainerParser.parse(zeroHeight.bytes) }
        var noScan = JPEGTestBuilder()
        noScan.frame(width: 8, height: 8, components: [(1, 1, 1, 0)])
        #expect(throws: ParseError(.truncated, at: nil, "")) { try ContainerParser.parse(noScan.bytes) }
        noScan.end()
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try ContainerParser.parse(noScan.bytes) }
    }
}
