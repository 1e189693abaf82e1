public import Forensics

/// How a fused model file was made: the `training` record `provenant eval --deep --write-model`
/// writes into it (not covered by the checksum, not read back by the detector).
public struct FusedModelTraining: Sendable, Codable, Equatable {
    /// Image counts by group.
    public struct Images: Sendable, Codable, Equatable {
        /// AI-generated images.
        public var ai: Int
        /// Real photos (label `real`, family `real`).
        public var realPhotos: Int
        /// Human-made non-photos (label `real`, another family).
        public var humanMadeNonPhotos: Int

        /// Counts the groups of `images`.
        public init(_ images: [LabeledImage]) {
            ai = images.count { EvaluationGroup($0) == .ai }
            realPhotos = images.count { EvaluationGroup($0) == .photo }
            humanMadeNonPhotos = images.count { EvaluationGroup($0) == .humanMadeNonPhoto }
        }

        enum CodingKeys: String, CodingKey {
            case ai
            case realPhotos = "real_photos"
            case humanMadeNonPhotos = "human_made_non_photos"
        }
    }

    /// One condition's cross-validated figures.
    public struct Figures: Sendable, Codable, Equatable {
        /// AUC of the stacked logit.
        public var auc: Double
        /// TPR at 5 % FPR.
        public var tprAt5FPR: Double
        /// Expected calibration error.
        public var ece: Double

        enum CodingKeys: String, CodingKey {
            case auc, ece
            case tprAt5FPR = "tpr_at_5fpr"
        }
    }

    /// The command that made the file.
    public var command: String
    /// When, as ISO 8601 UTC.
    public var date: String
    /// The sources trained on, by data set (the labels file's folder name).
    public var sources: [String: [String]]
    /// Image counts (usable images only).
    public var images: Images
    /// Files that could not be used.
    public var skipped: Int
    /// Slots the probe was trained on.
    public var slots: [String]
    /// The probes' L2 strength (with a ladder, the first of ``probeL2s``).
    public var probeL2: Double
    /// Every L2 strength each block's probe was fitted at and stacked (absent in files trained before
    /// the ladder, which used ``probeL2`` alone).
    public var probeL2s: [Double]?
    /// Probes fitted (one per tower block of the features, stacked and summed into the file's probe),
    /// or 1.
    public var probeBlocks: Int
    /// Sample-weight shares of AI images, real photos and human-made non-photos.
    public var groupShares: [Double]
    /// The power `p` of the within-group weights `1/(source size)^p` (absent in files up to
    /// `provenant-detector-v2.6`, which used 0.5).
    public var sourceWeightPower: Double?
    /// Folds and seeds of the cross-validation the stack, calibration and bands come from.
    public var folds: Int
    /// Seed of the per-file conditions and augmentation copies.
    public var seed: UInt64
    /// Seed of the source split.
    public var splitSeed: UInt64
    /// Seeds of every source split cross-validated (absent in files up to `provenant-detector-v2.4`).
    public var splitSeeds: [UInt64]?
    /// How the bands were chosen from the splits' derived bands (``FusedEvaluationReport/BandRule``;
    /// absent in files trained before the rule existed, which took the first split's).
    public var bandRule: String?
    /// Cross-validated figures per condition (the first split).
    public var crossValidation: [String: Figures]
    /// Mean AUC per condition over every split cross-validated.
    public var meanAUCOverSplits: [String: Double]
    /// How the features were computed.
    public var embeddingReference: String

    /// The record of a model trained from `report` on `images` (usable ones) with `evaluation`'s settings.
    public init(
        command: String, date: String, sources: [String: [String]], images: [LabeledImage], report: FusedEvaluationReport,
        evaluation: FusedEvaluation
    ) {
        self.command = command
        self.date = date
        self.sources = sources
        let used = images.filter { report.skipped[$0.path] == nil }
        self.images = Images(used)
        skipped = report.skipped.count
        slots = report.trainedOn
        probeL2 = report.probeL2
        probeL2s = report.probeL2s
        probeBlocks = report.probeBlocks
        groupShares = evaluation.groupShares
        sourceWeightPower = evaluation.sourceWeightPower
        folds = report.folds
        seed = report.seed
        splitSeed = report.splitSeed
        splitSeeds = report.splits.isEmpty ? [report.splitSeed] : report.splits.map(\.splitSeed)
        bandRule = evaluation.bandRule.rawValue
        var figures: [String: Figures] = [:]
        var means: [String: Double] = [:]
        for (c, result) in report.conditions.enumerated() {
            figures[result.condition.rawValue] = Figures(auc: result.auc, tprAt5FPR: result.tprAt5FPR, ece: result.ece)
            let aucs = report.splits.compactMap { $0.auc.indices.contains(c) ? $0.auc[c] : nil }
            if !aucs.isEmpty { means[result.condition.rawValue] = aucs.reduce(0, +) / Double(aucs.count) }
        }
        crossValidation = figures
        meanAUCOverSplits = means
        embeddingReference = "Provenant's native CLIP tower (DeepFeatures), the features the detector computes at run time"
    }

    enum CodingKeys: String, CodingKey {
        case command, date, sources, images, skipped, slots, folds, seed
        case probeL2 = "probe_l2"
        case probeL2s = "probe_l2s"
        case probeBlocks = "probe_blocks"
        case groupShares = "group_shares"
        case sourceWeightPower = "source_weight_power"
        case splitSeed = "split_seed"
        case splitSeeds = "split_seeds"
        case bandRule = "band_rule"
        case crossValidation = "cross_validation"
        case meanAUCOverSplits = "mean_auc_over_splits"
        case embeddingReference = "embedding_reference"
    }
}
