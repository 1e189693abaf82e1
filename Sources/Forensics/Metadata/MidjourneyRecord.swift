/// Midjourney descriptions: the prompt followed by `Job ID: <UUID>`, written to PNG text
/// `Description`, EXIF ImageDescription or XMP `dc:description`.
enum MidjourneyRecord {
    /// The job UUID after a `Job ID:` label in `text`, if well formed.
    static func jobID(in text: String) -> Substring? {
        var searchStart = text.startIndex
        while let range = text[searchStart...].firstRange(of: "Job ID:") {
            var rest = text[range.upperBound...]
            while let first = rest.first, first == " " { rest = rest.dropFirst() }
            let candidate = rest.prefix(36)
            if isUUID(candidate) { return candidate }
            searchStart = range.upperBound
        }
        return nil
    }

    /// Whether `text` is a 36-character UUID (8-4-4-4-12 hexadecimal digits).
    static func isUUID(_ text: Substring) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 36 else { return false }
        for (index, scalar) in scalars.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard scalar == "-" else { return false }
            } else {
                guard scalar.properties.isASCIIHexDigit else { return false }
            }
        }
        return true
    }

    /// The finding when a field or the XMP packet holds a Midjourney job description.
    static func finding(in fields: [MetadataField], xmpPacket: String?) -> (MetadataFinding, origins: [String])? {
        var candidates = fields
        if let xmpPacket { candidates.append(MetadataField(origin: "XMP packet", key: "xmp", text: xmpPacket)) }
        for field in candidates {
            guard let job = jobID(in: field.text) else { continue }
            return (
                MetadataFinding(
                    name: "midjourney_job", detected: true, generator: "Midjourney",
                    detail: "\(field.origin) carries a Midjourney job description (Job ID: \(job))",
                    strength: MetadataFinding.strong),
                [field.origin]
            )
        }
        return nil
    }
}
