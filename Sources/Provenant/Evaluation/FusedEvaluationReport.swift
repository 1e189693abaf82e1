public import Forensics
import Foundation

/// Source-grouped cross-validation of the fused detector (``FusedEvaluation``), computed natively.
public struct FusedEvaluationReport: Sendable, Codable {
    /// A rate with its denominator.
    public typealias Rate = EvaluationReport.Rate

    /// Flag rates at one pair of verdict bands.
    public struct BandRates: Sendable, Codable {
        /// Real photos at or above `likely_ai`.
        public var realPhotosFlagged: Double
        /// Human-made non-photos at or above `likely_ai`.
        public var nonPhotosFlagged: Double
        /// AI images at or above `likely_ai`.
        public var aiCaught: Double
        /// Images strictly between the bands.
        public var inconclusive: Double

        enum CodingKeys: String, CodingKey {
            case realPhotosFlagged = "real_photos_flagged"
            case nonPhotosFlagged = "non_photos_flagged"
            case aiCaught = "ai_likely_ai"
            case inconclusive
        }
    }

    /// Results under one condition.
    public struct ConditionResult: Sendable, Codable {
        /// The condition.
        public var condition: EvaluationCondition
        /// Images scored (real / AI).
        public var count: Int
        /// Real images scored.
        public var realCount: Int
        /// AI images scored.
        public var aiCount: Int
        /// ROC AUC of the fused probability.
        public var auc: Double
        /// ROC AUC of the probe logit alone.
        public var probeAUC: Double
        /// TPR at 1 % FPR.
        public var tprAt1FPR: Double
        /// TPR at 5 % FPR.
        public var tprAt5FPR: Double
        /// Expected calibration error (10 bins).
        public var ece: Double
        /// Rates at the bands derived in this run.
        public var derivedBands: BandRates
        /// Rates at the bands the shipped model file declares.
        public var shippedBands: BandRates
        /// Rates at the per-type band (``FusedEvaluationReport/perTypeThreshold``).
        public var perTypeBands: BandRates
        /// Share flagged `likely_ai` (derived bands) per content type of the real images.
        public var contentTypeFlagged: [String: Rate]
        /// Share caught `likely_ai` (derived bands) per generator family.
        public var familyCaught: [String: Rate]
        /// Share flagged `likely_ai` (derived bands) per real source.
        public var sourceFlagged: [String: Rate]
        /// Share flagged `likely_ai` at the shipped model file's band, per content type of the real images.
        public var shippedContentTypeFlagged: [String: Rate]
        /// Share caught `likely_ai` at the shipped model file's band, per generator family.
        public var shippedFamilyCaught: [String: Rate]

        enum CodingKeys: String, CodingKey {
            case condition, count, auc
            case realCount = "real_count"
            case aiCount = "ai_count"
            case probeAUC = "probe_auc"
            case tprAt1FPR = "tpr_at_1fpr"
            case tprAt5FPR = "tpr_at_5fpr"
            case ece
            case derivedBands = "derived_bands"
            case shippedBands = "shipped_bands"
            case perTypeBands = "per_type_bands"
            case contentTypeFlagged = "content_type_flagged"
            case familyCaught = "family_caught"
            case sourceFlagged = "source_flagged"
            case shippedContentTypeFlagged = "shipped_content_type_flagged"
            case shippedFamilyCaught = "shipped_family_caught"
        }
    }

    /// Results of as-is pixels in one range of the shorter side.
    public struct SizeRow: Sendable, Codable {
        /// `lo-hi` in pixels.
        public var range: String
        /// Images.
        public var count: Int
        /// AUC (NaN when one class is missing).
        public var auc: Double
        /// Real images flagged at the derived `likely_ai`.
        public var realFlagged: Double

        enum CodingKeys: String, CodingKey {
            case range, count, auc
            case realFlagged = "real_flagged"
        }
    }

    /// How one fold's probe fit ended.
    public struct ProbeFit: Sendable, Codable {
        /// L-BFGS iterations.
        public var iterations: Int
        /// Whether the gradient tolerance was reached.
        public var converged: Bool
        /// The largest gradient component at the end.
        public var largestGradient: Double

