import ByteParsing
import Foundation
import C2PA
import Forensics
import ImageContainers
import ImageDecoding

/// The container stage's output, shared by inspect and the metadata stage.
struct ParsedContainer: Sendable {
    var info: ContainerInfo
    var summary: ImageSummary { ImageSummary(info) }

    /// Whether the container holds anything the C2PA verifier could find: an embedded manifest store
    /// (JPEG APP11 JUMBF, PNG caBX) or a remote reference (XMP dcterms:provenance).
    var mayHoldC2PA: Bool { info.metadata.hasC2PA || info.metadata.xmp?.provenance != nil }
}

/// Decoded pixels, shared by the watermark and detector stages.
struct DecodedPixels: Sendable {
    var image: DecodedImage
}

/// The engines behind each stage, created once per ``Analyzer``.
struct StageEngines: Sendable {
    let verifier: C2PAVerifier
    /// The detector model; `nil` only when the detector stage is not configured.
    let model: DetectorModel?
    /// The file the model was loaded from.
    let modelPath: String?
    let watermarkDetector = WatermarkDetector()

    init(configuration: AnalyzerConfiguration) throws(ReportError) {
        let trust: TrustSettings
        do {
            trust = try TrustSettings.load(
                trustAnchorsPEM: configuration.trust.trustAnchorsPEM,
                allowedSignersPEM: configuration.trust.allowedSignersPEM,
                trustConfig: configuration.trust.trustConfig)
        } catch {
            throw ReportError(code: "trust.invalid", message: "cannot load the trust settings: \(error)")
        }
        if configuration.trust.trustAnchorsPEM != nil, trust.anchors.isEmpty {
            throw ReportError(code: "trust.no_certificates", message: "the trust-anchor file holds no certificate")
        }
        if configuration.trust.allowedSignersPEM != nil, trust.allowedSigners.isEmpty {
            throw ReportError(code: "trust.no_certificates", message: "the allowed-signers file holds no certificate")
        }
        verifier = C2PAVerifier(trust: trust, limits: configuration.limits)
        guard configuration.stages.contains(.detector) else {
            model = nil
            modelPath = nil
            return
        }
        let path = try Self.resolveModelPath(configuration)
        do {
            model = try DetectorModel.load(path: path)
            modelPath = path
        } catch {
            throw ReportError(code: "model.\(error.code.rawValue)", message: "cannot load the model \(path): \(error)")
        }
    }

    /// The detector model file: the configured path, else `PROVENANT_MODEL`, else the default file in the
    /// `Models` directory the ``ResourceLocator`` finds. Throws `model.not_found` when there is none.
    static func resolveModelPath(_ configuration: AnalyzerConfiguration) throws(ReportError) -> String {
        if let path = configuration.modelPath { return path }
        if let path = ProcessInfo.processInfo.environment[DetectorModel.environmentVariable], !path.isEmpty {
            return path
        }
        let locator = configuration.resources ?? ResourceLocator()
        if let directory = locator.modelsDirectory() {
            return directory.path + "/" + DetectorModel.defaultFileName
        }
        let searched = locator.roots.map { "\($0.path)/\(ResourceLocator.modelsDirectoryName)" }.joined(separator: ", ")
        throw ReportError(
            code: "model.not_found",
            message: "no detector model found (searched \(searched.isEmpty ? "nothing" : searched)); "
                + "pass --model FILE, set \(ResourceLocator.homeVariable), or run `provenant doctor`")
    }

    /// The smallest side the detector was measured on (one tile); smaller images get a caveat.
    var measuredMinimumSide: Int? { model?.file.features.tileSize }

    /// The verdict band declared by the model file.
    var modelBand: VerdictBand? {
        model.map { VerdictBand(lower: $0.thresholds.likelyAuthentic, upper: $0.thresholds.likelyAI) }
    }

    func container(_ bytes: [UInt8], limits: ParseLimits) -> Result<ParsedContainer, ReportError> {
        do {
            return .success(ParsedContainer(info: try ContainerParser.parse(bytes, limits: limits)))
        } catch {
            return .failure(ReportError(parse: error, stage: "container"))
        }
    }

    func metadataFindings(_ parsed: ParsedContainer) -> [MetadataEvidence] {
        GeneratorMetadataScanner.scan(parsed.info.metadata).map { finding in
            MetadataEvidence(
                name: finding.name, detected: finding.detected, generator: finding.generator,
                strength: finding.strength == "strong" ? .strong : .weak, detail: finding.detail)
        }
    }

    func c2pa(_ bytes: [UInt8], detailed: Bool, style: ProvenanceDumpStyle = .detailed) -> (C2PASummary, JSONValue?) {
        let result = verifier.verify(bytes)
        let json = !detailed ? nil : style == .c2patool ? result.c2patoolJSON() : result.detailedJSON()
        let dump = json.flatMap { try? ReportJSON.decode(JSONValue.self, from: $0) }
        return (C2PASummary(result), dump)
    }

    func decode(_ bytes: [UInt8], limits: ParseLimits, budget: DecodeBudget) -> Result<DecodedPixels, ReportError> {
        do {
            let options = DecodeOptions(limits: limits, budget: budget)
            return .success(DecodedPixels(image: try ImageDecoder.decode(bytes, options: options)))
        } catch {
            return .failure(ReportError(code: "decode.\(error.code.rawValue)", message: error.description))
        }
    }

    func watermark(_ pixels: DecodedPixels) -> WatermarkEvidence? {
        let result = watermarkDetector.detect(pixels.image.rgb)
        return WatermarkEvidence(
            detected: result.detected, payloadName: result.payloadName, bitsMatched: result.bitsMatched,
            bitsTotal: result.bitsTotal, detail: result.detail, checked: result.bitsTotal > 0)
    }

    func detector(_ pixels: DecodedPixels) -> DetectorEvidence? {
        guard let model else { return nil }
        let score = model.score(pixels.image.rgb)
        // No tiles means no pixels were analysed: the score carries no evidence.
        guard score.tiles > 0 else { return nil }
        let frames = pixels.image.frameCount
        let note = frames > 1 ? "only the first of \(frames) frames was analysed" : nil
        return DetectorEvidence(probability: score.probability, modelVersion: score.modelVersion, tiles: score.tiles, frameNote: note)
    }
}
