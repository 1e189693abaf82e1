import Testing

@testable import ImageContainers

@Suite("XMP parser")
struct XMPParserTests {
    static let trained = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"

    @Test("attribute form with the usual prefixes")
    func attributeForm() {
        let packet = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
                xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
                xmlns:dcterms="http://purl.org/dc/terms/"
                Iptc4xmpExt:DigitalSourceType="\(Self.trained)"
                xmp:CreatorTool="Adobe Firefly"
                photoshop:Credit="Edited with Generative AI &amp; more"
                dcterms:provenance='made by a model'/>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
        let summary = XMPParser.parse(packet)
        #expect(summary.digitalSourceType == Self.trained)
        #expect(summary.creatorTool == "Adobe Firefly")
        #expect(summary.credit == "Edited with Generative AI & more")
        #expect(summary.provenance == "made by a model")
        #expect(summary.creators.isEmpty)
        #expect(summary.packet == packet)
    }

    @Test("element form with unusual prefixes, rdf:resource and creator sequences")
    func elementForm() {
        let packet = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <r:Description xmlns:ext="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:d="http://purl.org/dc/elements/1.1/"
                xmlns:tool="http://ns.adobe.com/xap/1.0/">
              <ext:DigitalSourceType r:resource="\(Self.trained)"/>
              <tool:CreatorTool>  Stable Diffusion &lt;XL&gt; </tool:CreatorTool>
              <d:creator><r:Seq><r:li>Ann &#x26; Bob</r:li><r:li><![CDATA[Carol <C>]]></r:li></r:Seq></d:creator>
              <!-- <tool:CreatorTool>commented out</tool:CreatorTool> -->
            </r:Description></r:RDF></x:xmpmeta>
            """
        let summary = XMPParser.parse(packet)
        #expect(summary.digitalSourceType == Self.trained)
        #expect(summary.creatorTool == "Stable Diffusion <XL>")
        #expect(summary.creators == ["Ann & Bob", "Carol <C>"])
    }

    @Test("element text form of DigitalSourceType and default namespaces")
    func textAndDefaultNamespace() {
        let packet = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>
            <DigitalSourceType xmlns="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">\(Self.trained)</DigitalSourceType>
            <dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Plain Name</dc:creator>
            </rdf:Description></rdf:RDF>
            """
        let summary = XMPParser.parse(packet)
        #expect(summary.digitalSourceType == Self.trained)
        #expect(summary.creators == ["Plain Name"])
    }

    @Test("namespaces decide, not prefixes; undeclared prefixes fall back to the conventional ones")
    func namespaceResolution() {
        let wrongNamespace = """
            <rdf:Description xmlns:xmp="http://example.com/not-xmp/" xmp:CreatorTool="Imposter"
                xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Bag><rdf:li>Dee</rdf:li></rdf:Bag></dc:creator></rdf:Description>
            """
        let first = XMPParser.parse(wrongNamespace)
        #expect(first.creatorTool == nil)
        #expect(first.creators == ["Dee"])  // rdf: is undeclared, so its conventional namespace applies

        let shadowed = """
            <a xmlns:t="http://ns.adobe.com/xap/1.0/"><b xmlns:t="http://example.com/other/"><t:CreatorTool>no</t:CreatorTool></b>
            <t:CreatorTool>yes</t:CreatorTool></a>
            """
        #expect(XMPParser.parse(shadowed).creatorTool == "yes")

        let fragment = "<rdf:Description Iptc4xmpExt:DigitalSourceType=\"\(Self.trained)\" photoshop:Credit=\"AI\"/>"
        let second = XMPParser.parse(fragment)
        #expect(second.digitalSourceType == Self.trained)
        #expect(second.credit == "AI")
    }

    @Test("malformed, truncated and hostile packets never crash")
    func hostileInput() {
        let packet = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Tool"><dc:creator><rdf:Seq>
            <rdf:li>A</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>
            """
        let utf8 = Array(packet.utf8)
        for length in 0...utf8.count {
            let summary = XMPParser.parse(String(decoding: utf8.prefix(length), as: UTF8.self))
            if length == utf8.count {
                #expect(summary.creatorTool == "Tool")
                #expect(summary.creators == ["A"])
            }
        }
        let deep = String(repeating: "<a>", count: 50_000) + "<xmp:CreatorTool>deep</xmp:CreatorTool>"
        #expect(XMPParser.parse(deep).creatorTool == nil)
        let unbalanced = "</b></c><xmp:CreatorTool>x</y></xmp:CreatorTool><<<>>>&#xFFFFFFFF;&bogus;<a b=\"unterminated"
        #expect(XMPParser.parse(unbalanced).creatorTool == "x")
        #expect(XMPParser.parse("").packet == "")
    }
}

@Suite("XMP parser cost")
struct XMPParserCostTests {
    /// Work is counted in operations (tokens, attribute resolutions, open elements visited), not timed,
    /// so the bounds are exact and do not depend on the machine.
    @Test("deep nesting with many attributes costs work linear in the packet")
    func pathological() {
        var packet = ""
        let attributes = (0..<200).map { "p\($0):CreatorTool=\"v\"" }.joined(separator: " ")
        for depth in 0..<250 { packet += "<e\(depth) \(attributes)>" }
        packet += String(repeating: "<x:y a:b=\"c\"/>", count: 20_000)
        var work = XMPParseWork()
        let summary = XMPParser.parse(packet, work: &work)
        #expect(summary.creatorTool == nil)  // p0...p199 are undeclared, unknown prefixes
        // One token per tag; each of the 250 × 200 `…:CreatorTool` attributes resolved once (`a:b` is not
        // worth resolving); each self-closing element visits only itself when it closes.
        #expect(work == XMPParseWork(tokens: 20_250, attributesResolved: 50_000, stackEntriesVisited: 20_000))
    }

    @Test("end tags that match no open element cost nothing, however deep the nesting")
    func unmatchedEndTags() {
        // End tags naming no open element, after 250 open elements: each such tag used to scan the
        // whole open-element stack (O(depth) per tag, 50 million visits here). Now none is visited.
        let strays = String(repeating: "</z>", count: 200_000) + "<xmp:CreatorTool>found</xmp:CreatorTool>"
        let deep = (0..<250).map { "<e\($0)>" }.joined() + strays
        var shallowWork = XMPParseWork()
        var deepWork = XMPParseWork()
        #expect(XMPParser.parse(strays, work: &shallowWork).creatorTool == "found")
        #expect(XMPParser.parse(deep, work: &deepWork).creatorTool == "found")
        // The only element visited is xmp:CreatorTool, at its own end tag.
        #expect(shallowWork == XMPParseWork(tokens: 200_003, attributesResolved: 0, stackEntriesVisited: 1))
        #expect(deepWork == XMPParseWork(tokens: 200_253, attributesResolved: 0, stackEntriesVisited: 1))
    }

    @Test("work adds up over several parses")
    func workAccumulates() {
        var work = XMPParseWork()
        _ = XMPParser.parse("<a><b/></a>", work: &work)
        _ = XMPParser.parse("<a><b/></a>", work: &work)
        #expect(work == XMPParseWork(tokens: 6, attributesResolved: 0, stackEntriesVisited: 4))
    }
}
