import ImageContainers

/// The IPTC digital source type declared in XMP (`Iptc4xmpExt:DigitalSourceType`).
///
/// Values are URIs under `http://cv.iptc.org/newscodes/digitalsourcetype/`; only the last path
/// component (the code) is compared.
enum DigitalSourceTypeDeclaration {
    /// Codes that declare content made by a generative model or algorithm.
    static let generated: Set<String> = [
        "trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "algorithmicMedia", "compositeSynthetic",
    ]
    /// Codes that declare a capture or a human-made image.
    static let notGenerated: Set<String> = [
        "digitalCapture", "computationalCapture", "negativeFilm", "positiveFilm", "print", "screenCapture",
        "virtualRecording", "digitalCreation", "digitalArt", "humanEdits", "minorHumanEdits", "compositeCapture",
        "dataDrivenMedia", "softwareImage",
    ]
    /// The code for AI enhancement of existing content (denoising, upscaling): not generation.
    static let enhanced = "algorithmicallyEnhanced"

    /// The code of a digital source type value (`…/digitalsourcetype/trainedAlgorithmicMedia` → `trainedAlgorithmicMedia`).
    static func code(of value: String) -> String {
        let trimmed = value.trimmingSpaces()
        let last = trimmed.split(separator: "/").last ?? trimmed
        return String(last)
    }

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
        let code = code(of: value)
        let shown = TextSnippet.excerpt(value, length: 100)
        if generated.contains(code) {
            let tool = creatorTool.map { "; xmp:CreatorTool \(TextSnippet.excerpt($0, length: 60))" } ?? ""
            let what = code == "compositeWithTrainedAlgorithmicMedia"
                ? "a composite that includes generated content" : "content made by a generative model or algorithm"
            return MetadataFinding(
                name: "iptc_digital_source_type", detected: true, generator: creatorTool.flatMap { KnownGenerators.firstMatch(in: $0)?.entry.name },
                detail: "XMP Iptc4xmpExt:DigitalSourceType \(shown) declares \(what)\(tool)", strength: MetadataFinding.strong)
        }
        if code == enhanced {
            return MetadataFinding(
                name: "iptc_digital_source_type", detected: false, generator: nil,
                detail: "XMP Iptc4xmpExt:DigitalSourceType \(shown) declares algorithmic enhancement of existing content (for example AI denoising or upscaling), not generation",
                strength: MetadataFinding.weak)
        }
        let kind = notGenerated.contains(code) ? "a non-generated source (capture or human-made)" : "an unrecognised source type"
        return MetadataFinding(
            name: "iptc_digital_source_type", detected: false, generator: nil,
            detail: "XMP Iptc4xmpExt:DigitalSourceType \(shown) declares \(kind)", strength: MetadataFinding.weak)
    }
}
