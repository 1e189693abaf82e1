/// Extracts the `dcterms:provenance` remote-manifest URL from an XMP packet.
enum XMPProvenance {
    static let app1Namespace = Array("http://ns.adobe.com/xap/1.0/\u{0}".utf8)

    /// Looks in a JPEG APP1 payload that carries XMP.
    static func find(inAPP1 bytes: [UInt8], payload: Range<Int>) -> String? {
        guard payload.count > app1Namespace.count,
            Array(bytes[payload.lowerBound..<(payload.lowerBound + app1Namespace.count)]) == app1Namespace
        else { return nil }
        let text = String(decoding: bytes[(payload.lowerBound + app1Namespace.count)..<payload.upperBound], as: UTF8.self)
        return find(inPacket: text)
    }

    /// Looks in an uncompressed PNG `iTXt` chunk with keyword `XML:com.adobe.xmp`.
    static func find(inITXt bytes: [UInt8], data: Range<Int>) -> String? {
        let keyword = Array("XML:com.adobe.xmp".utf8)
        guard data.count > keyword.count + 5,
            Array(bytes[data.lowerBound..<(data.lowerBound + keyword.count)]) == keyword,
            bytes[data.lowerBound + keyword.count] == 0,
            bytes[data.lowerBound + keyword.count + 1] == 0  // not compressed
        else { return nil }
        var position = data.lowerBound + keyword.count + 3
        for _ in 0..<2 {  // language tag, translated keyword
            while position < data.upperBound && bytes[position] != 0 { position += 1 }
            position += 1
        }
        guard position < data.upperBound else { return nil }
        return find(inPacket: String(decoding: bytes[position..<data.upperBound], as: UTF8.self))
    }

    /// Finds `dcterms:provenance` as an attribute or an element in XMP text.
    static func find(inPacket text: String) -> String? {
        let name = "dcterms:provenance"
        guard let nameRange = text.range(of: name) else { return nil }
        var rest = text[nameRange.upperBound...]
        rest = rest.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if rest.first == "=" {
            rest = rest.dropFirst().drop { $0 == " " }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
            let value = rest.dropFirst().prefix { $0 != quote }
            return value.isEmpty ? nil : String(value)
        }
        if rest.first == ">" {
            let value = rest.dropFirst().prefix { $0 != "<" }
            let trimmed = value.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        return nil
    }
}

extension StringProtocol {
    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
