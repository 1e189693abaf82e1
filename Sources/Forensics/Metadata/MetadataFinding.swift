/// One piece of generator-identifying metadata (or a declaration that an image is a capture).
///
/// Metadata is written by the software that saved the file and can be added, edited or
/// removed by anyone, so every finding is ``forgeable``. `strength` says how specific the
/// evidence is: `strong` for structured generator records (AUTOMATIC1111 parameters, ComfyUI
/// graphs, NovelAI records, an IPTC digital-source-type declaration), `weak` for a generator
/// name in a free-text field such as EXIF Software.
public struct MetadataFinding: Sendable, Hashable, Codable {
    /// A stable identifier of the kind of evidence (for example `a1111_parameters`).
    public var name: String
    /// Whether the finding points to an AI generator; `false` for declarations of a non-AI source.
    public var detected: Bool
    /// The generator or tool named by the evidence, when it names one.
    public var generator: String?
    /// What was found and where, shortened for display.
    public var detail: String
    /// Always `true`: metadata can be forged or stripped.
    public var forgeable: Bool
    /// `"strong"` or `"weak"`.
    public var strength: String

    /// Creates a finding.
    public init(name: String, detected: Bool, generator: String?, detail: String, forgeable: Bool = true, strength: String) {
        self.name = name
        self.detected = detected
        self.generator = generator
        self.detail = detail
        self.forgeable = forgeable
        self.strength = strength
    }

    /// The value of ``strength`` for structured generator records and declarations.
    public static let strong = "strong"
    /// The value of ``strength`` for generator names in free-text fields.
    public static let weak = "weak"
}
