import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// verify and check on the project's signed samples (Samples/c2pa), including the fusion rules end to end.
@Suite struct C2PASampleCommandTests {
    static func sample(_ name: String) -> String? { SampleCommandTests.sample("c2pa/" + name) }

    static var trustArguments: [String] {
        guard let anchors = sample("pki/trust_anchors.pem"), let config = sample("pki/trust_config.cfg") else { return [] }
        return ["--trust-anchors", anchors, "--trust-config", config]
    }

    static func check(_ name: String, trusted: Bool) async throws -> (Int32, AnalysisReport)? {
        guard let file = sample(name) else {
            print("skipping: Samples/c2pa/\(name) not found")
            return nil
        }
        let result = try await CommandTests.run(["check", "--format", "jsonl", file] + (trusted ? trustArguments : []))
        return (result.status, try ReportJSON.decode(AnalysisReport.self, from: result.console.output))
    }

    static func c2paStep(_ report: AnalysisReport) -> FusionStep? {
        report.explanation?.steps.first { $0.kind == "c2pa" }
    }

    @Test func verifyStatesWithAndWithoutAnchors() async throws {
        guard let file = Self.sample("a_camera_es256.jpg") else { return }
        let plain = try await CommandTests.run(["verify", "--format", "jsonl", file])
        #expect(plain.status == 0)
        let report = try ReportJSON.decode(VerifyReport.self, from: plain.console.output)
        #expect(report.provenance?.c2pa.state == .valid)
        #expect(report.provenance?.c2pa.digitalSourceType.map(DigitalSourceTypeClass.term(of:)) == "digitalcapture")
        let trusted = try await CommandTests.run(["verify", "--format", "jsonl", file] + Self.trustArguments)
        #expect(try ReportJSON.decode(VerifyReport.self, from: trusted.console.output).provenance?.c2pa.state == .trusted)
        let text = try await CommandTests.run(["verify", file] + Self.trustArguments)
        #expect(text.console.output.hasPrefix("\(file): trusted — Content Credentials verified and the signer is trusted\n"))
    }

    @Test func strictFlagReachesTheTrustConfiguration() async throws {
        #expect(try TrustOptions.parse(["--strict"]).load().strict)
        #expect(try !TrustOptions.parse([]).load().strict)
        // A claim v1 sample with a signed x5chain and no time-stamp needs neither leniency: trusted in strict mode too.
        guard let file = Self.sample("a_camera_claimv1_es256.jpg") else { return }
        let strict = try await CommandTests.run(["verify", "--strict", "--format", "jsonl", file] + Self.trustArguments)
        #expect(strict.status == 0)
        #expect(try ReportJSON.decode(VerifyReport.self, from: strict.console.output).provenance?.c2pa.state == .trusted)
    }

    @Test func detailedDumpsTheManifestStore() async throws {
        guard let file = Self.sample("b_ai_es256.jpg") else { return }
        let result = try await CommandTests.run(["verify", "--detailed", "--format", "jsonl", file])
        let report = try ReportJSON.decode(VerifyReport.self, from: result.console.output)
        guard case .object(let store) = report.detailed else {
            Issue.record("no detailed manifest store")
            return
        }
        #expect(store["manifests"] != nil)
        let plain = try await CommandTests.run(["verify", "--format", "jsonl", file])
        #expect(try ReportJSON.decode(VerifyReport.self, from: plain.console.output).detailed == nil)
    }

    @Test func verifyTamperedExitsTwo() async throws {
        guard let file = Self.sample("d_tampered_pixels.jpg") else { return }
        let result = try await CommandTests.run(["verify", "--format", "jsonl", file])
        #expect(result.status == 2)
        let c2pa = try #require(try ReportJSON.decode(VerifyReport.self, from: result.console.output).provenance?.c2pa)
        #expect(c2pa.state == .invalid)
        #expect(c2pa.failures.contains("assertion.dataHash.mismatch"))
    }

    @Test func validAIManifestIsDecisive() async throws {
        guard let (status, report) = try await Self.check("b_ai_es256.jpg", trusted: false) else { return }
        #expect(report.verdict == .likelyAI)
        #expect(status == 2)
        #expect(report.explanation?.decisiveProvenance == true)
        #expect(Self.c2paStep(report)?.logOddsChange == 9)
        #expect((report.aiProbability ?? 0) >= 0.9879)
        #expect(report.signals.first == report.provenance.map { $0.c2pa.signal })
    }

    @Test func trustedAIManifestInPNG() async throws {
        guard let (_, report) = try await Self.check("b_ai_es256.png", trusted: true) else { return }
        #expect(report.provenance?.c2pa.state == .trusted)
        #expect(Self.c2paStep(report)?.logOddsChange == 12)
        #expect((report.aiProbability ?? 0) >= 0.9994)
    }

    @Test func compositeWithAIIsDecisive() async throws {
        guard let (_, report) = try await Self.check("c_composite_ai.jpg", trusted: true) else { return }
        #expect(Self.c2paStep(report)?.logOddsChange == 12)
        #expect(report.verdict == .likelyAI)
    }

    @Test func trustedCameraManifestLowersTheOdds() async throws {
        guard let (_, report) = try await Self.check("a_camera_es256.jpg", trusted: true) else { return }
        #expect(report.provenance?.c2pa.state == .trusted)
        #expect(Self.c2paStep(report)?.logOddsChange == -6)
        #expect(report.explanation?.decisiveProvenance == true)
        #expect(report.signals.contains { $0.kind == .detector } || report.explanation?.steps.last?.kind == "detector")
        #expect((report.aiProbability ?? 1) <= 0.2)
    }

    @Test func tamperedManifestIsNeverEvidenceOfAuthenticity() async throws {
        guard let (_, tampered) = try await Self.check("d_tampered_pixels.jpg", trusted: true) else { return }
        #expect(tampered.provenance?.c2pa.state == .invalid)
        let step = try #require(Self.c2paStep(tampered))
        #expect(step.logOddsChange == 0)
        #expect(step.reason.hasPrefix("tampered or broken Content Credentials"))
        #expect(tampered.explanation?.decisiveProvenance == false)
        // The same pixels without any manifest get the same probability: the broken manifest counted for nothing.
        guard let (_, stripped) = try await Self.check("i_stripped.jpg", trusted: true) else { return }
        #expect(stripped.provenance?.c2pa.state == .absent)
    }

    @Test func everySampleMatchesItsExpectedState() async throws {
        guard let expectedPath = Self.sample("expected.jsonl") else { return }
        let lines = try String(contentsOfFile: expectedPath, encoding: .utf8).split(separator: "\n")
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let name = object["path"] as? String, let file = Self.sample(name)
            else { continue }
            let expected: ManifestState =
                object["has_manifest"] as? Bool == false
                ? .absent : ManifestState(rawValue: ((object["validation_state"] as? String) ?? "error").lowercased()) ?? .error
            let result = try await CommandTests.run(["verify", "--format", "jsonl", file])
            let state = try ReportJSON.decode(VerifyReport.self, from: result.console.output).provenance?.c2pa.state
            #expect(state == expected, "\(name)")
        }
    }
}
