import ByteParsing
import ImageDecoding

/// How an ``Analyzer`` is set up: trust, model, thresholds, limits and stages.
public struct AnalyzerConfiguration: Sendable {
    /// C2PA trust settings.
    public var trust: TrustConfiguration
    /// The detector model file; `nil` loads the default model (`PROVENANT_MODEL`, then the `Models`
    /// directory ``ResourceLocator`` finds). A model that cannot be found or loaded makes
    /// ``Analyzer/init(configuration:)`` throw when the detector stage is configured.
    public var modelPath: String?
    /// Where installed resources are looked up; `nil` uses ``ResourceLocator/init()`` (this process).
    public var resources: ResourceLocator?
    /// The fusion model. Its band is replaced by ``verdictBand`` or, when that is `nil`, by the model
    /// file's thresholds when the model file declares them.
    public var fusion: FusionPolicy
    /// An explicit verdict band, overriding the model file's thresholds.
    public var verdictBand: VerdictBand?
    /// Overrides only the band's lower bound (applied after ``verdictBand`` or the model's thresholds).
    public var authenticBelow: Double?
    /// Overrides only the band's upper bound (applied after ``verdictBand`` or the model's thresholds).
    public var aiAbove: Double?
    /// Limits applied to every input (sizes, nesting, manifests per C2PA store).
    public var limits: ParseLimits
    /// The memory and work one file's decode may cost (docs/limits.md).
    public var decodeBudget: DecodeBudget
    /// Which stages run.
    public var stages: AnalysisStages
    /// Whether to keep the detailed C2PA manifest store dump (for `verify --detailed`).
    public var detailedProvenance: Bool
    /// When the deep stage (CLIP embedding + fused probe) runs; it needs the detector stage.
    public var deep: DeepMode
    /// The fused model file (`provenant-detector-v2.json`); `nil` loads the default
    /// (PROVENANT_DEEP_MODEL, then Models/ like the v1 model). When no default exists the deep stage
    /// is unavailable and ``Analyzer/deepUnavailable`` says why.
    public var deepModelPath: String?
    /// The hard limits of a video read (file size, duration, frame size, frame count, decode time).
    public var videoLimits: VideoLimits
    /// Which frames of a video are analysed.
    public var frameSampling: FrameSamplingPolicy
    /// How the sampled frames' probabilities combine into the clip's.
    public var frameAggregate: FrameAggregate
    /// The shape of that dump: Provenant's detailed view, or c2patool's manifest-store report.
    public var provenanceDumpStyle: ProvenanceDumpStyle

    /// Creates a configuration; the defaults run every stage with the default model and no trust anchors.
    public init(
        trust: TrustConfiguration = TrustConfiguration(),
        modelPath: String? = nil,
        fusion: FusionPolicy = .default,
        verdictBand: VerdictBand? = nil,
        limits: ParseLimits = .default,
        stages: AnalysisStages = .all,
        detailedProvenance: Bool = false,
        decodeBudget: DecodeBudget = .default,
        deep: DeepMode = .auto,
        deepModelPath: String? = nil
    ) {
        self.trust = trust
        self.modelPath = modelPath
        self.fusion = fusion
        self.verdictBand = verdictBand
        self.limits = limits
        self.decodeBudget = decodeBudget
        self.stages = stages
        self.detailedProvenance = detailedProvenance
        self.deep = deep
        self.deepModelPath = deepModelPath
        self.authenticBelow = nil
        self.resources = nil
        self.provenanceDumpStyle = .detailed
        self.aiAbove = nil
        self.videoLimits = .default
        self.frameSampling = .default
        self.frameAggregate = FrameAggregate()
    }
}
