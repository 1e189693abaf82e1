import ByteParsing

/// Parses JUMBF box trees from a buffer.
public struct JUMBFParser: Sendable {
    /// Parse limits (depth and box count).
    public let limits: ParseLimits

    /// Creates a parser.
    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    /// Parses the single top-level box that spans `bytes` (a manifest store).
    public func parseStore(_ bytes: [UInt8]) throws(ParseError) -> JUMBFBox {
        var reader = ByteReader(bytes)
        var count = 0
        let box = try parseBox(&reader, depth: 0, count: &count)
        guard box.isSuperbox else {
            throw ParseError(.invalidValue, at: 0, "the carrier holds no JUMBF superbox: its box is '\(box.type)', not 'jumb'")
        }
        return box
    }

    /// Parses one box at the reader's position (header, then payload; superboxes recursively).
    public func parseBox(_ reader: inout ByteReader, depth: Int, count: inout Int) throws(ParseError) -> JUMBFBox {
        let start = reader.offset
        guard depth <= limits.maxDepth else {
            throw ParseError(.depthExceeded, at: start, "JUMBF nesting deeper than \(limits.maxDepth)")
        }
        count += 1
        guard count <= limits.maxItems else {
            throw ParseError(.limitExceeded, at: start, "more than \(limits.maxItems) JUMBF boxes")
        }
        let length32 = try reader.readUInt32()
        let typeBytes = try reader.readBytes(4)
        let type = String(decoding: typeBytes, as: UTF8.self)
        var total: Int
        switch length32 {
        case 0:
            total = reader.endOffset - start
        case 1:
            let extended = try reader.readUInt64()
            total = try Int.checkedLength(extended, at: start)
            guard total >= 16 else {
                throw ParseError(.invalidValue, at: start, "JUMBF XLBox length \(total) is below 16")
            }
        case 2...7:
            throw ParseError(.invalidValue, at: start, "JUMBF box length \(length32) is below 8")
        default:
            total = Int(length32)
        }
        let headerLength = reader.offset - start
        guard total - headerLength <= reader.remaining else {
            throw ParseError(.truncated, at: start, "JUMBF '\(type)' box of \(total) bytes exceeds its container")
        }
        let payload = try reader.readRange(total - headerLength)
        guard type == "jumb" else {
            return JUMBFBox(type: type, range: start..<payload.upperBound, payloadRange: payload, description: nil, children: [])
        }
        var inner = ByteReader(reader.bytes, range: payload)
        let descriptionBox = try parseBox(&inner, depth: depth + 1, count: &count)
        guard descriptionBox.type == "jumd" else {
            throw ParseError(.invalidValue, at: payload.lowerBound, "JUMBF superbox does not start with a description box")
        }
        let description = try parseDescription(reader.bytes, range: descriptionBox.payloadRange)
        var children: [JUMBFBox] = []
        while !inner.isAtEnd {
            children.append(try parseBox(&inner, depth: depth + 1, count: &count))
        }
        return JUMBFBox(type: type, range: start..<payload.upperBound, payloadRange: payload, description: description, children: children)
    }

    /// Parses a `jumd` payload.
    public func parseDescription(_ bytes: [UInt8], range: Range<Int>) throws(ParseError) -> JUMBFDescription {
        var reader = ByteReader(bytes, range: range)
        let uuid = Array(try reader.readBytes(16))
        let toggles = try reader.readUInt8()
        var label: String?
        if toggles & 0x02 != 0 {
            let labelStart = reader.offset
            var end = labelStart
            while end < reader.endOffset && bytes[end] != 0 { end += 1 }
            guard end < reader.endOffset else {
                throw ParseError(.truncated, at: labelStart, "JUMBF label is not NUL-terminated")
            }
            let raw = try reader.readBytes(end - labelStart)
            try reader.skip(1)
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw ParseError(.invalidValue, at: labelStart, "JUMBF label is not UTF-8")
            }
            label = text
        }
        var id: UInt32?
        if toggles & 0x04 != 0 { id = try reader.readUInt32() }
        var signature: [UInt8]?
        if toggles & 0x08 != 0 { signature = Array(try reader.readBytes(32)) }
        var privateRange: Range<Int>?
        if toggles & 0x10 != 0, !reader.isAtEnd {
            let start = reader.offset
            let length = Int(try reader.readUInt32())
            guard length >= 8, length - 4 <= reader.remaining else {
                throw ParseError(.truncated, at: start, "JUMBF private box length \(length) is invalid")
            }
            try reader.skip(length - 4)
            privateRange = start..<(start + length)
        }
        return JUMBFDescription(uuid: uuid, toggles: toggles, label: label, id: id, signature: signature, privateBoxRange: privateRange)
    }
}
