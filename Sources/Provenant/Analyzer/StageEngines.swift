import ByteParsing
import C2PA
import ImageContainers

/// The container stage's output, shared by inspect and the metadata stage.
struct ParsedContainer: Sendable {
    var info: ContainerInfo
    var summary: ImageSummary { ImageSummary(info) }
}

/// Decoded pixels, shared by the watermark and detector stages.
struct DecodedPixels: Sendable {}

/// The engines behind each stage, created once per ``Analyzer``.
struct StageEngines: Sendable {
    let verifier: C2PAVerifier

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
    }

    var modelBand: VerdictBand? { nil }

    func container(_ bytes: [UInt8], limits: ParseLimits) -> Result<ParsedContainer, ReportError> {
        do {
            return .success(ParsedContainer(info: try ContainerParser.parse(bytes, limits: limits)))
        } catch {
            return .failure(ReportError(parse: error, stage: "container"))
        }
    }

    func metadataFindings(_ parsed: ParsedContainer) -> [MetadataEvidence] { [] }

    func c2pa(_ bytes: [UInt8], detailed: Bool) -> (C2PASummary, JSONValue?) {
        let result = verifier.verify(bytes)
        let dump = detailed ? try? ReportJSON.decode(JSONValue.self, from: result.detailedJSON()) : nil
        return (C2PASummary(result), dump)
    }

    func decode(_ bytes: [UInt8], limits: ParseLimits) -> Result<DecodedPixels, ReportError> {
        .failure(ReportError(code: "decode.unavailable", message: "decoding is not built in"))
    }

    func watermark(_ pixels: DecodedPixels) -> WatermarkEvidence? { nil }

    func detector(_ pixels: DecodedPixels) -> DetectorEvidence? { nil }
}
