/// A digital source type: the IPTC NewsCodes vocabulary (`http://cv.iptc.org/newscodes/digitalsourcetype/<term>`)
/// plus C2PA's own `http://c2pa.org/digitalsourcetype/<term>` values (C2PA 2.2 §18.14.4.5).
///
/// The one vocabulary shared by the C2PA verifier (actions' `digitalSourceType`), the metadata signals
/// (XMP `Iptc4xmpExt:DigitalSourceType`) and fusion, with the one rule for "is this generative AI?"
/// (``isGenerativeAI``). Terms are compared case-insensitively after trimming white space (real files
/// carry a leading space) and taking the last segment after `/` or `#`.
public struct DigitalSourceType: Sendable, Hashable {
    /// The value as declared, trimmed.
    public let declared: String
    /// The last segment of the URI as declared (`trainedAlgorithmicMedia`).
    public let term: String

    /// What a declared source type says about how the content was made.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// Made (wholly or partly) by a trained generative model: `trainedAlgorithmicMedia`,
        /// `compositeWithTrainedAlgorithmicMedia`, `compositeSynthetic`, C2PA `trainedAlgorithmicData`.
        case generativeAI = "generative_ai"
        /// Captured from the physical world: `digitalCapture`, `computationalCapture`, `negativeFilm`,
        /// `positiveFilm`, `print`, `compositeCapture`.
        case capture
        /// Existing content enhanced by an algorithm (denoising, upscaling): `algorithmicallyEnhanced`.
        case enhanced
        /// Made by a non-trained algorithm: `algorithmicMedia`.
        case algorithmic
        /// Made or edited by people with software, or recorded from a screen: `digitalCreation`,
        /// `digitalArt`, `humanEdits`, `minorHumanEdits`, `screenCapture`, `virtualRecording`,
        /// `dataDrivenMedia`, `softwareImage`, `composite`, C2PA `empty`.
        case other
        /// A term outside the vocabulary.
        case unknown
    }

    /// Terms (lower-cased) by category.
    static let categories: [String: Category] = {
        var table: [String: Category] = [:]
        for term in ["trainedalgorithmicmedia", "compositewithtrainedalgorithmicmedia", "compositesynthetic", "trainedalgorithmicdata"] {
            table[term] = .generativeAI
        }
        for term in ["digitalcapture", "computationalcapture", "negativefilm", "positivefilm", "print", "compositecapture"] {
            table[term] = .capture
        }
        table["algorithmicallyenhanced"] = .enhanced
        table["algorithmicmedia"] = .algorithmic
        for term in [
            "digitalcreation", "digitalart", "humanedits", "minorhumanedits", "screencapture", "virtualrecording",
            "datadrivenmedia", "softwareimage", "composite", "empty",
        ] {
            table[term] = .other
        }
        return table
    }()

    /// Reads a declared value; nil when it is empty after trimming.
    public init?(declared value: String?) {
        guard let value else { return nil }
        let trimmed = Self.trimmed(Substring(value))
        let segment = trimmed.split(whereSeparator: { $0 == "/" || $0 == "#" }).last.map { Self.trimmed($0) } ?? ""
        guard !segment.isEmpty else { return nil }
        declared = trimmed
        term = segment
    }

    /// The category of the term.
    public var category: Category { Self.categories[term.lowercased()] ?? .unknown }

    /// The one "is this generative AI?" rule: the term is in ``Category/generativeAI``.
    public var isGenerativeAI: Bool { category == .generativeAI }

    private static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }
}
