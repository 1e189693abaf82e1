/// The numbers of the fusion model: the prior, the detector clamp and one log likelihood ratio per rule.
///
/// Every weight is a natural-log likelihood ratio `ln P(evidence | AI) / P(evidence | not AI)`.
/// `docs/fusion.md` explains where each number comes from.
public struct FusionPolicy: Sendable, Hashable, Codable {
    /// The prior probability that an image is AI-generated, before any evidence.
    public var prior: Double
    /// The class balance at which the detector was calibrated (its probability is converted to a
    /// likelihood ratio against this).
    public var detectorCalibrationPrior: Double
    /// The detector probability is clamped to `detectorClamp...(1 - detectorClamp)` so that pixel
    /// statistics alone can never outweigh signed provenance.
    public var detectorClamp: Double
    /// A trusted manifest declaring AI generation (or AI in its ingredient history).
    public var trustedManifestDeclaresAI: Double
    /// A valid (untrusted signer) manifest declaring AI generation (or AI in its ingredient history).
    public var validManifestDeclaresAI: Double
    /// A trusted manifest declaring a capture source type, with a matching hard binding: the only
    /// provenance evidence of authenticity (an untrusted or invalid manifest's capture claim counts 0).
    public var trustedManifestDeclaresCapture: Double
    /// An invalid (tampered) manifest that still declares AI generation.
    public var invalidManifestDeclaresAI: Double
    /// A known invisible-watermark payload.
    public var watermarkDetected: Double
    /// The strongest strong generator-metadata finding.
    public var strongMetadata: Double
    /// The strongest weak generator-metadata finding.
    public var weakMetadata: Double
    /// The factor applied to the detector's log-odds change when the pixels carry warnings
    /// (damaged data the decoder papered over, a size the detector was never measured on).
    public var caveatedDetectorWeight: Double
    /// The verdict band.
    public var band: VerdictBand

    /// Creates a policy; the defaults are the documented model.
    public init(
        prior: Double = 0.5,
        detectorCalibrationPrior: Double = 0.5,
        detectorClamp: Double = 0.01,
        trustedManifestDeclaresAI: Double = 12,
        validManifestDeclaresAI: Double = 9,
        trustedManifestDeclaresCapture: Double = -6,
        invalidManifestDeclaresAI: Double = 2,
        watermarkDetected: Double = 7,
        strongMetadata: Double = 5,
        weakMetadata: Double = 2,
        caveatedDetectorWeight: Double = 0.5,
        band: VerdictBand = .default
    ) {
        self.caveatedDetectorWeight = caveatedDetectorWeight
        self.prior = prior
        self.detectorCalibrationPrior = detectorCalibrationPrior
        self.detectorClamp = detectorClamp
        self.trustedManifestDeclaresAI = trustedManifestDeclaresAI
        self.validManifestDeclaresAI = validManifestDeclaresAI
        self.trustedManifestDeclaresCapture = trustedManifestDeclaresCapture
        self.invalidManifestDeclaresAI = invalidManifestDeclaresAI
        self.watermarkDetected = watermarkDetected
        self.strongMetadata = strongMetadata
        self.weakMetadata = weakMetadata
        self.band = band
    }

    /// The documented default model.
    public static let `default` = FusionPolicy()
}
