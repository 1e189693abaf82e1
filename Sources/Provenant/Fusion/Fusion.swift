import Foundation

/// Combines provenance, watermark, metadata and detector evidence into one probability.
///
/// The model is naive-Bayes style: start from the prior log-odds, add the detector's log likelihood
/// ratio (its calibrated, clamped probability against its calibration prior), then add one log likelihood
/// ratio per rule that fires. See `docs/fusion.md` and ``FusionPolicy``.
public struct Fusion: Sendable {
    /// The numbers of the model.
    public var policy: FusionPolicy

    /// Creates a fusion with a policy.
    public init(policy: FusionPolicy = .default) {
        self.policy = policy
    }

    /// Fuses the evidence for one image.
    public func fuse(_ evidence: FusionEvidence) -> FusionResult {
        var steps: [FusionStep] = []
        let priorLogOdds = Self.logit(Self.clamp(policy.prior, 1e-6))
        var logOdds = priorLogOdds
        steps.append(
            FusionStep(
                kind: "prior", name: "prior", logOddsChange: ReportRounding.logOdds(priorLogOdds),
                reason: "prior probability \(Self.format(policy.prior)) before any evidence"))

        var decisive = false
        if let c2pa = evidence.c2pa {
            let (change, reason, isDecisive) = c2paContribution(c2pa)
            decisive = isDecisive
            logOdds += change
            steps.append(
                FusionStep(kind: "c2pa", name: "manifest", logOddsChange: ReportRounding.logOdds(change), reason: reason))
        }

        var otherEvidence = 0.0  // the log-odds moved by anything but the pixel detector
        if let watermark = evidence.watermark {
            let change = watermark.detected ? policy.watermarkDetected : 0
            otherEvidence += change
            let reason =
                !watermark.checked
                ? "the watermark check did not run: \(watermark.uncheckedReason ?? watermark.detail); no evidence either way"
                : watermark.detected
                ? "known invisible watermark \(watermark.payloadName ?? "payload") found "
                    + "(\(watermark.bitsMatched)/\(watermark.bitsTotal) bits): strong evidence of a generator"
                : "no known watermark found; its absence is not evidence (most generators do not embed one)"
            logOdds += change
            steps.append(
                FusionStep(
                    kind: "watermark", name: watermark.payloadName ?? "dwtdct",
                    logOddsChange: ReportRounding.logOdds(change), reason: reason))
        }

        let beforeMetadata = logOdds
        steps.append(contentsOf: metadataSteps(evidence.metadata, logOdds: &logOdds))
        otherEvidence += logOdds - beforeMetadata
        if let c2paStep = steps.first(where: { $0.kind == "c2pa" }) { otherEvidence += c2paStep.logOddsChange }
        let caveats = evidence.pixelWarnings.map(\.code)

        if let frames = evidence.frames {
            if let probability = frames.probability {
                let what = "clip pixel probability (\(frames.aggregateWording))"
                let (change, reason) = pixelContribution(probability, what: what, caveats: caveats)
                logOdds += change
                steps.append(
                    FusionStep(kind: "detector", name: "frames", logOddsChange: ReportRounding.logOdds(change), reason: reason))
            } else {
                steps.append(
                    FusionStep(
                        kind: "detector", name: "frames", logOddsChange: 0,
                        reason: "no sampled frame could be scored; no pixel evidence"))
            }
        } else if let deep = evidence.deep, deep.ran, let probability = deep.probability {
            if let detector = evidence.detector {
                steps.append(
                    FusionStep(
                        kind: "detector", name: "statistical", logOddsChange: 0,
                        reason: "pixel-statistics probability \(Self.format(detector.probability)) is replaced by the "
                            + "deep stage's fused probability (the fused model stacks it with its own weight); not counted twice"))
            }
            let (change, reason) = pixelContribution(
                probability, what: "fused CLIP-probe + pixel-statistics probability", caveats: caveats)
            logOdds += change
            steps.append(
                FusionStep(kind: "detector", name: "deep", logOddsChange: ReportRounding.logOdds(change), reason: reason))
        } else if let detector = evidence.detector {
            let (change, reason) = pixelContribution(
                detector.probability, what: "calibrated pixel-statistics probability", caveats: caveats)
            logOdds += change
            steps.append(
                FusionStep(
                    kind: "detector", name: "statistical", logOddsChange: ReportRounding.logOdds(change),
                    reason: reason))
        } else {
            steps.append(
                FusionStep(
                    kind: "detector", name: "statistical", logOddsChange: 0,
                    reason: "the statistical detector did not run; no pixel evidence"))
        }
        if let deep = evidence.deep, !deep.ran {
            steps.append(
                FusionStep(kind: "detector", name: "deep", logOddsChange: 0, reason: "deep stage skipped: \(deep.reason)"))
        }

        // With caveated pixels, the detector alone may not push an image into likely_ai.
        let ceiling = Self.logit(Self.clamp(policy.band.upper - 0.001, 1e-6))
        if !caveats.isEmpty, otherEvidence <= 0, logOdds > ceiling {
            let change = ceiling - logOdds
            logOdds = ceiling
            steps.append(
                FusionStep(
                    kind: "caveat", name: "pixels_only", logOddsChange: ReportRounding.logOdds(change),
                    reason: "held below likely_ai: only the pixel detector points to AI and the pixels carry "
                        + "warnings (\(caveats.joined(separator: ", ")))"))
        }

        let probability = ReportRounding.probability(Self.sigmoid(logOdds))
        return FusionResult(
            aiProbability: probability, verdict: policy.band.verdict(for: probability),
            logOdds: ReportRounding.logOdds(logOdds), prior: policy.prior, band: policy.band,
            decisiveProvenance: decisive, steps: steps)
    }

