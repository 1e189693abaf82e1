import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// Issue 12: verify's wording (expired is not tampered; ingredient history only with ingredients), its
/// default text at c2patool's depth, and the c2patool-shaped report, on the project's signed samples.
@Suite struct VerifyPresentationTests {
    static func sample(_ name: String) -> String? {
        let path = SampleCommandTests.sample("c2pa/" + name)
        if path == nil { print("skipping: Samples/c2pa/\(name) not found") }
        return path
    }

    @Test func expiredCertificateIsCalledExpired() async throws {
        guard let file = Self.sample("g_expired_es256.jpg") else { return }
        let result = try await CommandTests.run(["verify", file])
        #expect(result.console.output.hasPrefix("\(file): EXPIRED — the signing certificate was not valid at the signing time"))
        #expect(!result.console.output.contains("tampered"))
        let check = try await CommandTests.run(["check", "-f", "jsonl", file])
        let report = try ReportJSON.decode(AnalysisReport.self, from: check.console.output)
        let step = report.explanation?.steps.first { $0.kind == "c2pa" }
        #expect(step?.reason.hasPrefix("expired Content Credentials") == true)
    }

    @Test func ingredientHistoryOnlyWithIngredients() async throws {
        guard let single = Self.sample("b_ai_es256.jpg"), let composite = Self.sample("c_composite_ai.jpg") else { return }
        let own = try await CommandTests.run(["verify", single])
        #expect(!own.console.output.contains("history:"))
        #expect(own.console.output.contains("  ingredients: 0 (1 manifests in the store)\n"))
        let mixed = try await CommandTests.run(["verify", composite])
        #expect(mixed.console.output.contains("  ingredients: 2 (3 manifests in the store)\n"))
        #expect(mixed.console.output.contains("  history: 1 of 2 ingredients declare AI generation\n"))
    }

    @Test func defaultTextListsSignatureAndActions() async throws {
        guard let file = Self.sample("b_ai_es256.jpg") else { return }
        let text = try await CommandTests.run(["verify", file]).console.output
        #expect(text.contains("  signed by: Provenant Samples es256 signer\n"))
        #expect(text.contains("  issuer: Provenant Samples Test PKI\n"))
        #expect(text.contains("  signature algorithm: "))
        #expect(text.contains("  actions: c2pa.created"))
        #expect(text.contains("  title: b_ai.jpg\n"))
    }

    @Test func c2patoolReportHasTheManifestStoreShape() async throws {
        guard let file = Self.sample("c_composite_ai.jpg") else { return }
        let result = try await CommandTests.run(["verify", "--report", "c2patool", file])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.console.output.utf8)) as? [String: Any])
        let active = try #require(object["active_manifest"] as? String)
        let manifests = try #require(object["manifests"] as? [String: Any])
        #expect(manifests.count == 3)
        let manifest = try #require(manifests[active] as? [String: Any])
        for key in ["claim_generator_info", "title", "format", "instance_id", "ingredients", "assertions", "signature_info", "label"] {
            #expect(manifest.keys.contains(key), "missing \(key)")
        }
        #expect((manifest["ingredients"] as? [Any])?.count == 2)
        let signature = try #require(manifest["signature_info"] as? [String: Any])
        #expect(signature["issuer"] as? String == "Provenant Samples Test PKI")
        let results = try #require((object["validation_results"] as? [String: Any])?["activeManifest"] as? [String: Any])
        #expect(!((results["success"] as? [Any]) ?? []).isEmpty)
        #expect(object["validation_state"] as? String == "Valid")
        #expect(CommandTests.usageStatus(["verify", "--report", "c2patool", "--detailed", file]) == 64)
    }
}