        enum CodingKeys: String, CodingKey {
            case iterations, converged
            case largestGradient = "largest_gradient"
        }
    }

    /// The cascade band derived from the out-of-fold probabilities (``FusedEvaluation`` documents
    /// the rule), with what it does in each condition.
    public struct CascadeBand: Sendable, Codable, Equatable {
        /// `--deep auto` skips the deep stage below this hand-crafted probability.
        public var skipBelow: Double
        /// … and above this one.
        public var skipAbove: Double
        /// Share of images whose deep stage is skipped, per condition.
        public var skipped: [Double]
        /// Share of images whose verdict the skip changes, per condition.
        public var verdictsChanged: [Double]
        /// The fused model's bands the verdicts were compared at (absent in reports written before it
        /// was recorded).
        public var fusedBands: DetectorModelFile.Thresholds?

        /// A cascade band with its effect per condition, derived at `fusedBands`.
        public init(
            skipBelow: Double, skipAbove: Double, skipped: [Double], verdictsChanged: [Double],
            fusedBands: DetectorModelFile.Thresholds? = nil
        ) {
            self.skipBelow = skipBelow
            self.skipAbove = skipAbove
            self.skipped = skipped
            self.verdictsChanged = verdictsChanged
            self.fusedBands = fusedBands
        }

        enum CodingKeys: String, CodingKey {
            case skipped
            case skipBelow = "skip_deep_below"
            case skipAbove = "skip_deep_above"
            case verdictsChanged = "verdicts_changed"
            case fusedBands = "fused_bands"
        }
    }

    /// The hand-crafted detector refitted in every fold (``FusedEvaluation/refitHandcrafted``): its
    /// Platt map and bands on the pooled out-of-fold logits, and how it ranks alone.
    public struct HandcraftedRefit: Sendable, Codable {
        /// The regression's L2 strength.
        public var l2: Double
        /// The Platt map `(a, b)` of its out-of-fold logits (evaluated conditions pooled).
        public var platt: [Double]
        /// Its bands by the model's per-type rule (what `--deep never` would use).
        public var thresholds: DetectorModelFile.Thresholds
        /// Its AUC alone, per condition.
        public var auc: [Double]
        /// Its TPR at 5 % FPR alone, per condition.
        public var tprAt5FPR: [Double]
        /// Its expected calibration error (10 bins), per condition.
        public var ece: [Double]

        enum CodingKeys: String, CodingKey {
            case l2, platt, thresholds, auc, ece
            case tprAt5FPR = "tpr_at_5fpr"
        }
    }

    /// One source split's headline figures.
    public struct Split: Sendable, Codable {
        /// The seed of the split.
        public var splitSeed: UInt64
        /// AUC per condition, in the order of ``FusedEvaluationReport/conditions``.
        public var auc: [Double]
        /// TPR at 5 % FPR per condition.
        public var tprAt5FPR: [Double]
        /// The bands the model's rule derives on this split's out-of-fold probabilities.
        public var derivedThresholds: DetectorModelFile.Thresholds
        /// The split's ``FusedEvaluationReport/perTypeThreshold`` (absent in reports written before it
        /// was kept per split).
        public var perTypeThreshold: Double?
        /// The refitted hand-crafted detector's bands on this split, when it was refitted.
        public var handcraftedThresholds: DetectorModelFile.Thresholds?

        /// The figures of `report`.
        public init(_ report: FusedEvaluationReport) {
            splitSeed = report.splitSeed
            auc = report.conditions.map(\.auc)
            tprAt5FPR = report.conditions.map(\.tprAt5FPR)
            derivedThresholds = report.derivedThresholds
            perTypeThreshold = report.perTypeThreshold
            handcraftedThresholds = report.handcraftedRefit?.thresholds
        }

