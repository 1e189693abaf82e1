/// Makes text taken from files safe to print on a terminal.
///
/// Every string that comes from a file — metadata, manifest fields, text chunks, file names, error
/// messages that quote them — passes through ``escape(_:)`` before a text renderer writes it. Control
/// characters (C0 including newline, carriage return and ESC, DEL, C1), Unicode bidirectional overrides
/// and isolates, and line/paragraph separators are written as visible `\u{…}` escapes (`\n`, `\r`, `\t`
/// and `\e` for the common ones), so a hostile file cannot colour the terminal, set the window title,
/// rewrite the line or reorder what is shown. A backslash is doubled so that escapes stay unambiguous.
enum TerminalText {
    /// The escaped, single-line form of `text`.
    static func escape<S: StringProtocol>(_ text: S) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{1B}": result += "\\e"
            default:
                if needsEscape(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Whether a scalar must not reach a terminal as it is.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0, DEL, C1 (CSI 0x9B, OSC 0x9D, …)
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidi marks, embeddings, overrides, isolates
        case 0x2028, 0x2029: true  // line and paragraph separators
        case 0xFEFF: true  // zero-width no-break space (byte-order mark)
        default: false
        }
    }
}