    /// The pixel evidence: the calibrated probability against the calibration prior, clamped so pixels
    /// cannot outweigh signed provenance, and weighted down when the pixels carry warnings.
    func pixelContribution(_ probability: Double, what: String, caveats: [String]) -> (Double, String) {
        let clamped = Self.clamp(probability, policy.detectorClamp)
        var change = Self.logit(clamped) - Self.logit(Self.clamp(policy.detectorCalibrationPrior, 1e-6))
        var reason = "\(what) \(Self.format(probability))"
        if clamped != probability {
            reason += ", clamped to \(Self.format(clamped)) so pixels alone cannot outweigh signed provenance"
        }
        if !caveats.isEmpty {
            change *= policy.caveatedDetectorWeight
            reason += "; weight × \(Self.format(policy.caveatedDetectorWeight)) because of \(caveats.joined(separator: ", "))"
        }
        return (change, reason)
    }

    /// The C2PA rule: returns the log-odds change, the reason, and whether it is decisive provenance.
    func c2paContribution(_ c2pa: C2PASummary) -> (Double, String, Bool) {
        let sourceClass = c2pa.sourceTypeClass
        let declared = c2pa.digitalSourceType.map(DigitalSourceTypeClass.displayTerm(of:)) ?? "nothing"
        let signedBy = c2pa.signer.map { " signed by \($0)" } ?? ""
        switch c2pa.state {
        case .absent:
            return (0, "no Content Credentials; missing provenance is not evidence either way", false)
        case .error:
            return (0, "Content Credentials could not be verified (\(c2pa.message ?? "error")); not counted", false)
        case .invalid:
            if sourceClass == .aiGenerated || c2pa.aiInHistory {
                return (
                    policy.invalidManifestDeclaresAI,
                    "\(c2pa.invalidWording): the manifest failed verification (\(c2pa.failures.joined(separator: ", "))) "
                        + "but still declares AI generation; weak evidence only", false
                )
            }
            return (
                0,
                "\(c2pa.invalidWording): the manifest failed verification (\(c2pa.failures.joined(separator: ", "))); "
                    + "never counted as evidence of authenticity", false
            )
        case .valid, .trusted:
            let trusted = c2pa.state == .trusted
            let trustWord = trusted ? "trusted" : "valid (signer not in the trust list)"
            if sourceClass == .aiGenerated || c2pa.aiInHistory {
                let what =
                    sourceClass == .aiGenerated
                    ? "declares \(declared)"
                    : c2pa.aiIngredientCount > 0
                        ? "has AI-generated ingredients in its history" : "declares an AI-generated source in its actions"
                return (
                    trusted ? policy.trustedManifestDeclaresAI : policy.validManifestDeclaresAI,
                    "\(trustWord) manifest\(signedBy) \(what)", true
                )
            }
            if sourceClass == .capture {
                // Only a trusted signer's capture declaration, bound to these pixels, is evidence of
                // authenticity. Anyone can sign "digitalCapture" with a self-made certificate, so a
                // valid-but-untrusted manifest is shown as a claim and counts 0: it never lowers the probability.
                guard trusted else {
                    return (
                        0,
                        "\(trustWord) manifest\(signedBy) claims \(declared); an untrusted signer's claim of capture is not counted",
                        false
                    )
                }
                guard c2pa.hardBindingMatched else {
                    return (
                        0,
                        "\(trustWord) manifest\(signedBy) declares \(declared) but no hard binding was checked; not counted",
                        false
                    )
                }
                return (
                    policy.trustedManifestDeclaresCapture,
                    "\(trustWord) manifest\(signedBy) declares \(declared) and its hard binding matches the pixels",
                    true
                )
            }
            return (0, "\(trustWord) manifest\(signedBy) declares \(declared); no bearing on AI generation", false)
        }
    }

    /// The metadata rule: only the strongest detected finding counts (findings from one tool are correlated).
    func metadataSteps(_ findings: [MetadataEvidence], logOdds: inout Double) -> [FusionStep] {
        let detected = findings.filter(\.detected)
        let counted =
            detected.first { $0.strength == .strong } ?? detected.first { $0.strength == .weak }
        var steps: [FusionStep] = []
        for finding in findings {
            var change = 0.0
            var reason: String
            if !finding.detected {
                reason = "\(finding.detail); not evidence"
            } else if finding == counted {
                change = finding.strength == .strong ? policy.strongMetadata : policy.weakMetadata
                reason = "\(finding.strength.rawValue) generator trace: \(finding.detail) (forgeable; stripping it is easy)"
            } else {
                reason = "\(finding.detail); not counted again (only the strongest metadata finding counts)"
            }
            logOdds += change
            steps.append(
                FusionStep(
                    kind: "metadata", name: finding.name, logOddsChange: ReportRounding.logOdds(change),
                    reason: reason))
        }
        return steps
    }

    static func logit(_ p: Double) -> Double { log(p / (1 - p)) }

    static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    static func clamp(_ p: Double, _ margin: Double) -> Double {
        guard p.isFinite else { return 0.5 }
        return min(max(p, margin), 1 - margin)
    }

    static func format(_ p: Double) -> String { String(format: "%.4f", p) }
}