        enum CodingKeys: String, CodingKey {
            case auc
            case splitSeed = "split_seed"
            case tprAt5FPR = "tpr_at_5fpr"
            case derivedThresholds = "derived_thresholds"
            case perTypeThreshold = "per_type_threshold"
            case handcraftedThresholds = "handcrafted_thresholds"
        }
    }

    /// How the bands of a model file trained from the report are chosen.
    public enum BandRule: String, Sendable, Codable, CaseIterable {
        /// The strictest of every split's derived bands (the highest `likely_ai`, the lowest
        /// `likely_authentic`): the flag budgets then hold on each split cross-validated, not only on
        /// the one the tables come from. Each split's probabilities are Platt-calibrated, so their
        /// thresholds compare as probabilities.
        case strictest
        /// The first split's derived bands (how files up to `provenant-detector-v2.4` were made).
        case firstSplit = "first-split"
        /// As ``strictest``, with `likely_ai` raised where needed to the highest per-type band any split
        /// reports (``FusedEvaluationReport/perTypeThreshold``): every human-made content type with
        /// enough images then stays within the 5 % budget on each split, not only the group.
        case strictestPerType = "strictest-per-type"
    }

    /// The strictest of `bands` (the highest `likely_ai`, the lowest `likely_authentic`), or `nil` when
    /// there are none.
    public static func strictest(_ bands: [DetectorModelFile.Thresholds]) -> DetectorModelFile.Thresholds? {
        guard let highest = bands.map(\.likelyAI).max(), let lowest = bands.map(\.likelyAuthentic).min() else { return nil }
        return DetectorModelFile.Thresholds(likelyAI: highest, likelyAuthentic: lowest)
    }

    /// The bands a model file trained from this report carries under `rule`: the first split's derived
    /// bands, or the strictest over ``splits`` (the first split's alone when the report lists none), with
    /// ``BandRule/strictestPerType`` `likely_ai` raised to the highest per-type band of any split.
    public func modelThresholds(_ rule: BandRule) -> DetectorModelFile.Thresholds {
        switch rule {
        case .firstSplit:
            return derivedThresholds
        case .strictest:
            return Self.strictest(splits.map(\.derivedThresholds) + [derivedThresholds]) ?? derivedThresholds
        case .strictestPerType:
            let group = modelThresholds(.strictest)
            let perType = (splits.compactMap(\.perTypeThreshold) + [perTypeThreshold]).max() ?? group.likelyAI
            return DetectorModelFile.Thresholds(likelyAI: max(group.likelyAI, perType), likelyAuthentic: group.likelyAuthentic)
        }
    }

    /// The bands a hand-crafted model file refitted by this run carries: the strictest of every split's
    /// (``HandcraftedRefit/thresholds``), or `nil` when it was not refitted.
    public var handcraftedModelThresholds: DetectorModelFile.Thresholds? {
        guard let first = handcraftedRefit?.thresholds else { return nil }
        return Self.strictest(splits.compactMap(\.handcraftedThresholds) + [first])
    }

