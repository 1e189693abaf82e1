import Foundation

/// The fused deep detector: a linear probe on the CLIP tower's features (the model file's
/// ``FusedDetectorFile/Embedding/features``), stacked with the hand-crafted detector's logit and
/// Platt-calibrated.
public struct FusedDetector: Sendable {
    /// The validated model file.
    public let file: FusedDetectorFile

    /// Wraps a validated file.
    public init(file: FusedDetectorFile) { self.file = file }

    /// The hand-crafted detector's logit as the stack reads it: `logit(p)` clamped to [−9.9, 9.9]
    /// (the range the training tooling could see: it reads probabilities printed to 4 decimals).
    public static func handcraftedLogit(_ probability: Double) -> Double {
        guard probability.isFinite else { return 0 }
        let p = min(max(probability, 1e-12), 1 - 1e-12)
        return min(max(log(p / (1 - p)), -9.9), 9.9)
    }

    /// The probe's logit for a feature vector of the file's kind and width.
    public func probeLogit(_ features: [Float]) -> Double {
        let probe = file.probe
        var z = probe.bias
        for i in 0..<min(features.count, probe.weights.count) {
            z += probe.weights[i] * ((Double(features[i]) - probe.mean[i]) / probe.std[i])
        }
        return z
    }

    /// The calibrated fused probability from the tower's features and the hand-crafted probability.
    public func probability(features: [Float], handcraftedProbability: Double) -> (probability: Double, probeLogit: Double) {
        let zProbe = probeLogit(features)
        let z = file.stack.weights[0] * zProbe + file.stack.weights[1] * Self.handcraftedLogit(handcraftedProbability)
            + file.stack.bias
        let t = file.calibration.a * z + file.calibration.b
        let p = t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t))
        return (p, zProbe)
    }

    /// Whether `--deep auto` should run the stage for this hand-crafted probability (`nil`: the
    /// hand-crafted detector did not run, so the deep stage is the only pixel evidence).
    public func cascadeWantsDeep(handcraftedProbability: Double?) -> Bool {
        guard let p = handcraftedProbability else { return true }
        return p >= file.cascade.skipBelow && p <= file.cascade.skipAbove
    }
}
