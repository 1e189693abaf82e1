import ImageContainers

/// One textual metadata value with a description of where it came from.
struct MetadataField: Sendable, Hashable {
    /// Where the value sits, for details (for example `PNG tEXt "parameters"` or `EXIF Software`).
    var origin: String
    /// The PNG keyword or the EXIF/XMP field name.
    var key: String
    /// The value, cut to ``maximumLength`` characters.
    var text: String

    /// Values longer than this are only inspected up to this many characters (bounds the scan cost).
    static let maximumLength = 1 << 20

    init(origin: String, key: String, text: String) {
        self.origin = origin
        self.key = key
        self.text = text.count > Self.maximumLength ? String(text.prefix(Self.maximumLength)) : text
    }

    /// Every textual value of `metadata` that the scanner looks at, in a fixed order.
    static func all(in metadata: ImageMetadata) -> [MetadataField] {
        var fields: [MetadataField] = []
        for chunk in metadata.textChunks {
            // Video tags and frame metadata arrive as text items whose type names their origin ("video format tag").
            let origin = chunk.chunkType.hasPrefix("video") ? chunk.chunkType : "PNG \(chunk.chunkType)"
            fields.append(MetadataField(origin: "\(origin) \"\(chunk.keyword)\"", key: chunk.keyword, text: chunk.text))
        }
        if let exif = metadata.exif {
            let values: [(String, String?)] = [
                ("Software", exif.software), ("UserComment", exif.userComment),
                ("ImageDescription", exif.imageDescription), ("Make", exif.make), ("Model", exif.model),
                ("Artist", exif.artist), ("Copyright", exif.copyright),
            ]
            for (name, value) in values {
                if let value, !value.isEmpty { fields.append(MetadataField(origin: "EXIF \(name)", key: name, text: value)) }
            }
        }
        for comment in metadata.comments where !comment.isEmpty {
            fields.append(MetadataField(origin: "JPEG comment", key: "COM", text: comment))
        }
        if let xmp = metadata.xmp {
            let values: [(String, String?)] = [
                ("xmp:CreatorTool", xmp.creatorTool), ("photoshop:Credit", xmp.credit),
                ("dcterms:provenance", xmp.provenance),
            ]
            for (name, value) in values {
                if let value, !value.isEmpty { fields.append(MetadataField(origin: "XMP \(name)", key: name, text: value)) }
            }
            for creator in xmp.creators where !creator.isEmpty {
                fields.append(MetadataField(origin: "XMP dc:creator", key: "dc:creator", text: creator))
            }
        }
        return fields
    }
}