    /// Folds.
    public var folds: Int
    /// Seed of the per-file conditions and augmentation copies.
    public var seed: UInt64
    /// Seed of the source split the tables come from.
    public var splitSeed: UInt64
    /// Images used.
    public var images: Int
    /// Slots the probe was trained on.
    public var trainedOn: [String]
    /// The probes' L2 strength (with a ladder, the first of ``probeL2s``).
    public var probeL2: Double
    /// Every L2 strength each block's probe was fitted at (``FusedEvaluation/probeL2s``); the stack
    /// has one input per block and strength.
    public var probeL2s: [Double]
    /// Each fold's probe fit (with several probe blocks: their iterations summed, the largest gradient
    /// of any, converged when all did).
    public var probeFits: [ProbeFit]
    /// Probes per fold: one per tower block of the features (``FusedEvaluation/layerwiseProbes``), or 1.
    public var probeBlocks: Int
    /// The stack's weights (one per probe block and strength, strength-major, then the hand-crafted
    /// logit) and bias, fitted on the pooled out-of-fold probe logits.
    public var stack: [Double]
    /// The Platt map `(a, b)` fitted on the pooled out-of-fold stacked logits.
    public var platt: [Double]
    /// Bands derived from the out-of-fold probabilities by the model's rule (at most 3 % of real
    /// photos and 5 % of human-made non-photos flagged in every condition).
    public var derivedThresholds: DetectorModelFile.Thresholds
    /// Bands of the shipped model file.
    public var shippedThresholds: DetectorModelFile.Thresholds
    /// The `likely_ai` threshold a stricter rule would give: also at most 5 % of every human-made
    /// content type with at least 30 images flagged in every condition, not only of the group. Reported
    /// to show what that costs in AI caught; the model's rule is the group's.
    public var perTypeThreshold: Double
    /// The cascade band derived by the model's rule (`nil` when no hand-crafted bands were given): at
    /// this split's derived bands, and after a run over several splits at the bands the model file
    /// gets (``modelThresholds(_:)``), on the first split's out-of-fold probabilities.
    public var cascade: CascadeBand?
    /// The first split's out-of-fold (hand-crafted, fused) probability pairs per evaluated condition,
    /// which the cascade band is derived from (kept in memory for re-deriving it at other bands; not
    /// written to JSON).
    var cascadeInputs: [[(handcrafted: Double, fused: Double)]] = []
    /// The refitted hand-crafted detector on this split (``FusedEvaluation/refitHandcrafted``), or `nil`.
    public var handcraftedRefit: HandcraftedRefit?
    /// Per-condition results.
    public var conditions: [ConditionResult]
    /// As-is results by shorter side.
    public var sizes: [SizeRow]
    /// Every source split cross-validated (the first is the one the tables come from).
    public var splits: [Split]
    /// Files that could not be used, with the reason.
    public var skipped: [String: String]
    /// Versions whose features were computed in this run (not read from the cache), once per group of
    /// views the model computes together (so a two-view model counts each version twice).
    public var forwardPasses: Int
    /// Seconds spent computing or reading inputs.
    public var featureSeconds: Double
    /// Seconds spent fitting and scoring.
    public var fitSeconds: Double

    enum CodingKeys: String, CodingKey {
        case folds, seed, images, stack, platt, conditions, sizes, splits, skipped
        case splitSeed = "split_seed"
        case trainedOn = "trained_on"
        case probeL2 = "probe_l2"
        case probeL2s = "probe_l2s"
        case probeFits = "probe_fits"
        case probeBlocks = "probe_blocks"
        case derivedThresholds = "derived_thresholds"
        case shippedThresholds = "shipped_thresholds"
        case cascade
        case handcraftedRefit = "handcrafted_refit"
        case perTypeThreshold = "per_type_threshold"
        case forwardPasses = "forward_passes"
        case featureSeconds = "feature_seconds"
        case fitSeconds = "fit_seconds"
    }

    /// The issue's targets, checked against each condition.
    static let targets: [(EvaluationCondition, Double)] = [
        (.asIs, 0.95), (.crop512JPEG90, 0.94), (.downscale512JPEG75, 0.92), (.webpSocial, 0.92),
    ]

