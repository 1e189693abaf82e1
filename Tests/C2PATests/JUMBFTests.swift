import ByteParsing
import C2PA
import Testing

@Suite("JUMBF box parser")
struct JUMBFTests {
    typealias Builder = FixtureBuilder

    @Test("a store parses into labelled superboxes with type codes and payload ranges")
    func parsesTree() throws {
        let content = Builder.box("cbor", [0xA0])
        let assertion = Builder.superbox(label: "c2pa.actions", typeCode: "cbor", children: [content])
        let store = Builder.superbox(label: "c2pa", typeCode: "c2pa", children: [
            Builder.superbox(label: "urn:c2pa:1", typeCode: "c2ma", children: [
                Builder.superbox(label: "c2pa.assertions", typeCode: "c2as", children: [assertion]),
            ]),
        ])
        let root = try JUMBFParser().parseStore(store)
        #expect(root.label == "c2pa")
        #expect(root.contentType == "c2pa")
        #expect(root.description?.uuidString == "63327061-0011-0010-8000-00aa00389b71")
        #expect(root.range == 0..<store.count)
        #expect(root.payloadRange == 8..<store.count)
        let manifest = try #require(root.child(labelled: "urn:c2pa:1"))
        #expect(manifest.contentType == "c2ma")
        let box = try #require(manifest.child(labelled: "c2pa.assertions")?.child(labelled: "c2pa.actions"))
        #expect(box.firstContent?.type == "cbor")
        #expect(box.firstContent.map { Array(store[$0.payloadRange]) } == [0xA0])
    }

    @Test("XLBox lengths and LBox 0 (to the end) are accepted")
    func extendedLengths() throws {
        let description = Builder.box("jumd", Array("c2pa".utf8) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71, 0x03] + Array("c2pa".utf8) + [0])
        let payload = description + [0, 0, 0, 0] + Array("json".utf8) + Array("{}".utf8)  // LBox 0: runs to the end
        let total = UInt64(payload.count + 16)
        var extended: [UInt8] = [0, 0, 0, 1] + Array("jumb".utf8)
        for shift in stride(from: 56, through: 0, by: -8) { extended.append(UInt8((total >> UInt64(shift)) & 0xFF)) }
        extended += payload
        let root = try JUMBFParser().parseStore(extended)
        #expect(root.payloadRange.lowerBound == 16)
        #expect(root.children.first?.type == "json")
        #expect(root.children.first?.payloadRange.count == 2)
    }

    static func header(_ length: [UInt8], _ type: String) -> [UInt8] { length + Array(type.utf8) }

    static let malformedCases: [([UInt8], ParseError.Code)] = {
        var cases: [([UInt8], ParseError.Code)] = []
        cases.append(([0, 0, 0], .truncated))  // header cut short
        cases.append((header([0, 0, 0, 4], "jumb"), .invalidValue))  // LBox below 8
        cases.append((header([0, 0, 0x10, 0], "jumb"), .truncated))  // LBox beyond the data
        cases.append((header([0, 0, 0, 1], "jumb") + [0, 0, 0, 0, 0, 0, 0, 4], .invalidValue))  // XLBox below 16
        cases.append((header([0, 0, 0, 1], "jumb") + [UInt8](repeating: 0xFF, count: 8), .limitExceeded))  // absurd XLBox
        cases.append((header([0, 0, 0, 16], "jumb") + header([0, 0, 0, 8], "cbor"), .invalidValue))  // no description box
        cases.append((header([0, 0, 0, 8], "cbor"), .invalidValue))  // store is not a superbox
        return cases
    }()

    @Test("malformed boxes fail with clear codes", arguments: malformedCases)
    func malformed(bytes: [UInt8], code: ParseError.Code) {
        #expect(throws: ParseError(code, at: nil, "")) { try JUMBFParser().parseStore(bytes) }
    }

    @Test("a description label without its NUL terminator is truncated")
    func unterminatedLabel() {
        let description = Builder.box("jumd", [UInt8](repeating: 0x41, count: 16) + [0x03] + Array("c2pa".utf8))
        let bytes = Builder.box("jumb", description)
        #expect(throws: ParseError(.truncated, at: nil, "")) { try JUMBFParser().parseStore(bytes) }
    }

    @Test("nesting deeper than the limit is refused")
    func deepNesting() {
        var box = Builder.box("cbor", [0xA0])
        for level in 0..<100 { box = Builder.superbox(label: "l\(level)", typeCode: "c2pa", children: [box]) }
        #expect(throws: ParseError(.depthExceeded, at: nil, "")) { try JUMBFParser().parseStore(box) }
    }

    @Test("the box count limit applies")
    func boxLimit() {
        let children = [[UInt8]](repeating: Builder.box("free", []), count: 50)
        let store = Builder.superbox(label: "c2pa", typeCode: "c2pa", children: children)
        let limits = ParseLimits(maxItems: 10)
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) { try JUMBFParser(limits: limits).parseStore(store) }
    }

    @Test("a store whose type is not c2pa is rejected by the manifest model")
    func wrongStoreType() {
        let store = Builder.superbox(label: "c2pa", typeCode: "xxxx", children: [])
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try ManifestStore(bytes: store) }
    }
}

@Suite("Store location in JPEG and PNG")
struct StoreLocatorTests {
    @Test("APP11 segments are grouped by instance, ordered by sequence number, headers dropped")
    func reassembly() throws {
        let store = FixtureBuilder.superbox(label: "c2pa", typeCode: "c2pa", children: [FixtureBuilder.box("json", Array(repeating: 0x20, count: 500))])
        var builder = FixtureBuilder(key: .p256(.init()), chain: [])
        builder.segmentSize = 120
        var segments = builder.app11Segments(store)
        #expect(segments.count == 5)
        segments.swapAt(1, 3)  // sequence numbers, not file order, decide the order
        let foreign: [UInt8] = [0xFF, 0xEB, 0x00, 0x0A] + Array("JP".utf8) + [0x00, 0x01, 0, 0, 0, 1]  // another JUMBF user
        let bytes: [UInt8] = [0xFF, 0xD8] + foreign + segments.flatMap { $0 } + FixtureBuilder.jpegBody
        let location = try StoreLocator.locate(bytes)
        #expect(location.format == "jpeg")
        #expect(location.stores.count == 1)
        let found = try #require(location.stores.first)
        #expect(found.bytes == store)
        #expect(found.span == 14..<(14 + segments.map(\.count).reduce(0, +)))
        #expect(found.isContiguous)
    }

    @Test("a PNG caBX chunk is the store and its whole chunk is the carrier")
    func png() throws {
        let store = FixtureBuilder.superbox(label: "c2pa", typeCode: "c2pa", children: [])
        let bytes = FixtureBuilder.pngHead + FixtureBuilder.pngChunk("caBX", store) + FixtureBuilder.pngTail
        let location = try StoreLocator.locate(bytes)
        #expect(location.stores.first?.bytes == store)
        #expect(location.stores.first?.span == 33..<(33 + store.count + 12))
    }
}
