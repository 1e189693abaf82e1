import ByteParsing

/// The container stage's output, shared by inspect and the metadata stage.
struct ParsedContainer: Sendable {
    var summary: ImageSummary
}

/// Decoded pixels, shared by the watermark and detector stages.
struct DecodedPixels: Sendable {}

/// The engines behind each stage, created once per ``Analyzer``.
///
/// Placeholder until the lower modules land: every stage reports that it is unavailable.
struct StageEngines: Sendable {
    init(configuration: AnalyzerConfiguration) throws(ReportError) {}

    var modelBand: VerdictBand? { nil }

    func container(_ bytes: [UInt8], limits: ParseLimits) -> Result<ParsedContainer, ReportError> {
        .failure(ReportError(code: "container.unavailable", message: "container parsing is not built in"))
    }

    func metadataFindings(_ parsed: ParsedContainer) -> [MetadataEvidence] { [] }

    func c2pa(_ bytes: [UInt8], detailed: Bool) -> (C2PASummary, JSONValue?) {
        (C2PASummary(state: .error, message: "C2PA verification is not built in"), nil)
    }

    func decode(_ bytes: [UInt8], limits: ParseLimits) -> Result<DecodedPixels, ReportError> {
        .failure(ReportError(code: "decode.unavailable", message: "decoding is not built in"))
    }

    func watermark(_ pixels: DecodedPixels) -> WatermarkEvidence? { nil }

    func detector(_ pixels: DecodedPixels) -> DetectorEvidence? { nil }
}
