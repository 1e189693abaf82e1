/// Everything fusion weighs for one image. A `nil` member means the stage did not run or failed.
public struct FusionEvidence: Sendable, Hashable {
    /// The C2PA verification summary.
    public var c2pa: C2PASummary?
    /// The invisible-watermark result.
    public var watermark: WatermarkEvidence?
    /// Generator traces in unsigned metadata.
    public var metadata: [MetadataEvidence]
    /// The statistical detector's probability.
    public var detector: DetectorEvidence?
    /// The deep stage's outcome; when it ran, its fused probability replaces ``detector`` as the
    /// pixel evidence (the fused model already stacks the hand-crafted score).
    public var deep: DeepEvidence?
    /// A video's sampled frames and their aggregate: when present, the clip's pixel probability is the pixel
    /// evidence (``detector`` and ``deep`` are then `nil`; docs/fusion.md, "Video").
    public var frames: FramesSection?
    /// Warnings about the pixels (``ReportWarning/concernsPixels``): they weaken the detector's evidence.
    public var pixelWarnings: [ReportWarning]

    /// Creates evidence.
    public init(
        c2pa: C2PASummary? = nil,
        watermark: WatermarkEvidence? = nil,
        metadata: [MetadataEvidence] = [],
        detector: DetectorEvidence? = nil,
        deep: DeepEvidence? = nil,
        frames: FramesSection? = nil,
        pixelWarnings: [ReportWarning] = []
    ) {
        self.frames = frames
        self.pixelWarnings = pixelWarnings
        self.c2pa = c2pa
        self.watermark = watermark
        self.metadata = metadata
        self.detector = detector
        self.deep = deep
    }
}
