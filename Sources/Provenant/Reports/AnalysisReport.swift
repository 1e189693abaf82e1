/// The full analysis of one image: the `check` JSON contract.
///
/// JSON keys: `schema_version`, `tool_version`, `model_version`, `path`, `ai_probability`, `verdict`,
/// `signals`, `provenance` (`{"c2pa": {...}}`, as in `verify`), `explanation` (the fusion steps),
/// `deep_stage` (what the deep stage did, ``DeepEvidence``; schema 3), `frames` (a video's sampled frames,
/// ``FramesSection``; `null` for a still image; schema 4),
/// `warnings` (a list of `{"code", "message"}`, never `null`) and `error` (`null` or `{"code", "message"}`).
/// Absent values are `null`.
public struct AnalysisReport: Sendable, Hashable, Codable {
    /// The schema version (``ReportSchema/version``).
    public var schemaVersion: Int
    /// The Provenant version that wrote the report (``ToolVersion/current``).
    public var toolVersion: String
    /// The pixel detector model's version, or `nil` when the detector stage did not run.
    public var modelVersion: String?
    /// The file path (or the caller's name for in-memory bytes).
    public var path: String
    /// The fused probability that the image is AI-generated, or `nil` when the analysis failed.
    public var aiProbability: Double?
    /// The verdict, or `nil` when the analysis failed.
    public var verdict: Verdict?
    /// Every signal considered, C2PA first, then watermark, metadata and the detector.
    public var signals: [Signal]
    /// The provenance section, or `nil` when C2PA verification did not run.
    public var provenance: ProvenanceSection?
    /// How each signal moved the result, or `nil` when fusion did not run.
    public var explanation: FusionResult?
    /// What weakened the analysis without stopping it (decoder warnings, an unmeasured image size).
    public var warnings: [ReportWarning]
    /// Why the file could not be analysed, or `nil`.
    public var error: ReportError?
    /// What the deep stage did, or `nil` when it was not requested or is unavailable.
    public var deepStage: DeepEvidence?
    /// A video's sampled frames, their probabilities and the clip aggregate; `nil` for a still image.
    public var frames: FramesSection?
    /// Wall-clock time per stage. Not encoded.
    public var timings: StageTimings
    /// CPU time per stage (of the thread that ran the analysis). Not encoded.
    public var cpuTimings: StageTimings
    /// The detailed C2PA manifest store, when requested. Not encoded here (see ``VerifyReport``).
    public var detailedProvenance: JSONValue?

    /// Creates a report.
    public init(
        path: String,
        aiProbability: Double? = nil,
        verdict: Verdict? = nil,
        signals: [Signal] = [],
        provenance: ProvenanceSection? = nil,
        explanation: FusionResult? = nil,
        error: ReportError? = nil,
        timings: StageTimings = StageTimings()
    ) {
        self.schemaVersion = ReportSchema.version
        self.toolVersion = ToolVersion.current
        self.modelVersion = nil
        self.warnings = []
        self.path = path
        self.aiProbability = aiProbability
        self.verdict = verdict
        self.signals = signals
        self.provenance = provenance
        self.explanation = explanation
        self.error = error
        self.deepStage = nil
        self.frames = nil
        self.timings = timings
        self.cpuTimings = StageTimings()
        self.detailedProvenance = nil
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case toolVersion = "tool_version"
        case modelVersion = "model_version"
        case path
        case aiProbability = "ai_probability"
        case verdict, signals, provenance, explanation, warnings, error
        case deepStage = "deep_stage"
        case frames
    }

    /// Decodes a report; keys other than `path` may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? ReportSchema.version
        toolVersion = try container.decodeIfPresent(String.self, forKey: .toolVersion) ?? ""
        modelVersion = try container.decodeIfPresent(String.self, forKey: .modelVersion)
        warnings = try container.decodeIfPresent([ReportWarning].self, forKey: .warnings) ?? []
        path = try container.decode(String.self, forKey: .path)
        aiProbability = try container.decodeIfPresent(Double.self, forKey: .aiProbability)
        verdict = try container.decodeIfPresent(Verdict.self, forKey: .verdict)
        signals = try container.decodeIfPresent([Signal].self, forKey: .signals) ?? []
        provenance = try container.decodeIfPresent(ProvenanceSection.self, forKey: .provenance)
        explanation = try container.decodeIfPresent(FusionResult.self, forKey: .explanation)
        error = try container.decodeIfPresent(ReportError.self, forKey: .error)
        deepStage = try container.decodeIfPresent(DeepEvidence.self, forKey: .deepStage)
        frames = try container.decodeIfPresent(FramesSection.self, forKey: .frames)
        timings = StageTimings()
        cpuTimings = StageTimings()
        detailedProvenance = nil
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(modelVersion, forKey: .modelVersion)
        try container.encode(path, forKey: .path)
        try container.encode(aiProbability, forKey: .aiProbability)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(signals, forKey: .signals)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(deepStage, forKey: .deepStage)
        try container.encode(frames, forKey: .frames)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(error, forKey: .error)
    }
}
