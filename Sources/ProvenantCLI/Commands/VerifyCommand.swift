import ArgumentParser
import Provenant

/// `provenant verify`: C2PA Content Credentials only.
struct VerifyCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify C2PA Content Credentials.",
        discussion: """
            JSON per file: {"schema_version", "tool_version", "model_version", "path", "provenance": {"c2pa": {"state", "failures", "successes", \
            "informational", "digital_source_type", "signer", "signing_time", "claim_generator", "ai_in_history", \
            "manifest_count", "message", "error_code", "error_offset", "active_manifest", "title", "issuer", \
            "signature_algorithm", "actions", "ingredient_count"}}, "detailed", "error"}. \
            state is absent, valid, trusted, invalid or error. \
            Without trust anchors a good manifest is valid, never trusted. In text, a manifest that failed only \
            because the certificate was outside its validity period is shown as EXPIRED, not as tampered.

            Exit status: 0 no file invalid, 2 some file has invalid (tampered) Content Credentials, \
            1 some file could not be verified (state error or unreadable; nothing invalid), 64 usage, \
            78 configuration (a trust file missing, unreadable or without certificates).
            """
    )

    @OptionGroup var batch: FileBatchOptions

    @OptionGroup var trust: TrustOptions

    @Flag(name: .long, help: "Include the manifest store (claims and assertions) as JSON.")
    var detailed = false

    func execute(console: any Console) async throws -> Int32 {
        let analyzer = try Analyzer(
            configuration: AnalyzerConfiguration(trust: try trust.load(), stages: .provenance, detailedProvenance: detailed))
        var reports: [VerifyReport] = []
        var invalid = false
        var failed = false
        let transform: @Sendable (String) async -> VerifyReport = { file in
            let analysis = await InputAnalysis.analyze(analyzer, file)
            return VerifyReport(analysis, detailed: analysis.detailedProvenance)
        }
        try await BoundedOrderedMap.run(try batch.inputs(), jobs: batch.jobs, transform: transform) { report in
            switch batch.format {
            case .text: console.out(TextRenderer.verify(report))
            case .jsonl: console.out(try ReportJSONBridge.line(report) + "\n")
            case .json: reports.append(report)
            }
            invalid = invalid || report.provenance?.c2pa.state == .invalid
            failed = failed || report.error != nil || report.provenance?.c2pa.state == .error
        }
        if batch.format == .json { try JSONOutput.write(reports, format: .json, console: console) }
        return ExitStatus.combine(flagged: invalid, errors: failed)
    }
}
