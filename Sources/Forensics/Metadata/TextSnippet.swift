/// Short, single-line excerpts of metadata values for finding details.
enum TextSnippet {
    /// The default excerpt length in characters.
    static let defaultLength = 160

    /// `text` on one line (line breaks and tabs become spaces, runs of spaces collapse),
    /// cut to `length` characters with an ellipsis when longer.
    static func excerpt(_ text: some StringProtocol, length: Int = defaultLength) -> String {
        var result = ""
        var lastWasSpace = false
        var count = 0
        for character in text {
            let isSpace = character.isWhitespace || character.isNewline
            if isSpace {
                if lastWasSpace || result.isEmpty { continue }
                lastWasSpace = true
                result.append(" ")
            } else {
                lastWasSpace = false
                result.append(character)
            }
            count += 1
            if count > length {
                var cut = String(result.prefix(length))
                if cut.last == " " { cut.removeLast() }
                return cut + "…"
            }
        }
        if result.last == " " { result.removeLast() }
        return result
    }
}
