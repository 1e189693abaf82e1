import Testing

@testable import Provenant

/// Every fusion rule on crafted evidence, with exact probabilities and verdicts.
@Suite struct FusionTests {
    let fusion = Fusion()

    static let aiType = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    static let compositeType = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
    static let captureType = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
    static let hardBinding = ["claimSignature.validated", "assertion.dataHash.match"]

    static func detector(_ p: Double) -> DetectorEvidence {
        DetectorEvidence(probability: p, modelVersion: "test-1", tiles: 8)
    }

    func probability(_ evidence: FusionEvidence) -> Double { fusion.fuse(evidence).aiProbability }

    @Test func noEvidenceIsThePrior() {
        let result = fusion.fuse(FusionEvidence())
        #expect(result.aiProbability == 0.5)
        #expect(result.verdict == .inconclusive)
        #expect(result.logOdds == 0)
        #expect(result.steps.map(\.kind) == ["prior", "detector"])
        #expect(result.steps.last?.logOddsChange == 0)
    }

    @Test func detectorAloneIsTheBase() {
        #expect(probability(FusionEvidence(detector: Self.detector(0.9))) == 0.9)
        #expect(fusion.fuse(FusionEvidence(detector: Self.detector(0.9))).verdict == .likelyAI)
        #expect(fusion.fuse(FusionEvidence(detector: Self.detector(0.3))).verdict == .inconclusive)
        #expect(probability(FusionEvidence(detector: Self.detector(0.3))) == 0.3)
        #expect(fusion.fuse(FusionEvidence(detector: Self.detector(0.1))).verdict == .likelyAuthentic)
    }

    @Test func detectorIsClamped() {
        #expect(probability(FusionEvidence(detector: Self.detector(0.999))) == 0.99)
        #expect(probability(FusionEvidence(detector: Self.detector(0))) == 0.01)
        #expect(probability(FusionEvidence(detector: Self.detector(.nan))) == 0.5)
    }

    @Test func missingProvenanceIsNotEvidence() {
        let result = fusion.fuse(FusionEvidence(c2pa: .absent, detector: Self.detector(0.6)))
        #expect(result.aiProbability == 0.6)
        #expect(result.steps[1].logOddsChange == 0)
        #expect(result.decisiveProvenance == false)
    }

