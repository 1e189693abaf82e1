/// A tolerant, non-validating XML tokenizer for XMP packets.
///
/// It never fails: malformed or unterminated constructs end the token stream. Comments,
/// processing instructions and declarations are skipped; CDATA becomes text; the five
/// predefined entities and numeric character references are decoded.
struct XMLTokenizer {
    /// One token of the stream.
    enum Token {
        /// A start tag with its attributes in document order; `selfClosing` for `<a/>`.
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        /// An end tag.
        case end(name: String)
        /// Character data between tags.
        case text(String)
    }

    private let data: [UInt8]
    private var index = 0
    private let end: Int
    /// The most attributes kept per element; more are skipped.
    private let maxAttributes = 1024

    /// Tokenizes at most `maxBytes` bytes of `text`.
    init(_ text: String, maxBytes: Int) {
        data = Array(text.utf8)
        end = min(data.count, max(maxBytes, 0))
    }

    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let slash = UInt8(ascii: "/")

    /// Returns the next token, or nil at the end (or at the first unterminated construct).
    mutating func next() -> Token? {
        while index < end {
            if data[index] != Self.lessThan {
                let start = index
                while index < end && data[index] != Self.lessThan { index += 1 }
                return .text(Self.decodeEntities(data[start..<index]))
            }
            if hasPrefix("<!--") {
                guard let close = find("-->", from: index + 4) else { return finish() }
                index = close + 3
                continue
            }
            if hasPrefix("<![CDATA[") {
                guard let close = find("]]>", from: index + 9) else { return finish() }
                let text = String(decoding: data[(index + 9)..<close], as: UTF8.self)
                index = close + 3
                return .text(text)
            }
            if hasPrefix("<?") {
                guard let close = find("?>", from: index + 2) else { return finish() }
                index = close + 2
                continue
            }
            if hasPrefix("<!") {
                guard let close = find(">", from: index + 2) else { return finish() }
                index = close + 1
                continue
            }
            if hasPrefix("</") {
                guard let close = find(">", from: index + 2) else { return finish() }
                let name = String(decoding: data[(index + 2)..<close], as: UTF8.self)
                index = close + 1
                return .end(name: TextDecoding.trimmed(name))
            }
            return startTag()
        }
        return nil
    }

    private mutating func finish() -> Token? {
        index = end
        return nil
    }

    private mutating func startTag() -> Token? {
        index += 1
        let name = readName()
        guard !name.isEmpty else { return finish() }
        var attributes: [(name: String, value: String)] = []
        while true {
            skipWhitespace()
            guard index < end else { return finish() }
            if data[index] == Self.greaterThan {
                index += 1
                return .start(name: name, attributes: attributes, selfClosing: false)
            }
            if data[index] == Self.slash {
                index += 1
                if index < end && data[index] == Self.greaterThan { index += 1 }
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let attributeName = readName()
            guard !attributeName.isEmpty else {
                index += 1  // skip a stray character
                continue
            }
            skipWhitespace()
            var value = ""
            if index < end && data[index] == UInt8(ascii: "=") {
                index += 1
                skipWhitespace()
                guard index < end else { return finish() }
                let quote = data[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let start = index + 1
                    var close = start
                    while close < end && data[close] != quote { close += 1 }
                    guard close < end else { return finish() }
                    value = Self.decodeEntities(data[start..<close])
                    index = close + 1
                } else {
                    let start = index
                    while index < end && !isWhitespace(data[index]) && data[index] != Self.greaterThan { index += 1 }
                    value = Self.decodeEntities(data[start..<index])
                }
            }
            if attributes.count < maxAttributes { attributes.append((attributeName, value)) }
        }
    }

    private mutating func readName() -> String {
        let start = index
        while index < end {
            let byte = data[index]
            if isWhitespace(byte) || byte == Self.slash || byte == Self.greaterThan || byte == UInt8(ascii: "=")
                || byte == Self.lessThan
            {
                break
            }
            index += 1
        }
        return String(decoding: data[start..<index], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while index < end && isWhitespace(data[index]) { index += 1 }
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func hasPrefix(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= end else { return false }
        return text.withUTF8Buffer { prefix in
            for offset in 0..<count where data[index + offset] != prefix[offset] { return false }
            return true
        }
    }

    private func find(_ text: StaticString, from start: Int) -> Int? {
        let count = text.utf8CodeUnitCount
        return text.withUTF8Buffer { needle -> Int? in
            var position = start
            while position + count <= end {
                var matches = true
                for offset in 0..<count where data[position + offset] != needle[offset] {
                    matches = false
                    break
                }
                if matches { return position }
                position += 1
            }
            return nil
        }
    }

    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` and `&#xH;`; anything else is kept as written.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"),
                let semicolon = bytes[index..<min(index + 12, bytes.endIndex)].firstIndex(of: UInt8(ascii: ";"))
            else {
                output.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
                }
            }
            if let replacement {
                output.append(contentsOf: replacement.utf8)
                index = semicolon + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
