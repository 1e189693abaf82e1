import Testing

@testable import Provenant

/// Issue 12: caveats cap pixel-only verdicts; expired is not tampered; ingredient wording; watermark not run.
@Suite struct HonestEdgeFusionTests {
    static let smallImage = ReportWarning(code: "detector.unmeasured_size", message: "100×72")

    @Test func caveatedPixelsAloneCannotMakeLikelyAI() {
        let fusion = Fusion()
        let detector = DetectorEvidence(probability: 0.99, modelVersion: "m", tiles: 1)
        let plain = fusion.fuse(FusionEvidence(c2pa: .absent, detector: detector))
        #expect(plain.verdict == .likelyAI)
        let caveated = fusion.fuse(FusionEvidence(c2pa: .absent, detector: detector, pixelWarnings: [Self.smallImage]))
        #expect(caveated.verdict == .inconclusive)
        #expect(caveated.aiProbability < 0.8)
        #expect(caveated.steps.last?.kind == "caveat")
        // Independent evidence (a strong generator trace) still counts.
        let traced = fusion.fuse(
            FusionEvidence(
                c2pa: .absent,
                metadata: [MetadataEvidence(name: "a1111_parameters", detected: true, generator: "A1111", strength: .strong, detail: "parameters")],
                detector: detector, pixelWarnings: [Self.smallImage]))
        #expect(traced.verdict == .likelyAI)
    }

    @Test func expiredCredentialsAreNotCalledTampered() {
        let expired = C2PASummary(state: .invalid, failures: ["signingCredential.untrusted", "signingCredential.expired"])
        #expect(expired.credentialProblem == .expired)
        #expect(!expired.signal.detail.contains("tampered"))
        #expect(expired.signal.detail.hasPrefix("expired Content Credentials"))
        let outside = C2PASummary(state: .invalid, failures: ["claimSignature.outsideValidity"])
        #expect(outside.credentialProblem == .expired)
        let timeStamp = C2PASummary(state: .invalid, failures: ["timeStamp.untrusted"])
        #expect(timeStamp.credentialProblem == .untrustedTimeStamp)
        let tampered = C2PASummary(state: .invalid, failures: ["signingCredential.expired", "assertion.dataHash.mismatch"])
        #expect(tampered.credentialProblem == .failedVerification)
        #expect(C2PASummary(state: .valid).credentialProblem == nil)
        let step = Fusion().fuse(FusionEvidence(c2pa: expired)).steps.first { $0.kind == "c2pa" }
        #expect(step?.reason.hasPrefix("expired Content Credentials") == true)
    }

    @Test func ingredientHistoryNeedsIngredients() {
        let own = C2PASummary(state: .valid, aiInHistory: true, manifestCount: 1, ingredientCount: 0)
        #expect(!own.signal.detail.contains("ingredients"))
        let cameraIngredients = C2PASummary(state: .valid, aiInHistory: true, manifestCount: 3, ingredientCount: 2)
        #expect(!cameraIngredients.signal.detail.contains("ingredients"))
        let composite = C2PASummary(state: .valid, aiInHistory: true, manifestCount: 3, ingredientCount: 2, aiIngredientCount: 1)
        #expect(composite.signal.detail.contains("AI-generated ingredients in history"))
    }

    @Test func watermarkThatDidNotRunIsNull() {
        let skipped = WatermarkEvidence(
            detected: false, payloadName: nil, bitsMatched: 0, bitsTotal: 0, detail: "not checked: too small", checked: false)
        #expect(skipped.signal.detected == nil)
        let ran = WatermarkEvidence(detected: false, payloadName: nil, bitsMatched: 20, bitsTotal: 48, detail: "no payload")
        #expect(ran.signal.detected == false)
        let step = Fusion().fuse(FusionEvidence(watermark: skipped)).steps.first { $0.kind == "watermark" }
        #expect(step?.reason.hasPrefix("the watermark check did not run") == true)
    }
}
