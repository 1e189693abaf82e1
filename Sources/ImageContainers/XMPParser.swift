import ByteParsing

/// Extracts provenance fields from an XMP packet with a bounded, tolerant XML scan.
///
/// Properties are matched by namespace URI and local name, so any prefix works as long as it
/// is declared; undeclared prefixes fall back to their conventional namespaces (`dc`, `xmp`,
/// `photoshop`, `dcterms`, `Iptc4xmpExt`, `rdf`). Both the attribute form
/// (`<rdf:Description xmp:CreatorTool="…">`) and the element form are read, as is `rdf:resource`.
public enum XMPParser {
    /// Namespace URIs of the properties read.
    public enum Namespace {
        /// IPTC Photo Metadata extension schema.
        public static let iptcExtension = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
        /// XMP basic schema.
        public static let xmp = "http://ns.adobe.com/xap/1.0/"
        /// Dublin Core elements.
        public static let dublinCore = "http://purl.org/dc/elements/1.1/"
        /// Photoshop schema.
        public static let photoshop = "http://ns.adobe.com/photoshop/1.0/"
        /// DCMI terms.
        public static let dcTerms = "http://purl.org/dc/terms/"
        /// RDF syntax.
        public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    }

    private static let conventionalPrefixes: [String: String] = [
        "Iptc4xmpExt": Namespace.iptcExtension, "xmp": Namespace.xmp, "dc": Namespace.dublinCore,
        "photoshop": Namespace.photoshop, "dcterms": Namespace.dcTerms, "rdf": Namespace.rdf,
        "xml": "http://www.w3.org/XML/1998/namespace",
    ]

    private enum Field {
        case digitalSourceType, creatorTool, creator, credit, provenance
    }

    private static let fields: [String: Field] = [
        Namespace.iptcExtension + "DigitalSourceType": .digitalSourceType,
        Namespace.xmp + "CreatorTool": .creatorTool,
        Namespace.dublinCore + "creator": .creator,
        Namespace.photoshop + "Credit": .credit,
        Namespace.dcTerms + "provenance": .provenance,
    ]

    /// Local names worth resolving; anything else is skipped before the (depth-proportional) namespace lookup.
    private static let interestingLocalNames: Set<Substring> = [
        "DigitalSourceType", "CreatorTool", "creator", "Credit", "provenance", "resource", "li",
    ]

