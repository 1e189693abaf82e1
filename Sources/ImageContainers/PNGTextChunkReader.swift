import ByteParsing

/// Decodes the payloads of PNG tEXt, zTXt, iTXt and iCCP chunks (PNG specification, section 11.3).
enum PNGTextChunkReader {
    /// Splits `keyword\0rest`, checking the keyword is 1...79 bytes.
    static func splitKeyword(_ data: ArraySlice<UInt8>, chunk: String) throws(ParseError) -> (String, ArraySlice<UInt8>) {
        guard let separator = data.firstIndex(of: 0) else {
            throw ParseError(.invalidValue, at: data.startIndex, "\(chunk) keyword has no NUL terminator")
        }
        let keyword = data[data.startIndex..<separator]
        guard (1...79).contains(keyword.count) else {
            throw ParseError(.invalidValue, at: data.startIndex, "\(chunk) keyword is \(keyword.count) bytes (1...79 allowed)")
        }
        return (TextDecoding.latin1(keyword), data[(separator + 1)...])
    }

    /// Reads a tEXt chunk: Latin-1 keyword and text.
    static func text(_ data: ArraySlice<UInt8>) throws(ParseError) -> TextChunk {
        let (keyword, rest) = try splitKeyword(data, chunk: "tEXt")
        return TextChunk(keyword: keyword, text: TextDecoding.latin1(rest), chunkType: "tEXt")
    }

    /// Reads a zTXt chunk: keyword, compression method 0, zlib-compressed Latin-1 text.
    static func compressedText(_ data: ArraySlice<UInt8>, budget: inout DecompressionBudget) throws(ParseError) -> TextChunk {
        let (keyword, rest) = try splitKeyword(data, chunk: "zTXt")
        guard let method = rest.first else { throw ParseError(.truncated, at: rest.startIndex, "zTXt has no compression method") }
        guard method == 0 else {
            throw ParseError(.invalidValue, at: rest.startIndex, "zTXt compression method \(method) is not defined")
        }
        let text = try budget.inflate(rest.dropFirst())
        return TextChunk(keyword: keyword, text: TextDecoding.latin1(text[...]), chunkType: "zTXt")
    }

    /// Reads an iTXt chunk: keyword, compression flag and method, language tag, translated keyword, UTF-8 text.
    static func internationalText(
        _ data: ArraySlice<UInt8>, budget: inout DecompressionBudget
    ) throws(ParseError) -> TextChunk {
        let (keyword, rest) = try splitKeyword(data, chunk: "iTXt")
        guard rest.count >= 2 else { throw ParseError(.truncated, at: rest.startIndex, "iTXt compression fields are missing") }
        let flag = rest[rest.startIndex]
        let method = rest[rest.startIndex + 1]
        guard flag <= 1, method == 0 else {
            throw ParseError(.invalidValue, at: rest.startIndex, "iTXt compression flag \(flag) / method \(method) not allowed")
        }
        let afterFlags = rest.dropFirst(2)
        guard let languageEnd = afterFlags.firstIndex(of: 0) else {
            throw ParseError(.invalidValue, at: afterFlags.startIndex, "iTXt language tag has no NUL terminator")
        }
        let afterLanguage = afterFlags[(languageEnd + 1)...]
        guard let translatedEnd = afterLanguage.firstIndex(of: 0) else {
            throw ParseError(.invalidValue, at: afterLanguage.startIndex, "iTXt translated keyword has no NUL terminator")
        }
        let language = TextDecoding.latin1(afterFlags[afterFlags.startIndex..<languageEnd])
        let translated = TextDecoding.utf8OrLatin1(afterLanguage[afterLanguage.startIndex..<translatedEnd])
        let body = afterLanguage[(translatedEnd + 1)...]
        let text: String
        if flag == 1 {
            text = TextDecoding.utf8OrLatin1(try budget.inflate(body)[...])
        } else {
            text = TextDecoding.utf8OrLatin1(body)
        }
        return TextChunk(
            keyword: keyword, text: text, chunkType: "iTXt", languageTag: language.isEmpty ? nil : language,
            translatedKeyword: translated.isEmpty ? nil : translated)
    }

    /// Reads an iCCP chunk: profile name, compression method 0, zlib-compressed profile.
    static func iccProfile(
        _ data: ArraySlice<UInt8>, budget: inout DecompressionBudget
    ) throws(ParseError) -> (name: String, profile: [UInt8]) {
        let (name, rest) = try splitKeyword(data, chunk: "iCCP")
        guard let method = rest.first else { throw ParseError(.truncated, at: rest.startIndex, "iCCP has no compression method") }
        guard method == 0 else {
            throw ParseError(.invalidValue, at: rest.startIndex, "iCCP compression method \(method) is not defined")
        }
        return (name, try budget.inflate(rest.dropFirst()))
    }

    /// Decodes an ImageMagick `Raw profile type …` text (a header line naming the profile, a
    /// length line, then hex digits) to its bytes; nil when it is not one.
    static func rawProfile(_ text: String, limits: ParseLimits) -> [UInt8]? {
        var lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: true).makeIterator()
        guard lines.next() != nil, let lengthLine = lines.next(), let hex = lines.next(),
            let length = Int(lengthLine.filter { $0 != " " }), length > 0, length <= limits.maxDecompressedBytes
        else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var high: UInt8?
        for scalar in hex.unicodeScalars {
            guard let digit = hexValue(scalar) else { continue }
            if let first = high {
                bytes.append(first << 4 | digit)
                high = nil
                if bytes.count == length { break }
            } else {
                high = digit
            }
        }
        return bytes.count == length ? bytes : nil
    }

    /// The TIFF bytes of a raw `exif`/`APP1` profile, after any `Exif\0\0` prefix.
    static func rawProfileEXIF(_ text: String, limits: ParseLimits) -> [UInt8]? {
        guard let bytes = rawProfile(text, limits: limits) else { return nil }
        if TextDecoding.hasPrefix(bytes[...], "Exif"), bytes.count > 6 { return Array(bytes.dropFirst(6)) }
        return bytes
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: return UInt8(scalar.value - 0x30)
        case 0x41...0x46: return UInt8(scalar.value - 0x41 + 10)
        case 0x61...0x66: return UInt8(scalar.value - 0x61 + 10)
        default: return nil
        }
    }
}
