/// The `detect` JSON contract: `{"schema_version", "tool_version", "model_version", "path", "ai_probability",
/// "verdict", "signals", "frames", "warnings", "error"}` (`frames`: a video's sampled frames, ``FramesSection``,
/// `null` for a still image; schema 4).
///
/// `ai_probability` fuses the pixel detector, the watermark and the metadata signals (no C2PA).
public struct DetectReport: Sendable, Hashable, Codable {
    /// The schema version (``ReportSchema/version``).
    public var schemaVersion: Int
    /// The Provenant version that wrote the report.
    public var toolVersion: String
    /// The pixel detector model's version, or `nil` when the detector did not run.
    public var modelVersion: String?
    /// The file path.
    public var path: String
    /// The fused probability, or `nil` when detection failed.
    public var aiProbability: Double?
    /// The verdict, or `nil` when detection failed.
    public var verdict: Verdict?
    /// The detector, watermark and metadata signals.
    public var signals: [Signal]
    /// A video's sampled frames; `nil` for a still image.
    public var frames: FramesSection?
    /// What weakened the analysis without stopping it.
    public var warnings: [ReportWarning]
    /// Why the file could not be analysed, or `nil`.
    public var error: ReportError?

    /// Creates a report.
    public init(
        path: String, aiProbability: Double?, verdict: Verdict?, signals: [Signal], warnings: [ReportWarning] = [],
        modelVersion: String? = nil, error: ReportError?, frames: FramesSection? = nil
    ) {
        self.frames = frames
        self.schemaVersion = ReportSchema.version
        self.toolVersion = ToolVersion.current
        self.modelVersion = modelVersion
        self.warnings = warnings
        self.path = path
        self.aiProbability = aiProbability
        self.verdict = verdict
        self.signals = signals
        self.error = error
    }

    /// The detect view of an analysis (C2PA signals are left out).
    public init(_ report: AnalysisReport) {
        self.init(
            path: report.path, aiProbability: report.aiProbability, verdict: report.verdict,
            signals: report.signals.filter { $0.kind != .c2pa }, warnings: report.warnings,
            modelVersion: report.modelVersion, error: report.error, frames: report.frames)
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case toolVersion = "tool_version"
        case modelVersion = "model_version"
        case path
        case aiProbability = "ai_probability"
        case verdict, signals, frames, warnings, error
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
        error = try container.decodeIfPresent(ReportError.self, forKey: .error)
        frames = try container.decodeIfPresent(FramesSection.self, forKey: .frames)
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
        try container.encode(frames, forKey: .frames)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(error, forKey: .error)
    }
}
