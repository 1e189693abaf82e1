/// Generator names in free-text metadata: EXIF Software, Make, Model, ImageDescription,
/// UserComment, Artist, Copyright; JPEG comments; PNG text values; XMP CreatorTool, Credit,
/// creators and the rest of the XMP packet.
///
/// A name in such a field is trivially forged and sometimes incidental, so the finding is weak.
enum GeneratorNameMention {
    /// The finding for the generator names found in `fields` (and the XMP packet), skipping
    /// `consumed` origins and the generators in `known`.
    static func finding(
        in fields: [MetadataField], xmpPacket: String?, consumed: Set<String>, known: Set<String>
    ) -> MetadataFinding? {
        var candidates = fields
        if let xmpPacket { candidates.append(MetadataField(origin: "XMP packet", key: "xmp", text: xmpPacket)) }
        candidates.removeAll { consumed.contains($0.origin) }
        var hits: [(generator: String, part: String)] = []
        for field in candidates {
            guard let match = KnownGenerators.firstMatch(in: field.text) else { continue }
            if known.contains(match.entry.name) || hits.contains(where: { $0.generator == match.entry.name }) { continue }
            let shown = field.text.count <= 80 ? TextSnippet.excerpt(field.text, length: 80) : "…\(match.pattern)…"
            hits.append((match.entry.name, "\(field.origin): \"\(shown)\""))
        }
        guard let first = hits.first else { return nil }
        return MetadataFinding(
            name: "generator_name", detected: true, generator: first.generator,
            detail: "generator named in metadata — " + hits.prefix(3).map(\.part).joined(separator: "; "),
            strength: MetadataFinding.weak)
    }
}
