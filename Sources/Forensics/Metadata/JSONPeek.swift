/// Cheap, allocation-light looks into JSON text without parsing it.
///
/// Generator records are recognised by their keys, not validated: these helpers only find the
/// first occurrence of a key and read a simple string or number after it. Anything they cannot
/// read is reported as absent.
enum JSONPeek {
    /// Whether the first non-whitespace character (after an optional `prefix`) is `{`.
    static func isObject(_ text: String, after prefix: String = "") -> Bool {
        var rest = Substring(text)
        while let first = rest.first, first.isWhitespace { rest = rest.dropFirst() }
        if !prefix.isEmpty {
            guard rest.hasPrefix(prefix) else { return false }
            rest = rest.dropFirst(prefix.count)
            while let first = rest.first, first.isWhitespace { rest = rest.dropFirst() }
        }
        return rest.first == "{"
    }

    /// Whether `"key"` occurs in `text`.
    static func hasKey(_ key: String, in text: String) -> Bool {
        text.contains("\"\(key)\"")
    }

    /// How many times `"key"` occurs in `text` (stops counting at `limit`).
    static func count(key: String, in text: String, limit: Int = 10_000) -> Int {
        let needle = Array("\"\(key)\"".utf8)
        let bytes = Array(text.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return 0 }
        var found = 0
        var index = 0
        while index + needle.count <= bytes.count, found < limit {
            if bytes[index] == needle[0] && Array(bytes[index..<index + needle.count]) == needle {
                found += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }

    /// The raw value after the first `"key":` — a string's contents (escapes kept) or a bare token
    /// (number, `true`, …) — cut to 200 characters; `nil` for objects, arrays or when absent.
    static func value(forKey key: String, in text: String) -> String? {
        guard let range = text.firstRange(of: "\"\(key)\"") else { return nil }
        var rest = text[range.upperBound...]
        while let first = rest.first, first.isWhitespace { rest = rest.dropFirst() }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        while let first = rest.first, first.isWhitespace { rest = rest.dropFirst() }
        guard let first = rest.first else { return nil }
        if first == "\"" {
            var value = ""
            var escaped = false
            for character in rest.dropFirst() {
                if escaped {
                    value.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    return String(value.prefix(200))
                } else {
                    value.append(character)
                }
                if value.count > 200 { return String(value.prefix(200)) }
            }
            return nil
        }
        if first == "{" || first == "[" { return nil }
        let token = rest.prefix { $0 != "," && $0 != "}" && $0 != "]" && !$0.isNewline }
        let trimmed = token.trimmingSpaces()
        return trimmed.isEmpty ? nil : String(trimmed.prefix(200))
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingSpaces() -> Substring {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace || first.isNewline { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace || last.isNewline { slice = slice.dropLast() }
        return Substring(slice)
    }
}
