/// What an IPTC digital source type says about AI generation, for fusion.
///
/// Classification uses the last segment of the declared URI (after `/` or `#`), trimmed and compared
/// case-insensitively, so `http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia`
/// and `trainedAlgorithmicMedia` are the same.
public enum DigitalSourceTypeClass: String, Sendable, Hashable, CaseIterable {
    /// `trainedAlgorithmicMedia` or `compositeWithTrainedAlgorithmicMedia`: made (partly) by a trained model.
    case aiGenerated = "ai_generated"
    /// `digitalCapture`, `negativeFilm`, `positiveFilm`, `print`: captured from the physical world.
    case capture
    /// Any other declared type (for example `algorithmicMedia`, `digitalArt`, `composite`): no bearing on AI.
    case other
    /// Nothing was declared.
    case undeclared

    /// Classifies a declared type.
    public init(declared: String?) {
        guard let declared else {
            self = .undeclared
            return
        }
        let term = Self.term(of: declared)
        if term.isEmpty {
            self = .undeclared
        } else if Self.aiTerms.contains(term) {
            self = .aiGenerated
        } else if Self.captureTerms.contains(term) {
            self = .capture
        } else {
            self = .other
        }
    }

    /// The last path segment of a digital source type URI, lower-cased and trimmed.
    public static func term(of declared: String) -> String {
        displayTerm(of: declared).lowercased()
    }

    /// The last path segment of a digital source type URI as declared (for example `trainedAlgorithmicMedia`).
    public static func displayTerm(of declared: String) -> String {
        let trimmed = declared.trimmingWhitespace()
        let segment = trimmed.split(whereSeparator: { $0 == "/" || $0 == "#" }).last.map(String.init) ?? trimmed
        return segment.trimmingWhitespace()
    }

    static let aiTerms: Set<String> = ["trainedalgorithmicmedia", "compositewithtrainedalgorithmicmedia"]
    static let captureTerms: Set<String> = ["digitalcapture", "negativefilm", "positivefilm", "print"]
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
