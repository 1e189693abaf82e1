/// One piece of evidence about whether an image is AI-generated.
///
/// JSON keys (a contract): `kind`, `name`, `detected`, `score`, `detail`. `detected` and `score`
/// are `null` where they do not apply.
public struct Signal: Sendable, Hashable, Codable {
    /// The family the signal belongs to.
    public var kind: SignalKind
    /// A stable name within the kind (for example `statistical`, `sdxl`, `a1111_parameters`, `manifest`).
    public var name: String
    /// Whether the signal found evidence of AI generation; `nil` where a yes/no answer does not apply.
    public var detected: Bool?
    /// A numeric score in 0...1 where one applies (the detector's probability, the watermark bit agreement).
    public var score: Double?
    /// What was found, for people.
    public var detail: String

    /// Creates a signal.
    public init(kind: SignalKind, name: String, detected: Bool?, score: Double?, detail: String) {
        self.kind = kind
        self.name = name
        self.detected = detected
        self.score = score
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case kind, name, detected, score, detail
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(detected, forKey: .detected)
        try container.encode(score, forKey: .score)
        try container.encode(detail, forKey: .detail)
    }
}
