/// Converts untrusted byte runs to strings without ever failing.
enum TextDecoding {
    /// Decodes ISO 8859-1 (every byte is the Unicode scalar of the same value).
    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        let isASCII = bytes.withUnsafeBufferPointer { buffer in
            var combined: UInt8 = 0
            for byte in buffer { combined |= byte }
            return combined < 0x80
        }
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
            } else {
                utf8.append(0xC0 | byte >> 6)
                utf8.append(0x80 | byte & 0x3F)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Decodes UTF-8 when the bytes are valid UTF-8, otherwise ISO 8859-1.
    static func utf8OrLatin1(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return latin1(bytes)
    }

    /// Decodes UTF-16 code units in the given byte order, replacing unpaired surrogates.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? (first << 8 | second) : (second << 8 | first))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The bytes before the first NUL (or all of them).
    static func beforeNUL(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let end = bytes.firstIndex(of: 0) { return bytes[bytes.startIndex..<end] }
        return bytes
    }

    /// Removes leading and trailing ASCII whitespace and NULs.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\0"
        }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether `bytes` starts with the ASCII text `prefix`.
    static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        let utf8 = Array(prefix.utf8)
        guard bytes.count >= utf8.count else { return false }
        return bytes.prefix(utf8.count).elementsEqual(utf8)
    }
}