    @Test func trustedManifestDeclaringAIOutweighsTheDetector() {
        let c2pa = C2PASummary(state: .trusted, successes: Self.hardBinding, digitalSourceType: Self.aiType)
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.01)))
        #expect(result.aiProbability == 0.9994)
        #expect(result.logOdds == 7.4049)
        #expect(result.verdict == .likelyAI)
        #expect(result.decisiveProvenance)
        #expect(result.steps[1].logOddsChange == 12)
    }

    @Test func validManifestDeclaringAI() {
        let c2pa = C2PASummary(state: .valid, digitalSourceType: Self.aiType)
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.01)))
        #expect(result.aiProbability == 0.9879)
        #expect(result.verdict == .likelyAI)
    }

    @Test func compositeWithTrainedAlgorithmicMediaCountsAsAI() {
        let c2pa = C2PASummary(state: .valid, digitalSourceType: Self.compositeType)
        #expect(probability(FusionEvidence(c2pa: c2pa)) == 0.9999)
    }

    @Test func aiInIngredientHistoryCountsAsAI() {
        let c2pa = C2PASummary(state: .valid, digitalSourceType: nil, aiInHistory: true)
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.5)))
        #expect(result.aiProbability == 0.9999)
        #expect(result.logOdds == 9)
    }

    @Test func trustedCaptureWithHardBindingIsLowButDetectorStillCounts() {
        let c2pa = C2PASummary(state: .trusted, successes: Self.hardBinding, digitalSourceType: Self.captureType)
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.99)))
        #expect(result.aiProbability == 0.197)
        #expect(result.verdict == .likelyAuthentic)
        #expect(result.steps.last?.kind == "detector")
        #expect(result.steps.last?.logOddsChange == 4.5951)
    }

    /// Forgery 3 of issue 8: a self-signed (valid, untrusted) manifest declaring digitalCapture on an
    /// AI image must not move the verdict; an untrusted manifest never lowers the probability.
    @Test func untrustedCaptureClaimCountsZero() {
        let c2pa = C2PASummary(
            state: .valid, failures: ["signingCredential.untrusted"], successes: Self.hardBinding, digitalSourceType: "digitalCapture")
        let alone = fusion.fuse(FusionEvidence(detector: Self.detector(0.95)))
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.95)))
        #expect(result.aiProbability == alone.aiProbability)
        #expect(result.verdict == .likelyAI)
        #expect(result.steps[1].logOddsChange == 0)
        #expect(result.steps[1].reason.contains("not counted"))
        #expect(result.decisiveProvenance == false)
        // Still shown as what it is: a claim.
        #expect(c2pa.signal.detail.contains("declares digitalCapture"))
    }

    @Test func untrustedManifestNeverLowersTheProbability() {
        let declarations: [String?] = [nil, Self.captureType, "negativeFilm", "print", "digitalArt", Self.aiType]
        for state in [ManifestState.valid, .invalid] {
            for declared in declarations {
                for successes in [Self.hardBinding, ["claimSignature.validated"]] {
                    let c2pa = C2PASummary(state: state, successes: successes, digitalSourceType: declared)
                    for p in [0.02, 0.5, 0.97] {
                        let base = probability(FusionEvidence(detector: Self.detector(p)))
                        #expect(probability(FusionEvidence(c2pa: c2pa, detector: Self.detector(p))) >= base)
                    }
                }
            }
        }
    }

    @Test func captureWithoutHardBindingIsNotCounted() {
        let c2pa = C2PASummary(state: .valid, successes: ["claimSignature.validated"], digitalSourceType: Self.captureType)
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.5)))
        #expect(result.aiProbability == 0.5)
        #expect(result.decisiveProvenance == false)
    }

    @Test func invalidManifestIsNeverEvidenceOfAuthenticity() {
        let c2pa = C2PASummary(
            state: .invalid, failures: ["assertion.dataHash.mismatch"], successes: ["claimSignature.validated"],
            digitalSourceType: Self.captureType)
        let withDetector = fusion.fuse(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.9)))
        #expect(withDetector.aiProbability == 0.9)
        #expect(withDetector.steps[1].logOddsChange == 0)
        #expect(withDetector.steps[1].reason.hasPrefix("tampered or broken Content Credentials"))
        #expect(probability(FusionEvidence(c2pa: c2pa)) == 0.5)
        #expect(c2pa.signal.detail.hasPrefix("tampered or broken Content Credentials"))
    }

    @Test func invalidManifestDeclaringAIIsWeakEvidence() {
        let c2pa = C2PASummary(state: .invalid, failures: ["claimSignature.mismatch"], digitalSourceType: Self.aiType)
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa))
        #expect(result.aiProbability == 0.8808)
        #expect(result.decisiveProvenance == false)
    }

    @Test func verificationErrorIsNotEvidence() {
        let c2pa = C2PASummary(state: .error, message: "bad JUMBF")
        #expect(probability(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.3))) == 0.3)
    }

    @Test func otherDeclaredSourceTypesAreNeutral() {
        let c2pa = C2PASummary(state: .trusted, successes: Self.hardBinding, digitalSourceType: "digitalArt")
        #expect(probability(FusionEvidence(c2pa: c2pa, detector: Self.detector(0.3))) == 0.3)
    }

    @Test func watermarkIsStrong() {
        let mark = WatermarkEvidence(detected: true, payloadName: "sdxl", bitsMatched: 47, bitsTotal: 48, detail: "")
        let result = fusion.fuse(FusionEvidence(watermark: mark, detector: Self.detector(0.2)))
        #expect(result.aiProbability == 0.9964)
        #expect(result.verdict == .likelyAI)
        let none = WatermarkEvidence(detected: false, payloadName: nil, bitsMatched: 20, bitsTotal: 48, detail: "")
        #expect(probability(FusionEvidence(watermark: none, detector: Self.detector(0.2))) == 0.2)
    }

    @Test func onlyTheStrongestMetadataFindingCounts() {
        let strong = MetadataEvidence(
            name: "a1111_parameters", detected: true, generator: "AUTOMATIC1111", strength: .strong, detail: "parameters")
        let weak = MetadataEvidence(
            name: "exif_software", detected: true, generator: "Stable Diffusion", strength: .weak, detail: "software")
        let result = fusion.fuse(FusionEvidence(metadata: [weak, strong], detector: Self.detector(0.5)))
        #expect(result.aiProbability == 0.9933)
        #expect(result.steps.map(\.logOddsChange) == [0, 0, 5, 0])
        #expect(probability(FusionEvidence(metadata: [weak])) == 0.8808)
        let absent = MetadataEvidence(name: "xmp", detected: false, generator: nil, strength: .strong, detail: "no XMP")
        #expect(probability(FusionEvidence(metadata: [absent])) == 0.5)
        #expect(strong.signal.detail == "parameters (forgeable)")
    }

    @Test func metadataAgainstATrustedCapture() {
        let c2pa = C2PASummary(state: .trusted, successes: Self.hardBinding, digitalSourceType: Self.captureType)
        let strong = MetadataEvidence(
            name: "comfyui_workflow", detected: true, generator: "ComfyUI", strength: .strong, detail: "workflow")
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, metadata: [strong], detector: Self.detector(0.5)))
        #expect(result.logOdds == -1)
        #expect(result.aiProbability == 0.2689)
        #expect(result.verdict == .inconclusive)
    }

    @Test func everythingAgreeingSaturates() {
        let c2pa = C2PASummary(state: .trusted, successes: Self.hardBinding, digitalSourceType: Self.aiType)
        let mark = WatermarkEvidence(detected: true, payloadName: "sdxl", bitsMatched: 48, bitsTotal: 48, detail: "")
        let meta = MetadataEvidence(name: "a1111_parameters", detected: true, generator: nil, strength: .strong, detail: "")
        let result = fusion.fuse(FusionEvidence(c2pa: c2pa, watermark: mark, metadata: [meta], detector: Self.detector(0.99)))
        #expect(result.aiProbability == 1)
        #expect(result.logOdds == 28.5951)
    }

    @Test func priorAndBandAreConfigurable() {
        let lowPrior = Fusion(policy: FusionPolicy(prior: 0.1))
        #expect(lowPrior.fuse(FusionEvidence(detector: Self.detector(0.5))).aiProbability == 0.1)
        let narrow = Fusion(policy: FusionPolicy(band: VerdictBand(lower: 0.3, upper: 0.7)))
        #expect(narrow.fuse(FusionEvidence(detector: Self.detector(0.75))).verdict == .likelyAI)
        #expect(narrow.fuse(FusionEvidence(detector: Self.detector(0.3))).verdict == .likelyAuthentic)
        #expect(VerdictBand(lower: 0.9, upper: 0.1) == VerdictBand(lower: 0.1, upper: 0.9))
        #expect(VerdictBand.default.verdict(for: 0.8) == .likelyAI)
        #expect(VerdictBand.default.verdict(for: 0.2) == .likelyAuthentic)
        #expect(VerdictBand.default.verdict(for: 0.5) == .inconclusive)
    }

    @Test func digitalSourceTypeClassification() {
        #expect(DigitalSourceTypeClass(declared: Self.aiType) == .aiGenerated)
        #expect(DigitalSourceTypeClass(declared: "  TRAINEDALGORITHMICMEDIA \n") == .aiGenerated)
        #expect(DigitalSourceTypeClass(declared: "https://cv.iptc.org/newscodes/digitalsourcetype#digitalCapture") == .capture)
        #expect(DigitalSourceTypeClass(declared: "negativeFilm") == .capture)
        #expect(DigitalSourceTypeClass(declared: "algorithmicMedia") == .other)
        #expect(DigitalSourceTypeClass(declared: "") == .undeclared)
        #expect(DigitalSourceTypeClass(declared: nil) == .undeclared)
    }
}
