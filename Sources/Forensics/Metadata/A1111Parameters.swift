/// AUTOMATIC1111 / Forge / SD.Next generation parameters.
///
/// These front-ends write one text — the prompt, an optional `Negative prompt:` line and a
/// settings line such as `Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512,
/// Model hash: 6ce0161689, Model: …, Version: v1.6.0` — into the PNG text chunk `parameters`,
/// or into EXIF UserComment for JPEG and WebP. Fooocus writes the same form in its `a1111` scheme.
enum A1111Parameters {
    /// Settings keys besides `Steps:`; a text must carry at least two of them.
    static let settingsKeys = ["Sampler: ", "CFG scale: ", "Seed: ", "Model hash: ", "Size: ", "Model: ", "Schedule type: "]

    /// The settings line of `text` when it has the A1111 form.
    static func settingsLine(in text: String) -> Substring? {
        guard let steps = text.firstRange(of: "Steps: ") else { return nil }
        guard let digit = text[steps.upperBound...].first, digit.isNumber else { return nil }
        // The settings line runs from the start of the line holding "Steps:" to its end.
        var start = steps.lowerBound
        while start > text.startIndex {
            let previous = text.index(before: start)
            if text[previous].isNewline { break }
            start = previous
        }
        let end = text[steps.upperBound...].firstIndex(where: \.isNewline) ?? text.endIndex
        let line = text[start..<end]
        let keys = settingsKeys.filter { line.contains($0) }.count
        return keys >= 2 ? line : nil
    }

    /// The finding for the first field that holds A1111-style parameters.
    static func finding(in fields: [MetadataField]) -> (MetadataFinding, origin: String)? {
        for field in fields {
            guard let line = settingsLine(in: field.text) else { continue }
            let generator: String
            if line.contains("Fooocus") || field.text.contains("Fooocus") {
                generator = "Fooocus"
            } else if line.contains("SD.Next") || line.contains("App: SD.next") {
                generator = "SD.Next"
            } else if line.contains("Version: f") {
                generator = "Forge"
            } else {
                generator = "AUTOMATIC1111"
            }
            let detail = "\(field.origin) holds \(generator)-style generation parameters: " + TextSnippet.excerpt(line)
            return (
                MetadataFinding(name: "a1111_parameters", detected: true, generator: generator, detail: detail, strength: MetadataFinding.strong),
                field.origin
            )
        }
        return nil
    }
}
