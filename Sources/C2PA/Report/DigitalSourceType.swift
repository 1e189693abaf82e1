/// Helpers for IPTC digital source type URIs.
public enum DigitalSourceType {
    /// The last path segment of a digital source type URI (`trainedAlgorithmicMedia`).
    public static func term(_ uri: String?) -> String? {
        guard let uri else { return nil }
        let trimmed = uri.trimmingWhitespace()
        let last = trimmed.split(whereSeparator: { $0 == "/" || $0 == "#" }).last.map(String.init)
        return last?.isEmpty == false ? last : nil
    }

    /// Whether the type declares generative-AI content (fully or as part of a composite).
    public static func isAI(_ uri: String?) -> Bool {
        guard let term = term(uri)?.lowercased() else { return false }
        return ["trainedalgorithmicmedia", "compositewithtrainedalgorithmicmedia", "trainedalgorithmicdata", "compositesynthetic"]
            .contains(term)
    }
}
