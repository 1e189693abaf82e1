import ByteParsing
import ImageContainers
import Testing

@Suite("EXIF parser")
struct EXIFParserTests {
    /// IFD0 (index 0) -> EXIF IFD (1), GPS IFD (2); IFD0 next -> IFD1 (3).
    static func camera(bigEndian: Bool, userComment: [UInt8]) -> [UInt8] {
        TIFFTestBuilder(bigEndian: bigEndian, directories: [
            .init(entries: [
                (0x010E, .ascii("A lake at dawn")), (0x010F, .ascii("NIKON CORPORATION")), (0x0110, .ascii("NIKON D750")),
                (0x0131, .ascii("Ver.1.10 ")), (0x0132, .ascii("2021:06:01 08:00:00")), (0x013B, .ascii("Jane Doe")),
                (0x8298, .ascii("(c) Jane Doe")), (0x0112, .short([6])), (0x8769, .pointer(1)), (0x8825, .pointer(2)),
            ], next: .ifd(3)),
            .init(entries: [
                (0x9003, .ascii("2021:06:01 07:59:58")), (0x9004, .ascii("2021:06:01 07:59:58")),
                (0x9286, .undefined(userComment)), (0xA434, .ascii("24-120mm f/4")),
                (0x927C, .undefined([0x4E, 0x69, 0x6B, 0x6F, 0x6E, 0])), (0xA420, .ascii("0123456789abcdef")),
            ]),
            .init(entries: [
                (0x0001, .ascii("S")), (0x0002, .rational([(33, 1), (51, 1), (3036, 100)])),
                (0x0003, .ascii("E")), (0x0004, .rational([(151, 1), (12, 1), (0, 1)])),
            ]),
            .init(entries: [(0x0201, .long([0])), (0x0202, .long([0]))]),
        ]).build()
    }

    @Test("all fields, both byte orders", arguments: [false, true])
    func fields(bigEndian: Bool) throws {
        let summary = try EXIFParser.parse(Self.camera(bigEndian: bigEndian, userComment: Array("ASCII\0\0\0Hello world".utf8)))
        #expect(summary.byteOrder == (bigEndian ? "MM" : "II"))
        #expect(summary.imageDescription == "A lake at dawn")
        #expect(summary.make == "NIKON CORPORATION")
        #expect(summary.model == "NIKON D750")
        #expect(summary.software == "Ver.1.10")
        #expect(summary.dateTime == "2021:06:01 08:00:00")
        #expect(summary.artist == "Jane Doe")
        #expect(summary.copyright == "(c) Jane Doe")
        #expect(summary.dateTimeOriginal == "2021:06:01 07:59:58")
        #expect(summary.dateTimeDigitized == "2021:06:01 07:59:58")
        #expect(summary.userComment == "Hello world")
        #expect(summary.lensModel == "24-120mm f/4")
        #expect(summary.orientation == 6)
        #expect(summary.hasMakerNote)
        #expect(summary.imageUniqueID == "0123456789abcdef")
        #expect(summary.hasEXIFDirectory)
        #expect(summary.hasGPS)
        let latitude = try #require(summary.gpsLatitude)
        #expect(abs(latitude - -(33 + 51.0 / 60 + 30.36 / 3600)) < 1e-9)
        #expect(summary.gpsLongitude == 151.2)
        #expect(summary.hasThumbnail)
        #expect(summary.directoryCount == 4)
    }

    @Test("UserComment character codes")
    func userComments() throws {
        func comment(_ bytes: [UInt8], bigEndian: Bool = false) throws -> String? {
            try EXIFParser.parse(Self.camera(bigEndian: bigEndian, userComment: bytes)).userComment
        }
        let unicodeLE: [UInt8] = Array("UNICODE\0".utf8) + [0x41, 0x00, 0xE9, 0x00, 0x2B, 0x73]  // "Aé" + U+732B
        #expect(try comment(unicodeLE) == "Aé猫")
        let unicodeBE: [UInt8] = Array("UNICODE\0".utf8) + [0x00, 0x41, 0x73, 0x2B]
        #expect(try comment(unicodeBE, bigEndian: true) == "A猫")
        let withBOM: [UInt8] = Array("UNICODE\0".utf8) + [0xFE, 0xFF, 0x00, 0x42]
        #expect(try comment(withBOM) == "B")
        #expect(try comment([0, 0, 0, 0, 0, 0, 0, 0] + Array("Steps: 30, Sampler: DPM++".utf8)) == "Steps: 30, Sampler: DPM++")
        #expect(try comment(Array("ASCII\0\0\0".utf8) + [0x20, 0x20, 0, 0]) == nil)
        #expect(try comment([0x41, 0x42]) == "AB")
    }

    @Test("IFD loops are cycles")
    func cycles() {
        let selfLoop = TIFFTestBuilder(bigEndian: false, directories: [.init(entries: [(0x010F, .ascii("X"))], next: .ifd(0))]).build()
        #expect(throws: ParseError(.cycleDetected, at: nil, "")) { try EXIFParser.parse(selfLoop) }

        let twoCycle = TIFFTestBuilder(bigEndian: true, directories: [
            .init(entries: [(0x010F, .ascii("X"))], next: .ifd(1)),
            .init(entries: [(0x0201, .long([0]))], next: .ifd(0)),
        ]).build()
        do {
            _ = try EXIFParser.parse(twoCycle)
            Issue.record("cycle accepted")
        } catch {
            #expect(error.code == .cycleDetected)
            #expect(error.offset == 8)
        }

        let subIFDLoop = TIFFTestBuilder(bigEndian: false, directories: [
            .init(entries: [(0x8769, .pointer(1))]), .init(entries: [(0xA005, .pointer(0))]),
        ]).build()
        #expect(throws: ParseError(.cycleDetected, at: nil, "")) { try EXIFParser.parse(subIFDLoop) }
    }

