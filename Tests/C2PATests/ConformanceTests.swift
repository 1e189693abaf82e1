import ProvenantTestSupport
import C2PA
import ImageContainers
import Foundation
import Testing

/// Runs every fixture of ../shared/c2pa and compares with the reference verdicts.
@Suite("C2PA conformance against ../shared/c2pa")
struct ConformanceTests {
    /// The package root (the directory holding Package.swift), found by walking up from this file.
    static var packageRoot: URL? {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    static var fixtureRoot: URL? {
        guard let root = packageRoot else { return nil }
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/c2pa")
        if FileManager.default.fileExists(atPath: shared.appendingPathComponent("expected.jsonl").path) { return shared }
        // Worktrees live one level deeper (a git worktree one folder deeper); also look two levels up.
        let upper = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/c2pa")
        if FileManager.default.fileExists(atPath: upper.appendingPathComponent("expected.jsonl").path) { return upper }
        return nil
    }

    struct Expected {
        let path: String
        let state: String
        let failures: Set<String>
        let digitalSourceTypes: Set<String>
    }

    static func loadExpected(_ url: URL) throws -> [Expected] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line -> Expected? in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let path = object["path"] as? String
            else { return nil }
            let state: String
            if (object["error_type"] as? String) != nil || (object["error"] as? String) != nil {
                state = "error"
            } else if (object["has_manifest"] as? Bool) == false {
                state = "absent"
            } else {
                state = (object["validation_state"] as? String)?.lowercased() ?? "error"
            }
            let failures = Set(((object["failure_codes"] as? [String]) ?? []).compactMap(normalizeCode))
            let types = Set(((object["digital_source_types"] as? [String]) ?? []).compactMap { DigitalSourceType(declared: $0)?.term.lowercased() })
            return Expected(path: path, state: state, failures: failures, digitalSourceTypes: types)
        }
    }

    /// The scorer's code normalisation: aliases mapped, trust/informational/CAWG codes dropped.
    static func normalizeCode(_ code: String) -> String? {
        let aliases = [
            "signingCredential.expired": "claimSignature.outsideValidity",
            "signingCredential.revoked": "signingCredential.ocsp.revoked",
            "signingCredential.notRevoked": "signingCredential.ocsp.notRevoked",
            "ingredient.hashedURI.mismatch": "ingredient.manifest.mismatch",
        ]
        let ignored: Set<String> = [
            "signingCredential.untrusted", "ingredient.unknownProvenance", "manifest.unknownProvenance",
            "signingCredential.ocsp.skipped", "signingCredential.ocsp.inaccessible", "timeStamp.untrusted",
            "timeStamp.mismatch", "timeStamp.malformed", "timeStamp.outsideValidity", "timeOfSigning.insideValidity",
            "timeOfSigning.outsideValidity", "assertion.dataHash.additionalExclusionsPresent", "algorithm.deprecated",
        ]
        let mapped = aliases[code] ?? code
        if ignored.contains(mapped) || mapped.hasPrefix("cawg.") { return nil }
        return mapped
    }

    struct Score {
        var total = 0
        var state = 0
        var codes = 0
        var dst = 0
        var elapsed: Duration = .zero
        var lines: [String] = []
        var disagreements: [String] = []
    }

    static func run(
        expectedName: String, trusted: Bool, root: URL,
        anchors: String = "trust/combined_anchors.pem", trustConfig: String = "trust/combined_trust_config.cfg",
        including include: (String) -> Bool = { _ in true }
    ) throws -> Score {
        var settings = TrustSettings()
        if trusted {
            settings = try TrustSettings.load(
                trustAnchorsPEM: try String(contentsOf: root.appendingPathComponent(anchors), encoding: .utf8),
                allowedSignersPEM: nil,
                trustConfig: try String(contentsOf: root.appendingPathComponent(trustConfig), encoding: .utf8))
        }
        let verifier = C2PAVerifier(trust: settings)
        var score = Score()
        for expected in try loadExpected(root.appendingPathComponent(expectedName)) where include(expected.path) {
            score.total += 1
            let start = ContinuousClock.now
            let result = verifier.verify(contentsOf: root.appendingPathComponent(expected.path).path)
            score.elapsed += ContinuousClock.now - start
            var gotState = result.state.rawValue
            var wantState = expected.state
            if !trusted {
                if gotState == "trusted" { gotState = "valid" }
                if wantState == "trusted" { wantState = "valid" }
            }
            let gotCodes = Set(result.failures.compactMap(normalizeCode))
            let gotType = DigitalSourceType(declared: result.digitalSourceType)?.term.lowercased()
            let stateOK = gotState == wantState
            let codesOK = gotCodes == expected.failures
            let dstOK = expected.digitalSourceTypes.isEmpty ? gotType == nil : gotType.map(expected.digitalSourceTypes.contains) ?? false
            score.state += stateOK ? 1 : 0
            score.codes += codesOK ? 1 : 0
            score.dst += dstOK ? 1 : 0
            if !(stateOK && codesOK && dstOK) {
                score.disagreements.append(
                    "\(expected.path): state \(wantState)/\(gotState) codes \(expected.failures.sorted())/\(gotCodes.sorted()) dst \(expected.digitalSourceTypes.sorted())/\(gotType ?? "nil") \(result.errorMessage ?? "")")
            }
            score.lines.append(contractLine(path: expected.path, result: result))
        }
        return score
    }

    /// Runs ../shared/tools/score_c2pa.py on the predictions when python3 is available; its last line.
    static func scorerVerdict(predictions: URL, expected: URL, trusted: Bool) -> String? {
        let script = expected.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tools/score_c2pa.py")
        let python = "/usr/bin/python3"
        guard FileManager.default.fileExists(atPath: script.path), FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, predictions.path, expected.path, "--quiet"] + (trusted ? ["--trusted"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init)
    }

    /// One prediction line in the `verify` JSON contract.
    static func contractLine(path: String, result: C2PAResult) -> String {
        let c2pa: [String: Any] = [
            "state": result.state.rawValue, "failures": result.failures, "successes": result.successes,
            "digital_source_type": result.digitalSourceType as Any, "signer": result.signer as Any,
            "claim_generator": result.claimGenerator as Any, "ai_in_history": result.aiInHistory,
            "manifest_count": result.manifestCount,
        ]
        let line: [String: Any] = ["path": path, "provenance": ["c2pa": c2pa], "error": NSNull()]
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("agreement with expected.jsonl (no anchors)", arguments: [false, true])
    func agreement(trusted: Bool) throws {
        guard let root = Self.fixtureRoot else {
            print("skipping: ../shared/c2pa not found")
            return
        }
        let name = trusted ? "expected_trusted.jsonl" : "expected.jsonl"
        let score = try Self.run(expectedName: name, trusted: trusted, root: root)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("c2pa_predictions_\(trusted ? "trusted" : "default").jsonl")
        try (score.lines.joined(separator: "\n") + "\n").write(to: output, atomically: true, encoding: .utf8)
        let total = Double(max(score.total, 1))
        let meanMilliseconds = Double(score.elapsed.components.seconds) * 1000 / total
            + Double(score.elapsed.components.attoseconds) / 1e15 / total
        print("C2PA conformance \(name): mean \(Int(meanMilliseconds)) ms/file; state \(score.state)/\(score.total) codes \(score.codes)/\(score.total) dst \(score.dst)/\(score.total); predictions in \(output.path)")
        for line in score.disagreements { print("  DISAGREE \(line)") }
        if let scorer = Self.scorerVerdict(predictions: output, expected: root.appendingPathComponent(name), trusted: trusted) {
            print("score_c2pa.py: \(scorer)")
            #expect(scorer.hasPrefix("state_agree="))
        }
        #expect(Double(score.state) / total >= 0.98)
        #expect(Double(score.codes) / total >= 0.95)
        #expect(score.dst == score.total)
    }
}