    /// A Markdown rendering: the summary, targets, content types, families, real sources, the content types and
    /// families again at the shipped model's band when it differs from the derived one, and sizes.
    public func markdown() -> String {
        func f(_ value: Double) -> String { value.isFinite ? String(format: "%.3f", value) : "–" }
        func pct(_ value: Double) -> String { value.isFinite ? String(format: "%.1f %%", 100 * value) : "–" }
        var lines: [String] = []
        lines.append("Fused detector, source-grouped \(folds)-fold cross-validation (native), \(images) images, seed \(seed), split seed \(splitSeed).")
        let probes = (probeBlocks == 1 ? "probe" : "\(probeBlocks) layer probes") + (probeL2s.count > 1 ? " × \(probeL2s.count) λ" : "")
        lines.append("Probe λ \(probeL2s.map { "\($0)" }.joined(separator: ", ")), trained on \(trainedOn.joined(separator: ", ")). "
            + "Stack (\(probes), hand-crafted, bias) \(stack.map(f).joined(separator: ", ")); Platt a \(platt.map(f).joined(separator: ", b ")).")
        lines.append("Derived bands: likely_ai ≥ \(f(derivedThresholds.likelyAI)), likely_authentic ≤ \(f(derivedThresholds.likelyAuthentic)); "
            + "shipped model: \(f(shippedThresholds.likelyAI)) / \(f(shippedThresholds.likelyAuthentic)).")
        lines.append("A band that also keeps every human-made content type with ≥ 30 images at ≤ 5 % flagged would be likely_ai ≥ \(f(perTypeThreshold)): "
            + "AI caught \(conditions.map { pct($0.perTypeBands.aiCaught) }.joined(separator: " / ")), "
            + "photos flagged \(conditions.map { pct($0.perTypeBands.realPhotosFlagged) }.joined(separator: " / ")), "
            + "non-photos flagged \(conditions.map { pct($0.perTypeBands.nonPhotosFlagged) }.joined(separator: " / ")) (per condition).")
        if let refit = handcraftedRefit {
            lines.append("Hand-crafted detector refitted in every fold (L2 \(refit.l2)): alone AUC \(refit.auc.map(f).joined(separator: " / ")), "
                + "TPR@5%FPR \(refit.tprAt5FPR.map(f).joined(separator: " / ")) (per condition); ECE \(refit.ece.map(f).joined(separator: " / ")); Platt a \(f(refit.platt.first ?? .nan)), "
                + "b \(f(refit.platt.last ?? .nan)); its bands likely_ai ≥ \(f(refit.thresholds.likelyAI)), likely_authentic ≤ \(f(refit.thresholds.likelyAuthentic)).")
        }
        if let cascade {
            let at = cascade.fusedBands.map { " (at likely_ai ≥ \(f($0.likelyAI)), likely_authentic ≤ \(f($0.likelyAuthentic)))" } ?? ""
            lines.append("Cascade band\(at): --deep auto skips the deep stage where the hand-crafted probability is below "
                + "\(f(cascade.skipBelow)) or above \(f(cascade.skipAbove)); skipped \(cascade.skipped.map(pct).joined(separator: " / ")), "
                + "verdicts changed \(cascade.verdictsChanged.map(pct).joined(separator: " / ")) (per condition).")
        }
        lines.append("")
        lines.append("| condition | n (real/AI) | AUC | probe AUC | TPR@1%FPR | TPR@5%FPR | ECE | photos flagged | non-photos flagged | AI caught | inconclusive | shipped bands: photos / non-photos / AI |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for r in conditions {
            let d = r.derivedBands
            let s = r.shippedBands
            lines.append("| \(r.condition.label) | \(r.count) (\(r.realCount)/\(r.aiCount)) | \(f(r.auc)) | \(f(r.probeAUC)) | \(f(r.tprAt1FPR)) | \(f(r.tprAt5FPR)) | \(f(r.ece)) | \(pct(d.realPhotosFlagged)) | \(pct(d.nonPhotosFlagged)) | \(pct(d.aiCaught)) | \(pct(d.inconclusive)) | \(pct(s.realPhotosFlagged)) / \(pct(s.nonPhotosFlagged)) / \(pct(s.aiCaught)) |")
        }
        lines.append("")
        lines.append("Targets (met / missed):")
        lines.append("")
        for r in conditions {
            let aucTarget = Self.targets.first { $0.0 == r.condition }?.1 ?? 0.92
            let checks = [
                ("AUC ≥ \(aucTarget)", r.auc >= aucTarget), ("TPR@5%FPR ≥ 0.75", r.tprAt5FPR >= 0.75), ("ECE ≤ 0.05", r.ece <= 0.05),
                ("photos ≤ 3 %", r.derivedBands.realPhotosFlagged <= 0.03), ("non-photos ≤ 5 %", r.derivedBands.nonPhotosFlagged <= 0.05),
            ]
            lines.append("- \(r.condition.label): " + checks.map { "\($0.0) \($0.1 ? "met" : "MISSED")" }.joined(separator: "; "))
        }
        if splits.count > 1 {
            lines.append("")
            lines.append("AUC and TPR@5%FPR per source split (the tables below are from split seed \(splitSeed)):")
            lines.append("")
            lines.append("| split seed | " + conditions.map(\.condition.label).joined(separator: " | ") + " | derived bands |")
            lines.append("|---|" + conditions.map { _ in "---" }.joined(separator: "|") + "|---|")
            for split in splits {
                let bands = "\(f(split.derivedThresholds.likelyAI)) / \(f(split.derivedThresholds.likelyAuthentic))"
                lines.append("| \(split.splitSeed) | " + zip(split.auc, split.tprAt5FPR).map { "\(f($0.0)) / \(f($0.1))" }.joined(separator: " | ") + " | \(bands) |")
            }
            let means = conditions.indices.map { c in splits.map { $0.auc[c] }.reduce(0, +) / Double(splits.count) }
            let spans = conditions.indices.map { c in (splits.map { $0.auc[c] }.min() ?? .nan, splits.map { $0.auc[c] }.max() ?? .nan) }
            let strictest = modelThresholds(.strictest)
            lines.append("| mean AUC (min–max); strictest bands | " + zip(means, spans).map { "\(f($0.0)) (\(f($0.1.0))–\(f($0.1.1)))" }.joined(separator: " | ")
                + " | \(f(strictest.likelyAI)) / \(f(strictest.likelyAuthentic)) |")
        }
        func table(_ title: String, _ key: String, _ rows: (ConditionResult) -> [String: Rate]) {
            let names = Set(conditions.flatMap { rows($0).keys }).sorted()
            guard !names.isEmpty else { return }
            lines.append("")
            lines.append(title)
            lines.append("")
            lines.append("| \(key) | n | " + conditions.map(\.condition.label).joined(separator: " | ") + " |")
            lines.append("|---|---|" + conditions.map { _ in "---" }.joined(separator: "|") + "|")
            for name in names {
                let n = conditions.compactMap { rows($0)[name]?.count }.max() ?? 0
                lines.append("| \(name) | \(n) | " + conditions.map { pct(rows($0)[name]?.value ?? .nan) }.joined(separator: " | ") + " |")
            }
        }
        table("Real images flagged likely_ai, per content type (derived bands):", "content type", \.contentTypeFlagged)
        table("AI images caught likely_ai, per generator family (derived bands):", "family", \.familyCaught)
        table("Real images flagged likely_ai, per source (derived bands):", "source", \.sourceFlagged)
        if shippedThresholds.likelyAI != derivedThresholds.likelyAI {
            let band = f(shippedThresholds.likelyAI)
            table("Real images flagged likely_ai, per content type, at the shipped model's band (\(band)):", "content type", \.shippedContentTypeFlagged)
            table("AI images caught likely_ai, per generator family, at the shipped model's band (\(band)):", "family", \.shippedFamilyCaught)
        }
        lines.append("")
        lines.append("As-is pixels by shorter side:")
        lines.append("")
        lines.append("| short side | n | AUC | real flagged |")
        lines.append("|---|---|---|---|")
        for row in sizes { lines.append("| \(row.range) | \(row.count) | \(f(row.auc)) | \(pct(row.realFlagged)) |") }
        if !skipped.isEmpty {
            lines.append("")
            lines.append("Skipped \(skipped.count) files:")
            for (path, reason) in skipped.sorted(by: { $0.key < $1.key }) { lines.append("- \(path): \(reason)") }
        }
        lines.append("")
        lines.append(String(format: "%d forward passes computed; inputs %.0f s, fits %.0f s.", forwardPasses, featureSeconds, fitSeconds))
        lines.append("Probe fits (L-BFGS iterations, largest gradient component): "
            + probeFits.map { "\($0.iterations) \(String(format: "%.1e", $0.largestGradient))\($0.converged ? "" : " (not converged)")" }
            .joined(separator: "; ") + ".")
        return lines.joined(separator: "\n") + "\n"
    }
}
