import ImageContainers

/// Finds generator-identifying metadata: records written by image generators and their
/// front-ends, IPTC digital-source-type declarations, and generator names in free-text fields.
///
/// Every finding is forgeable evidence (metadata is trivially edited or stripped); a missing
/// finding says nothing, because platforms and most editors drop these fields.
/// Ordinary camera and editor metadata (for example EXIF Software "Adobe Photoshop") yields no finding.
public enum GeneratorMetadataScanner {
    /// The findings for `metadata`, strongest kinds first; empty when nothing generator-related is present.
    public static func scan(_ metadata: ImageMetadata) -> [MetadataFinding] {
        let fields = MetadataField.all(in: metadata)
        var findings: [MetadataFinding] = []
        var consumed: Set<String> = []

        if let declaration = DigitalSourceTypeDeclaration.finding(in: metadata.xmp, creatorTool: metadata.xmp?.creatorTool) {
            findings.append(declaration)
        }
        if let (finding, origin) = A1111Parameters.finding(in: fields) {
            findings.append(finding)
            consumed.insert(origin)
        }
        let structured: [([MetadataField]) -> (MetadataFinding, origins: [String])?] = [
            ComfyUIGraph.finding(in:), InvokeAIRecord.finding(in:), NovelAIRecord.finding(in:), FooocusRecord.finding(in:),
        ]
        for matcher in structured {
            if let (finding, origins) = matcher(fields) {
                findings.append(finding)
                consumed.formUnion(origins)
            }
        }
        if let (finding, origins) = MidjourneyRecord.finding(in: fields, xmpPacket: metadata.xmp?.packet) {
            findings.append(finding)
            consumed.formUnion(origins)
        }
        // Names already explained by a structured record add nothing.
        let named = Set(findings.compactMap(\.generator))
        if let mention = GeneratorNameMention.finding(
            in: fields, xmpPacket: metadata.xmp?.packet, consumed: consumed, known: named)
        {
            findings.append(mention)
        }
        return findings
    }
}
