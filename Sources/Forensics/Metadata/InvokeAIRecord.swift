/// InvokeAI generation records: PNG text `invokeai_metadata` and `invokeai_graph` (JSON, version 3
/// and later), `sd-metadata` (JSON, older versions) and `Dream` (the legacy dream.py command line).
enum InvokeAIRecord {
    static let jsonKeys = ["invokeai_metadata", "invokeai_graph", "sd-metadata"]

    /// Whether a legacy `Dream` value looks like a dream.py command (`"prompt" -s 50 -S 42 …`).
    static func isDreamCommand(_ text: String) -> Bool {
        for flag in [" -s", " -S", " -W", " -H", " -C", " -A"] {
            if let range = text.firstRange(of: flag), let next = text[range.upperBound...].first,
                next == " " || next.isNumber
            {
                return true
            }
        }
        return false
    }

    /// The finding when any field holds an InvokeAI record, and the origins it used.
    static func finding(in fields: [MetadataField]) -> (MetadataFinding, origins: [String])? {
        var parts: [String] = []
        var origins: [String] = []
        for field in fields {
            if jsonKeys.contains(field.key) && JSONPeek.isObject(field.text) {
                var part = "\(field.origin) (JSON)"
                for key in ["app_version", "model_name", "model_weights"] {
                    if let value = JSONPeek.value(forKey: key, in: field.text) {
                        part += ", \(key) \(TextSnippet.excerpt(value, length: 60))"
                    }
                }
                parts.append(part)
                origins.append(field.origin)
            } else if field.key == "Dream" && isDreamCommand(field.text) {
                parts.append("\(field.origin): " + TextSnippet.excerpt(field.text, length: 100))
                origins.append(field.origin)
            }
        }
        guard !parts.isEmpty else { return nil }
        return (
            MetadataFinding(
                name: "invokeai_metadata", detected: true, generator: "InvokeAI",
                detail: "InvokeAI record found — " + parts.prefix(3).joined(separator: "; "), strength: MetadataFinding.strong),
            origins
        )
    }
}
