/// The `verify` JSON contract: `{"schema_version", "tool_version", "model_version", "path", "provenance": {"c2pa": {...}}, "detailed", "error"}`.
///
/// `detailed` is the manifest store dump when requested (`--detailed`), else `null`.
public struct VerifyReport: Sendable, Hashable, Codable {
    /// The schema version (``ReportSchema/version``).
    public var schemaVersion: Int
    /// The Provenant version that wrote the report.
    public var toolVersion: String
    /// The pixel detector model's version: always `nil` here (kept so every report has the same version keys).
    public var modelVersion: String?
    /// The file path.
    public var path: String
    /// The provenance section, or `nil` when verification could not run on the file at all.
    public var provenance: ProvenanceSection?
    /// The detailed manifest store, when requested.
    public var detailed: JSONValue?
    /// Why the file could not be verified, or `nil`.
    public var error: ReportError?

    /// Creates a report.
    public init(path: String, provenance: ProvenanceSection?, detailed: JSONValue? = nil, error: ReportError?) {
        self.schemaVersion = ReportSchema.version
        self.toolVersion = ToolVersion.current
        self.modelVersion = nil
        self.path = path
        self.provenance = provenance
        self.detailed = detailed
        self.error = error
    }

    /// The verify view of a full analysis.
    public init(_ report: AnalysisReport, detailed: JSONValue? = nil) {
        self.init(path: report.path, provenance: report.provenance, detailed: detailed, error: report.error)
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case toolVersion = "tool_version"
        case modelVersion = "model_version"
        case path, provenance, detailed, error
    }

    /// Decodes a report; keys other than `path` may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? ReportSchema.version
        toolVersion = try container.decodeIfPresent(String.self, forKey: .toolVersion) ?? ""
        modelVersion = try container.decodeIfPresent(String.self, forKey: .modelVersion)
        path = try container.decode(String.self, forKey: .path)
        provenance = try container.decodeIfPresent(ProvenanceSection.self, forKey: .provenance)
        detailed = try container.decodeIfPresent(JSONValue.self, forKey: .detailed)
        error = try container.decodeIfPresent(ReportError.self, forKey: .error)
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(modelVersion, forKey: .modelVersion)
        try container.encode(path, forKey: .path)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(detailed, forKey: .detailed)
        try container.encode(error, forKey: .error)
    }
}
