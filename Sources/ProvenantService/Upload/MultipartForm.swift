/// One part of a `multipart/form-data` body.
struct MultipartPart: Sendable {
    /// The form field name (`name` of `Content-Disposition`).
    var name: String
    /// The file name the client gave, if any (used only as the report's `path`; never touches a disk).
    var filename: String?
    /// The part's declared `Content-Type`, if any (informative only: formats are sniffed from the bytes).
    var contentType: String?
    /// The part's bytes.
    var body: ArraySlice<UInt8>
}

/// A strict parser for `multipart/form-data` (RFC 7578) bodies already bounded by the upload limit.
enum MultipartForm {
    /// At most this many parts are read; more is a malformed request.
    static let maxParts = 64
    /// A part's header block may not be longer than this.
    static let maxHeaderBytes = 8 * 1024

    /// The boundary parameter of a `multipart/form-data` media type, or `nil` when the type is something else.
    static func boundary(contentType: String) throws(ServiceError) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: " \t") }
        guard let type = pieces.first, type.lowercased() == "multipart/form-data" else { return nil }
        for parameter in pieces.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: " \t").lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: " \t")
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.utf8.count) else {
                throw .badRequest("multipart.bad_boundary", "the multipart boundary must be 1 to 70 characters")
            }
            return value
        }
        throw .badRequest("multipart.no_boundary", "multipart/form-data without a boundary parameter")
    }

    /// Splits a body into its parts.
    static func parse(_ body: [UInt8], boundary: String) throws(ServiceError) -> [MultipartPart] {
        let delimiter = Array("--\(boundary)".utf8)
        let crlfDelimiter = [13, 10] + delimiter
        guard var position = find(delimiter, in: body, from: 0) else {
            throw .badRequest("multipart.malformed", "the body does not contain the multipart boundary")
        }
        position += delimiter.count
        var parts: [MultipartPart] = []
        while true {
            // After a delimiter: "--" closes the body, CRLF starts a part (transport padding is allowed).
            if body.count >= position + 2, body[position] == 45, body[position + 1] == 45 { return parts }
            while position < body.count, body[position] == 32 || body[position] == 9 { position += 1 }
            guard body.count >= position + 2, body[position] == 13, body[position + 1] == 10 else {
                throw .badRequest("multipart.malformed", "a multipart boundary is not followed by a line break")
            }
            position += 2
            guard parts.count < maxParts else {
                throw .badRequest("multipart.too_many_parts", "more than \(maxParts) parts in one request")
            }
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: position),
                headerEnd - position <= maxHeaderBytes
            else {
                throw .badRequest("multipart.malformed", "a part's headers are missing or too long")
            }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let contentEnd = find(crlfDelimiter, in: body, from: contentStart) else {
                throw .badRequest("multipart.malformed", "a part is not closed by the boundary")
            }
            parts.append(try part(headers: headers, body: body[contentStart..<contentEnd]))
            position = contentEnd + crlfDelimiter.count
        }
    }

    private static func part(headers: String, body: ArraySlice<UInt8>) throws(ServiceError) -> MultipartPart {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { throw .badRequest("multipart.malformed", "a part header has no colon") }
            let field = pair[0].trimmingCharacters(in: " \t").lowercased()
            let value = pair[1].trimmingCharacters(in: " \t")
            if field == "content-type" { contentType = value }
            guard field == "content-disposition" else { continue }
            for parameter in value.split(separator: ";").dropFirst() {
                let keyValue = parameter.split(separator: "=", maxSplits: 1)
                guard keyValue.count == 2 else { continue }
                let key = keyValue[0].trimmingCharacters(in: " \t").lowercased()
                var text = keyValue[1].trimmingCharacters(in: " \t")
                if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
                if key == "name" { name = text }
                if key == "filename" { filename = text }
            }
        }
        guard let name else {
            throw .badRequest("multipart.malformed", "a part has no Content-Disposition name")
        }
        return MultipartPart(name: name, filename: filename, contentType: contentType, body: body)
    }

    /// The first index at or after `start` where `needle` occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        let drop = Set(set)
        var slice = Substring(self)
        while let first = slice.first, drop.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, drop.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
