/// NovelAI records: PNG text `Software` = `NovelAI`, `Source` (model name and hash), `Title`
/// (for example "AI generated image"), `Description` (the prompt) and `Comment` (JSON with
/// `steps`, `sampler`, `seed`, `scale`, `uc`, …).
///
/// `Source` alone proves nothing (raw converters write camera names there), so the record needs
/// `Software` = NovelAI or a `Comment` JSON with NovelAI's own keys.
enum NovelAIRecord {
    /// Whether `text` is a NovelAI settings JSON (`uc` is NovelAI's name for the negative prompt).
    static func isSettingsJSON(_ text: String) -> Bool {
        JSONPeek.isObject(text) && JSONPeek.hasKey("uc", in: text) && JSONPeek.hasKey("steps", in: text)
            && (JSONPeek.hasKey("sampler", in: text) || JSONPeek.hasKey("scale", in: text))
    }

    /// The finding when the fields hold a NovelAI record, and the origins it used.
    static func finding(in fields: [MetadataField]) -> (MetadataFinding, origins: [String])? {
        let software = fields.first { ($0.key == "Software" || $0.origin == "EXIF Software") && $0.text.trimmingSpaces().lowercased() == "novelai" }
        let settings = fields.first { $0.key == "Comment" && isSettingsJSON($0.text) }
        guard software != nil || settings != nil else { return nil }
        var parts: [String] = []
        var origins: [String] = []
        if let software {
            parts.append("\(software.origin) = NovelAI")
            origins.append(software.origin)
        }
        for key in ["Source", "Title"] {
            if let field = fields.first(where: { $0.key == key && $0.origin.hasPrefix("PNG") }) {
                parts.append("\(key) = \(TextSnippet.excerpt(field.text, length: 60))")
                origins.append(field.origin)
            }
        }
        if let settings {
            var summary: [String] = []
            for key in ["steps", "sampler", "seed", "scale"] {
                if let value = JSONPeek.value(forKey: key, in: settings.text) { summary.append("\(key) \(value)") }
            }
            parts.append("\(settings.origin) settings: " + summary.joined(separator: ", "))
            origins.append(settings.origin)
        }
        if let description = fields.first(where: { $0.key == "Description" && $0.origin.hasPrefix("PNG") }) {
            origins.append(description.origin)
        }
        return (
            MetadataFinding(
                name: "novelai_metadata", detected: true, generator: "NovelAI",
                detail: "NovelAI record found — " + parts.joined(separator: "; "), strength: MetadataFinding.strong),
            origins
        )
    }
}