    @Test("the tolerant walk keeps fields read before a cycle")
    func tolerantCycles() throws {
        let twoCycle = TIFFTestBuilder(bigEndian: true, directories: [
            .init(entries: [(0x010F, .ascii("Kodak")), (0x8769, .pointer(1))], next: .ifd(2)),
            .init(entries: [(0x9003, .ascii("2004:03:13 12:33:04"))]),
            .init(entries: [(0x0201, .long([0]))], next: .ifd(0)),
        ]).build()
        #expect(throws: ParseError(.cycleDetected, at: nil, "")) { try EXIFParser.parse(twoCycle) }
        let (summary, issues) = try EXIFParser.parseTolerant(twoCycle)
        #expect(summary.make == "Kodak")
        #expect(summary.dateTimeOriginal == "2004:03:13 12:33:04")
        #expect(summary.hasThumbnail)
        #expect(summary.directoryCount == 3)
        #expect(issues.map(\.code) == [.cycleDetected])
        #expect(issues.first?.offset == 8)

        // In a JPEG the issue becomes a warning with a file offset and the fields are kept.
        let jpeg = JPEGTestBuilder.minimal { $0.exif(twoCycle) }
        let info = try ContainerParser.parse(jpeg)
        #expect(info.metadata.exif?.make == "Kodak")
        #expect(info.warnings == ["APP1 Exif: cycle_detected at offset 38: EXIF: IFD at offset 8 is reached twice"])
        // Likewise in a PNG eXIf chunk.
        let png = try ContainerParser.parse(PNGTestBuilder.minimal { $0.chunk("eXIf", twoCycle) })
        #expect(png.metadata.exif?.make == "Kodak")
        #expect(png.warnings.count == 1)

        // A cycle back into IFD0 from IFD0 itself still has nothing to lose, but IFD0 errors always throw.
        #expect(throws: ParseError(.truncated, at: nil, "")) { try EXIFParser.parseTolerant(Array(twoCycle.prefix(12))) }
    }

    @Test("depth, entry-count and header limits")
    func limits() {
        let chain = TIFFTestBuilder(
            bigEndian: false,
            directories: (0..<40).map { index in .init(entries: [(0x0100, .short([1]))], next: index < 39 ? .ifd(index + 1) : .none) }
        ).build()
        #expect(throws: ParseError(.depthExceeded, at: nil, "")) { try EXIFParser.parse(chain) }
        #expect(throws: Never.self) { try EXIFParser.parse(chain, limits: ParseLimits(maxDepth: 64)) }

        let entries: [(tag: UInt16, value: TIFFTestBuilder.Value)] = (0..<20).map { (UInt16(0x1000 + $0), .short([1])) }
        let wide = TIFFTestBuilder(bigEndian: false, directories: [.init(entries: entries)]).build()
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) { try EXIFParser.parse(wide, limits: ParseLimits(maxItems: 10)) }

        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try EXIFParser.parse(Array("XX*\0\u{8}\0\0\0".utf8)) }
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try EXIFParser.parse([0x49, 0x49, 0x2B, 0, 8, 0, 0, 0]) }
        #expect(throws: ParseError(.truncated, at: nil, "")) { try EXIFParser.parse([0x49, 0x49]) }
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try EXIFParser.parse([0x49, 0x49, 0x2A, 0, 0xFF, 0xFF, 0xFF, 0xFF]) }
    }

    @Test("hostile offsets and counts are ignored without crashing")
    func hostileValues() throws {
        let tiff = TIFFTestBuilder(bigEndian: true, directories: [
            .init(
                entries: [
                    (0x010F, .raw(type: 2, count: 0xFFFF_FFFF, bytes: [0xFF, 0xFF, 0xFF, 0xF0])),
                    (0x0110, .raw(type: 2, count: 100, bytes: [0x7F, 0xFF, 0xFF, 0xFF])),
                    (0x0131, .raw(type: 99, count: 1, bytes: [0, 0, 0, 0])),
                    (0x013B, .raw(type: 12, count: 0x2000_0000, bytes: [0, 0, 0, 8])),
                    (0x8769, .rawPointer(0xFFFF_FFF0)),
                    (0x8825, .rawPointer(3)),
                    (0x8298, .ascii("ok")),
                ], next: .raw(0x7FFF_FFFF)),
        ]).build()
        let summary = try EXIFParser.parse(tiff)
        #expect(summary.make == nil)
        #expect(summary.model == nil)
        #expect(summary.software == nil)
        #expect(summary.artist == nil)
        #expect(summary.copyright == "ok")
        #expect(!summary.hasEXIFDirectory)
        #expect(summary.hasGPS)
        #expect(!summary.hasThumbnail)
    }

    @Test("every truncation and single-byte corruption throws a typed error or succeeds")
    func truncationAndMutation() {
        let full = Self.camera(bigEndian: false, userComment: Array("UNICODE\0".utf8) + [0x41, 0])
        for length in 0...full.count {
            _ = try? EXIFParser.parse(Array(full.prefix(length)))
        }
        for index in 0..<full.count {
            for value: UInt8 in [0x00, 0xFF, full[index] ^ 0x55] {
                var mutated = full
                mutated[index] = value
                _ = try? EXIFParser.parse(mutated)
            }
        }
        // Prefixes that cut IFD0 itself fail; the full data succeeds.
        #expect(throws: ParseError(.truncated, at: nil, "")) { try EXIFParser.parse(Array(full.prefix(20))) }
        #expect(throws: Never.self) { try EXIFParser.parse(full) }
    }
}
