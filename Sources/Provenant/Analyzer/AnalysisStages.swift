/// Which stages of the pipeline an ``Analyzer`` runs. Reading and container parsing always run.
public struct AnalysisStages: OptionSet, Sendable, Hashable {
    /// The raw bit set.
    public let rawValue: Int

    /// Creates a set from its raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// C2PA verification.
    public static let c2pa = AnalysisStages(rawValue: 1 << 0)
    /// The statistical pixel detector (needs a decode).
    public static let detector = AnalysisStages(rawValue: 1 << 1)
    /// The invisible-watermark detector (needs a decode).
    public static let watermark = AnalysisStages(rawValue: 1 << 2)
    /// Generator-metadata signals.
    public static let metadata = AnalysisStages(rawValue: 1 << 3)
    /// Fusion into a probability and verdict.
    public static let fusion = AnalysisStages(rawValue: 1 << 4)

    /// Everything: what `provenant check` runs.
    public static let all: AnalysisStages = [.c2pa, .detector, .watermark, .metadata, .fusion]
    /// What `provenant detect` runs: pixels and metadata, no C2PA.
    public static let detection: AnalysisStages = [.detector, .watermark, .metadata, .fusion]
    /// What `provenant verify` runs: C2PA only.
    public static let provenance: AnalysisStages = [.c2pa]

    /// Whether the pixels have to be decoded.
    public var needsPixels: Bool { !isDisjoint(with: [.detector, .watermark]) }
}
