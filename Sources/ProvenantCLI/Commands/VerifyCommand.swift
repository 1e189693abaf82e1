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

    @OptionGroup(title: "Limits") var limits: LimitOptions

    @Flag(name: .long, help: "Include the manifest store (claims and assertions) as JSON.")
    var detailed = false

    @Option(name: .long, help: "Report shape: provenant (default) or c2patool (c2patool's manifest-store JSON, one object per file).")
    var report: VerifyReportShape = .provenant

    func validate() throws {
        if report == .c2patool, detailed { throw ValidationError("--detailed does not apply to --report c2patool") }
    }

    func execute(console: any Console) async throws -> Int32 {
        var configuration = AnalyzerConfiguration(
            trust: try trust.load(), stages: .provenance, detailedProvenance: detailed || report == .c2patool)
        if report == .c2patool { configuration.provenanceDumpStyle = .c2patool }
        limits.apply(to: &configuration)
        let analyzer = try Analyzer(configuration: configuration)
        if report == .c2patool { return try await executeC2patool(analyzer, console: console) }
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

    /// `--report c2patool`: the c2patool-shaped manifest store per file (pretty for one file and `text`/`json`,
    /// an array for several with `json`, one line each with `jsonl`); a file that cannot be read gives
    /// `{"path", "error"}`.
    func executeC2patool(_ analyzer: Analyzer, console: any Console) async throws -> Int32 {
        var documents: [JSONValue] = []
        var invalid = false
        var failed = false
        try await BoundedOrderedMap.run(try batch.inputs(), jobs: batch.jobs, transform: { await InputAnalysis.analyze(analyzer, $0) }) {
            analysis in
            let state = analysis.provenance?.c2pa.state
            invalid = invalid || state == .invalid
            failed = failed || analysis.error != nil || state == .error
            let document: JSONValue
            if let dump = analysis.detailedProvenance, analysis.error == nil {
                document = dump
            } else {
                let error = analysis.error ?? ReportError(code: "c2pa.unavailable", message: "no manifest store")
                document = .object([
                    "path": .string(analysis.path),
                    "error": .object(["code": .string(error.code), "message": .string(error.message)]),
                ])
            }
            if batch.format == .jsonl {
                console.out(try ReportJSONBridge.line(document) + "\n")
            } else {
                documents.append(document)
            }
        }
        if batch.format != .jsonl { try JSONOutput.write(documents, format: .json, console: console) }
        return ExitStatus.combine(flagged: invalid, errors: failed)
    }
}

/// The `verify --report` shapes.
enum VerifyReportShape: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Provenant's verify report.
    case provenant
    /// c2patool's manifest-store report.
    case c2patool
}
