/// Time spent in each pipeline stage for one image, in seconds. Not part of the JSON contract.
public struct StageTimings: Sendable, Hashable, Codable {
    /// Reading the file.
    public var read: Double = 0
    /// Parsing the container and metadata.
    public var container: Double = 0
    /// Decoding the pixels.
    public var decode: Double = 0
    /// Scoring the pixels with the statistical detector.
    public var detector: Double = 0
    /// The deep stage (CLIP embedding and fused probe); 0 when it was skipped.
    public var deep: Double = 0
    /// Looking for an invisible watermark.
    public var watermark: Double = 0
    /// Scanning metadata for generator traces.
    public var metadata: Double = 0
    /// Verifying C2PA provenance.
    public var c2pa: Double = 0
    /// Fusing the evidence.
    public var fusion: Double = 0

    /// Creates zero timings.
    public init() {}

    /// The sum of every stage.
    public var total: Double { read + container + decode + detector + deep + watermark + metadata + c2pa + fusion }

    /// Adds another image's timings stage by stage.
    public mutating func add(_ other: StageTimings) {
        read += other.read
        container += other.container
        decode += other.decode
        detector += other.detector
        deep += other.deep
        watermark += other.watermark
        metadata += other.metadata
        c2pa += other.c2pa
        fusion += other.fusion
    }

    /// The stages in pipeline order with their times, for tables.
    public var stages: [(name: String, seconds: Double)] {
        [
            ("read", read), ("container", container), ("decode", decode), ("detector", detector), ("deep", deep),
            ("watermark", watermark), ("metadata", metadata), ("c2pa", c2pa), ("fusion", fusion),
        ]
    }
}
