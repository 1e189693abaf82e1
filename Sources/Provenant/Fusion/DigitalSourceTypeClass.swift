import ImageContainers

/// What a declared digital source type says about AI generation, for fusion: a coarser view of
/// ``DigitalSourceType/Category`` (the one vocabulary shared with the C2PA verifier and the metadata
/// signals), so `http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia` and
/// `trainedAlgorithmicMedia` are the same.
public enum DigitalSourceTypeClass: String, Sendable, Hashable, CaseIterable {
    /// Generative AI by ``DigitalSourceType/isGenerativeAI``: made (partly) by a trained model.
    case aiGenerated = "ai_generated"
    /// ``DigitalSourceType/Category/capture``: captured from the physical world.
    case capture
    /// Any other declared type (for example `algorithmicMedia`, `digitalArt`, `composite`): no bearing on AI.
    case other
    /// Nothing was declared.
    case undeclared

    /// Classifies a declared type.
    public init(declared: String?) {
        guard let type = DigitalSourceType(declared: declared) else {
            self = .undeclared
            return
        }
        if type.isGenerativeAI {
            self = .aiGenerated
        } else if type.category == .capture {
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
        DigitalSourceType(declared: declared)?.term ?? ""
    }
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
