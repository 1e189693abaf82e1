import ImageContainers

/// The IPTC digital source type declared in XMP (`Iptc4xmpExt:DigitalSourceType`).
///
/// Values are URIs under `http://cv.iptc.org/newscodes/digitalsourcetype/`, read and classified by
/// ``DigitalSourceType`` (the vocabulary the C2PA verifier and fusion share).
enum DigitalSourceTypeDeclaration {
    /// The declared value: the XMP summary's field, or the first `digitalsourcetype/<code>` in the packet.
    static func declaredValue(in xmp: XMPSummary) -> String? {
        if let value = xmp.digitalSourceType, !value.isEmpty { return value }
        for packet in [xmp.packet, xmp.extendedPacket ?? ""] {
            guard let range = packet.firstRange(of: "digitalsourcetype/") else { continue }
            let code = packet[range.upperBound...].prefix { $0.isLetter }
            if !code.isEmpty { return "http://cv.iptc.org/newscodes/digitalsourcetype/" + code }
        }
        return nil
    }

    /// The finding for the declaration, when there is one.
    static func finding(in xmp: XMPSummary?, creatorTool: String?) -> MetadataFinding? {
        guard let xmp, let value = declaredValue(in: xmp) else { return nil }
        guard let type = DigitalSourceType(declared: value) else { return nil }
        let shown = TextSnippet.excerpt(value, length: 100)
        // The one generative-AI rule shared with the C2PA verifier and fusion (DigitalSourceType.isGenerativeAI).
        if type.isGenerativeAI {
            let tool = creatorTool.map { "; xmp:CreatorTool \(TextSnippet.excerpt($0, length: 60))" } ?? ""
            let what = type.term.lowercased() == "trainedalgorithmicmedia"
                ? "content made by a generative model" : "a composite that includes generated content"
            return MetadataFinding(
                name: "iptc_digital_source_type", detected: true, generator: creatorTool.flatMap { KnownGenerators.firstMatch(in: $0)?.entry.name },
                detail: "XMP Iptc4xmpExt:DigitalSourceType \(shown) declares \(what)\(tool)", strength: MetadataFinding.strong)
        }
        if type.category == .enhanced {
            return MetadataFinding(
                name: "iptc_digital_source_type", detected: false, generator: nil,
                detail: "XMP Iptc4xmpExt:DigitalSourceType \(shown) declares algorithmic enhancement of existing content (for example AI denoising or upscaling), not generation",
                strength: MetadataFinding.weak)
        }
        let kind: String
        switch type.category {
        case .algorithmic: kind = "media made by a non-trained algorithm (not generative AI)"
        case .unknown: kind = "an unrecognised source type"
        default: kind = "a non-generated source (capture or human-made)"
        }
        return MetadataFinding(
            name: "iptc_digital_source_type", detected: false, generator: nil,
            detail: "XMP Iptc4xmpExt:DigitalSourceType \(shown) declares \(kind)", strength: MetadataFinding.weak)
    }
}