/// Runs the project's own signed samples (Samples/c2pa, made by scripts/c2pa/make_samples.py) against
/// their committed reference verdicts; needs nothing outside the package.
@Suite("C2PA samples in Samples/c2pa")
struct SampleTests {
    @Test("every sample agrees with its reference verdict", arguments: [false, true])
    func samples(trusted: Bool) throws {
        guard let root = ConformanceTests.packageRoot?.appendingPathComponent("Samples/c2pa"),
            FileManager.default.fileExists(atPath: root.appendingPathComponent("expected.jsonl").path)
        else {
            Issue.record("Samples/c2pa/expected.jsonl is missing")
            return
        }
        let score = try ConformanceTests.run(
            expectedName: trusted ? "expected_trusted.jsonl" : "expected.jsonl", trusted: trusted, root: root,
            anchors: "pki/trust_anchors.pem", trustConfig: "pki/trust_config.cfg")
        for line in score.disagreements { print("  DISAGREE \(line)") }
        #expect(score.total >= 16)
        #expect(score.state == score.total)
        #expect(score.codes == score.total)
        #expect(score.dst == score.total)
    }
}

/// Mutates real fixtures inside their manifest stores and checks that verification always returns.
@Suite("Mutated fixtures from ../shared/c2pa")
struct MutationTests {
    @Test("byte flips and truncations inside manifest stores never crash")
    func mutations() throws {
        guard let root = ConformanceTests.fixtureRoot else {
            print("skipping: ../shared/c2pa not found")
            return
        }
        let names = [
            "generated/valid/a_camera_es256.png", "generated/ingredient/c_composite_ai.png",
            "fetched/contentauth__c2pa-rs/sdk__tests__fixtures__CA.jpg",
            "fetched/contentauth__c2pa-rs/sdk__tests__fixtures__boxhash.jpg",
            "fetched/contentauth__c2pa-rs/cli__tests__fixtures__C_with_CAWG_data.jpg",
        ]
        var generator = SplitMix64(seed: 8)
        var outcomes: [C2PAState: Int] = [:]
        for name in names {
            let url = root.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let bytes = Array(data)
            guard let span = try StoreLocator.locate(bytes).stores.first?.span, !span.isEmpty else { continue }
            for _ in 0..<20 {
                var mutated = bytes
                let position = span.lowerBound + Int(generator.next() % UInt64(span.count))
                mutated[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                outcomes[C2PAVerifier().verify(mutated).state, default: 0] += 1
            }
            for _ in 0..<5 {
                let cut = span.lowerBound + Int(generator.next() % UInt64(span.count))
                outcomes[C2PAVerifier().verify(Array(bytes.prefix(cut))).state, default: 0] += 1
            }
        }
        print("mutation outcomes: \(outcomes)")
        #expect(outcomes[.valid, default: 0] + outcomes[.trusted, default: 0] < outcomes.values.reduce(0, +))
    }
}
