/// The `inspect` JSON contract: what the container says about a file, without judging it.
///
/// JSON keys: `schema_version`, `tool_version`, `model_version` (always `null`), `path`, `image` (`null` when the
/// container could not be parsed; for MP4/QuickTime the container summary with Content Credentials), `video` (a video's container facts, ``VideoSummary``; `null` for an
/// image; schema 4) and `error`.
public struct InspectReport: Sendable, Hashable, Encodable {
    /// The schema version (``ReportSchema/version``).
    public var schemaVersion: Int
    /// The Provenant version that wrote the report.
    public var toolVersion: String
    /// The pixel detector model's version: always `nil` here (kept so every report has the same version keys).
    public var modelVersion: String?
    /// The file path.
    public var path: String
    /// What the container holds, or `nil` when it could not be parsed.
    public var image: ImageSummary?
    /// A video's container and stream facts, or `nil`.
    public var video: VideoSummary?
    /// Why the file could not be inspected, or `nil`.
    public var error: ReportError?

    /// Creates a report.
    public init(path: String, image: ImageSummary?, error: ReportError?) {
        self.schemaVersion = ReportSchema.version
        self.toolVersion = ToolVersion.current
        self.modelVersion = nil
        self.path = path
        self.image = image
        self.video = nil
        self.error = error
    }

    /// Creates the report of a video.
    public init(path: String, video: VideoSummary) {
        self.init(path: path, image: nil, error: nil)
        self.video = video
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case toolVersion = "tool_version"
        case modelVersion = "model_version"
        case path, image, video, error
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(modelVersion, forKey: .modelVersion)
        try container.encode(path, forKey: .path)
        try container.encode(image, forKey: .image)
        try container.encode(video, forKey: .video)
        try container.encode(error, forKey: .error)
    }
}
