/// Fooocus records: the PNG text key `fooocus_scheme`, or a `parameters` JSON (PNG text or EXIF
/// UserComment) whose `version` names Fooocus or that carries Fooocus's own keys
/// (`full_prompt`, `styles`, `performance`). The `a1111` scheme is handled by ``A1111Parameters``.
enum FooocusRecord {
    /// Whether `text` is a Fooocus parameters JSON.
    static func isParametersJSON(_ text: String) -> Bool {
        guard JSONPeek.isObject(text) else { return false }
        if let version = JSONPeek.value(forKey: "version", in: text), version.lowercased().contains("fooocus") { return true }
        return JSONPeek.hasKey("full_prompt", in: text) && JSONPeek.hasKey("styles", in: text)
            && JSONPeek.hasKey("performance", in: text)
    }

    /// The finding when the fields hold a Fooocus record, and the origins it used.
    static func finding(in fields: [MetadataField]) -> (MetadataFinding, origins: [String])? {
        var parts: [String] = []
        var origins: [String] = []
        if let scheme = fields.first(where: { $0.key == "fooocus_scheme" }) {
            parts.append("\(scheme.origin) = \(TextSnippet.excerpt(scheme.text, length: 20))")
            origins.append(scheme.origin)
        }
        if let parameters = fields.first(where: { isParametersJSON($0.text) }) {
            var summary: [String] = []
            for key in ["version", "base_model", "performance", "seed"] {
                if let value = JSONPeek.value(forKey: key, in: parameters.text) {
                    summary.append("\(key) \(TextSnippet.excerpt(value, length: 60))")
                }
            }
            parts.append("\(parameters.origin) JSON: " + summary.joined(separator: ", "))
            origins.append(parameters.origin)
        }
        guard !parts.isEmpty else { return nil }
        return (
            MetadataFinding(
                name: "fooocus_metadata", detected: true, generator: "Fooocus",
                detail: "Fooocus record found — " + parts.joined(separator: "; "), strength: MetadataFinding.strong),
            origins
        )
    }
}
