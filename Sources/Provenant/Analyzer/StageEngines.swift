import ByteParsing
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
    /// The detector model; `nil` when no model was requested and none was found in the default places.
    let model: DetectorModel?
    /// Why ``model`` is `nil`.
    let modelProblem: ReportError?
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
        verifier = C2PAVerifier(trust: trust, limits: configuration.limits)
        guard configuration.stages.contains(.detector) else {
            model = nil
            modelProblem = nil
            return
        }
        if let path = configuration.modelPath {
            do {
                model = try DetectorModel.load(path: path)
                modelProblem = nil
            } catch {
                throw ReportError(code: "model.\(error.code.rawValue)", message: "cannot load the model \(path): \(error)")
            }
        } else {
            do {
                model = try DetectorModel.loadDefault()
                modelProblem = nil
            } catch {
                model = nil
                modelProblem = ReportError(code: "model.unavailable", message: "\(error)")
            }
        }
    }

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

    func c2pa(_ bytes: [UInt8], detailed: Bool) -> (C2PASummary, JSONValue?) {
        let result = verifier.verify(bytes)
        let dump = detailed ? try? ReportJSON.decode(JSONValue.self, from: result.detailedJSON()) : nil
        return (C2PASummary(result), dump)
    }

    func decode(_ bytes: [UInt8], limits: ParseLimits) -> Result<DecodedPixels, ReportError> {
        do {
            return .success(DecodedPixels(image: try ImageDecoder.decode(bytes, options: DecodeOptions(limits: limits))))
        } catch {
            return .failure(ReportError(code: "decode.\(error.code.rawValue)", message: error.description))
        }
    }

    func watermark(_ pixels: DecodedPixels) -> WatermarkEvidence? {
        let result = watermarkDetector.detect(pixels.image.rgb)
        return WatermarkEvidence(
            detected: result.detected, payloadName: result.payloadName, bitsMatched: result.bitsMatched,
            bitsTotal: result.bitsTotal, detail: result.detail)
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
