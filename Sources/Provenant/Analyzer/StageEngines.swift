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
    /// The deep stage; `nil` when not requested (`never`, no detector stage) or unavailable.
    let deep: DeepStage?
    /// Why ``deep`` is `nil` although it was requested.
    let deepProblem: ReportError?

    init(configuration: AnalyzerConfiguration) throws(ReportError) {
        var trust: TrustSettings
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
        trust.strict = configuration.trust.strict
        verifier = C2PAVerifier(trust: trust, limits: configuration.limits)
        guard configuration.stages.contains(.detector) else {
            model = nil
            modelPath = nil
            deep = nil
            deepProblem = nil
            return
        }
        var loadedDeep: DeepStage?
        var problem: ReportError?
        if configuration.deep == .never {
            loadedDeep = nil
        } else if let path = Self.resolveDeepModelPath(configuration) {
            loadedDeep = try DeepStage(modelPath: path)
        } else {
            problem = ReportError(
                code: "deep.unavailable",
                message: "no \(DeepStage.defaultFileName) found; pass --deep-model FILE, set \(DeepStage.environmentVariable) "
                    + "or put it in the Models directory")
        }
        let path = try Self.resolveModelPath(configuration)
        let loadedModel: DetectorModel
        do {
            loadedModel = try DetectorModel.load(path: path)
        } catch {
            throw ReportError(code: "model.\(error.code.rawValue)", message: "cannot load the model \(path): \(error)")
        }
        // A fused model whose stack was fitted on one hand-crafted model cannot weigh another's logit.
        if let fused = loadedDeep?.detector.file, let pin = fused.stack.handcraftedModelSHA256,
            pin != loadedModel.file.checksum.value.lowercased()
        {
            loadedDeep = nil
            problem = ReportError(
                code: "deep.model_mismatch",
                message: "the deep model \(fused.modelVersion) was fitted with the hand-crafted model of checksum \(pin.prefix(12))…, "
                    + "but \(path) (\(loadedModel.modelVersion)) has \(loadedModel.file.checksum.value.prefix(12))…; "
                    + "use the pair from one Models directory")
        }
        model = loadedModel
        modelPath = path
        deep = loadedDeep
        deepProblem = problem
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

    /// The fused deep model file: the configured path, else `PROVENANT_DEEP_MODEL`, else
    /// `provenant-detector-v2.json` in the `Models` directory the ``ResourceLocator`` finds; `nil` when none exists.
    static func resolveDeepModelPath(_ configuration: AnalyzerConfiguration) -> String? {
        if let path = configuration.deepModelPath { return path }
        if let path = ProcessInfo.processInfo.environment[DeepStage.environmentVariable], !path.isEmpty { return path }
        let locator = configuration.resources ?? ResourceLocator()
        guard let directory = locator.modelsDirectory() else { return nil }
        let path = directory.path + "/" + DeepStage.defaultFileName
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The smallest side the pixel evidence was measured on: the fused model's `min_short_side`
    /// when the deep stage is loaded, else one tile of the hand-crafted detector. Smaller images get
    /// a caveat (and pixels alone cannot make them likely AI).
    var measuredMinimumSide: Int? {
        if let deep { return deep.detector.file.minShortSide }
        return model?.file.features.tileSize
    }

    /// The verdict band declared by the model file: the fused model's when the deep stage is loaded
    /// (its probability is then the pixel evidence), else the hand-crafted model's.
    var modelBand: VerdictBand? {
        if let deep {
            let t = deep.detector.file.thresholds
            return VerdictBand(lower: t.likelyAuthentic, upper: t.likelyAI)
        }
        return model.map { VerdictBand(lower: $0.thresholds.likelyAuthentic, upper: $0.thresholds.likelyAI) }
    }

    func container(_ bytes: [UInt8], limits: ParseLimits) -> Result<ParsedContainer, ReportError> {
        do {
            return .success(ParsedContainer(info: try ContainerParser.parse(bytes, limits: limits)))
        } catch {
            return .failure(ReportError(parse: error, stage: "container"))
        }
    }

    func metadataFindings(_ parsed: ParsedContainer) -> [MetadataEvidence] {
        metadataFindings(parsed.info.metadata)
    }

    func metadataFindings(_ metadata: ImageMetadata) -> [MetadataEvidence] {
        GeneratorMetadataScanner.scan(metadata).map { finding in
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

    /// The watermark stage. For JPEG the stored DCT coefficients go to the reader as well: with
    /// subsampled chroma (4:2:0, the usual case) the mark survives only in the stored Cb/Cr samples,
    /// which decoders smooth away. If the coefficients cannot be read the pixels are used.
    func watermark(_ pixels: DecodedPixels, bytes: [UInt8], limits: ParseLimits) -> WatermarkEvidence? {
        let coefficients = pixels.image.format == .jpeg ? try? JPEGCoefficientReader.read(bytes, limits: limits) : nil
        let result = watermarkDetector.detect(pixels.image.rgb, jpegCoefficients: coefficients)
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