    /// The local part of a qualified name (after the first colon).
    private static func localName(_ qualifiedName: String) -> Substring {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return qualifiedName[...] }
        return qualifiedName[qualifiedName.index(after: colon)...]
    }

    /// The deepest element nesting followed; deeper content ends the scan.
    private static let maxElementDepth = 256
    /// The longest property value kept, in characters.
    private static let maxValueLength = 65_536

    /// Parses `packet`, scanning at most `limits.maxDecompressedBytes` bytes of it.
    public static func parse(_ packet: String, limits: ParseLimits = .default) -> XMPSummary {
        var work = XMPParseWork()
        return parse(packet, limits: limits, work: &work)
    }

    /// Parses `packet` and adds the work done to `work`.
    static func parse(_ packet: String, limits: ParseLimits = .default, work: inout XMPParseWork) -> XMPSummary {
        var scan = Scan()
        scan.work = work
        defer { work = scan.work }
        var tokenizer = XMLTokenizer(packet, maxBytes: limits.maxDecompressedBytes)
        while let token = tokenizer.next() {
            scan.work.tokens += 1
            switch token {
            case .start(let name, let attributes, let selfClosing):
                guard scan.stack.count < maxElementDepth else { return scan.summary(packet: packet) }
                scan.open(name: name, attributes: attributes)
                if selfClosing { scan.close(name: name) }
            case .end(let name):
                scan.close(name: name)
            case .text(let text):
                scan.appendText(text)
            }
        }
        return scan.summary(packet: packet)
    }

    /// The mutable state of one scan.
    private struct Scan {
        struct Element {
            let name: String
            /// Prefix bindings this element replaced, to restore when it closes.
            let shadowed: [(prefix: String, previous: String?)]
        }

        var work = XMPParseWork()
        var stack: [Element] = []
        /// How many elements of each name are open, so an end tag that matches none is dropped
        /// without scanning ``stack`` (which would cost O(depth) per stray end tag).
        var openCounts: [String: Int] = [:]
        /// The namespace bindings in scope (prefix → URI; "" for the default namespace).
        var scope: [String: String] = [:]
        var values: [Field: String] = [:]
        var creators: [String] = []
        /// The open property element being captured: its field, stack depth and text so far.
        var capture: (field: Field, depth: Int, text: String)?
        /// Stack depth of an open `dc:creator` element.
        var creatorDepth: Int?
        var creatorDirectText = ""
        /// Stack depth and text of an open `rdf:li` inside `dc:creator`.
        var item: (depth: Int, text: String)?

        func resolve(_ qualifiedName: String, isAttribute: Bool) -> (namespace: String?, local: String) {
            guard let colon = qualifiedName.firstIndex(of: ":") else {
                if isAttribute { return (nil, qualifiedName) }
                return (lookup(""), qualifiedName)
            }
            let prefix = String(qualifiedName[..<colon])
            let local = String(qualifiedName[qualifiedName.index(after: colon)...])
            return (lookup(prefix) ?? XMPParser.conventionalPrefixes[prefix], local)
        }

        func lookup(_ prefix: String) -> String? { scope[prefix] }

        func field(for qualifiedName: String, isAttribute: Bool) -> Field? {
            let (namespace, local) = resolve(qualifiedName, isAttribute: isAttribute)
            guard let namespace else { return nil }
            return XMPParser.fields[namespace + local]
        }

        mutating func record(_ field: Field, _ raw: String) {
            let value = String(TextDecoding.trimmed(raw).prefix(XMPParser.maxValueLength))
            guard !value.isEmpty else { return }
            if field == .creator {
                creators.append(value)
            } else if values[field] == nil {
                values[field] = value
            }
        }

        mutating func open(name: String, attributes: [(name: String, value: String)]) {
            var shadowed: [(prefix: String, previous: String?)] = []
            for attribute in attributes where attribute.name == "xmlns" || attribute.name.hasPrefix("xmlns:") {
                let prefix = attribute.name == "xmlns" ? "" : String(attribute.name.dropFirst(6))
                shadowed.append((prefix, scope[prefix]))
                scope[prefix] = attribute.value
            }
            stack.append(Element(name: name, shadowed: shadowed))
            openCounts[name, default: 0] += 1
            let depth = stack.count
            var resource: String?
            for attribute in attributes
            where !attribute.name.hasPrefix("xmlns")
                && XMPParser.interestingLocalNames.contains(XMPParser.localName(attribute.name))
            {
                work.attributesResolved += 1
                let (namespace, local) = resolve(attribute.name, isAttribute: true)
                if namespace == Namespace.rdf && local == "resource" { resource = attribute.value }
                if let field = field(for: attribute.name, isAttribute: true) { record(field, attribute.value) }
            }
            guard XMPParser.interestingLocalNames.contains(XMPParser.localName(name)) else { return }
            let (namespace, local) = resolve(name, isAttribute: false)
            if namespace == Namespace.rdf && local == "li" && creatorDepth != nil && item == nil {
                item = (depth, "")
                if let resource { item?.text = resource }
                return
            }
            guard let field = field(for: name, isAttribute: false) else { return }
            if field == .creator {
                if creatorDepth == nil {
                    creatorDepth = depth
                    creatorDirectText = resource ?? ""
                }
            } else if capture == nil {
                capture = (field, depth, resource ?? "")
            }
        }

        mutating func appendText(_ text: String) {
            if item != nil {
                if (item?.text.utf8.count ?? 0) < XMPParser.maxValueLength { item?.text += text }
            } else if creatorDepth != nil {
                if creatorDirectText.utf8.count < XMPParser.maxValueLength { creatorDirectText += text }
            } else if capture != nil {
                if (capture?.text.utf8.count ?? 0) < XMPParser.maxValueLength { capture?.text += text }
            }
        }

        mutating func close(name: String) {
            // Tolerate unbalanced markup: close back to the nearest element with this name.
            guard openCounts[name, default: 0] > 0, let match = stack.lastIndex(where: { $0.name == name }) else {
                return
            }
            work.stackEntriesVisited += stack.count - match
            while stack.count > match {
                let depth = stack.count
                if let open = item, open.depth == depth {
                    record(.creator, open.text)
                    item = nil
                }
                if creatorDepth == depth {
                    if creators.isEmpty { record(.creator, creatorDirectText) }
                    creatorDepth = nil
                    creatorDirectText = ""
                }
                if let open = capture, open.depth == depth {
                    record(open.field, open.text)
                    capture = nil
                }
                if let closed = stack.popLast() {
                    for binding in closed.shadowed.reversed() { scope[binding.prefix] = binding.previous }
                    let remaining = openCounts[closed.name, default: 1] - 1
                    openCounts[closed.name] = remaining > 0 ? remaining : nil
                }
            }
        }

        func summary(packet: String) -> XMPSummary {
            XMPSummary(
                digitalSourceType: values[.digitalSourceType], creatorTool: values[.creatorTool], creators: creators,
                credit: values[.credit], provenance: values[.provenance], packet: packet)
        }
    }
}
