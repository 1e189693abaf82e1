/// A generator trace found in unsigned metadata, as fusion consumes it. Always forgeable.
public struct MetadataEvidence: Sendable, Hashable, Codable {
    /// How much a finding says on its own.
    public enum Strength: String, Sendable, Hashable, Codable {
        /// A generator's own fingerprint (for example A1111 `parameters`, ComfyUI `workflow`, an XMP
        /// `trainedAlgorithmicMedia` source type).
        case strong
        /// A hint (for example an EXIF Software string that also names non-generative tools).
        case weak
    }

    /// A stable name for the finding (for example `a1111_parameters`).
    public var name: String
    /// Whether the finding points to AI generation.
    public var detected: Bool
    /// The generator named, when one is.
    public var generator: String?
    /// How much the finding says.
    public var strength: Strength
    /// What was found, for people.
    public var detail: String

    /// Creates metadata evidence.
    public init(name: String, detected: Bool, generator: String?, strength: Strength, detail: String) {
        self.name = name
        self.detected = detected
        self.generator = generator
        self.strength = strength
        self.detail = detail
    }

    /// The evidence as a report signal; the detail always says the evidence is forgeable.
    public var signal: Signal {
        Signal(kind: .metadata, name: name, detected: detected, score: nil, detail: "\(detail) (forgeable)")
    }
}
