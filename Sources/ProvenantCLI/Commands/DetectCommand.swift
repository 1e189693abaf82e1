import ArgumentParser
import Provenant

/// `provenant detect`: pixel detector, watermark and metadata signals (no C2PA).
struct DetectCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run the statistical detector, the watermark detector and the metadata signals.",
        discussion: """
            JSON per file: {"schema_version", "tool_version", "model_version", "path", "ai_probability", "verdict", \
            "signals": [{"kind", "name", "detected", "score", "detail"}], "frames", "warnings", "error"} \
            ("frames": a video's sampled frames, null for an image). C2PA is not consulted (use check for everything).

            Exit status: 0 nothing likely_ai, 2 some file likely_ai, 1 some file failed (and nothing flagged), \
            64 usage, 78 configuration (model missing or unreadable).
            """
    )

    @OptionGroup var batch: FileBatchOptions

    @OptionGroup var analysis: AnalysisOptions

    func execute(console: any Console) async throws -> Int32 {
        let analyzer = try Analyzer(configuration: analysis.configuration(stages: .detection))
        AnalyzerWarnings.report(analyzer, console: console)
        let inputs = try batch.inputs()
        var reports: [DetectReport] = []
        var flagged = false
        var failed = false
        try await BoundedOrderedMap.run(inputs, jobs: batch.jobs, transform: { DetectReport(await InputAnalysis.analyze(analyzer, $0)) }) {
            report in
            switch batch.format {
            case .text: console.out(TextRenderer.detect(report))
            case .jsonl: console.out(try ReportJSONBridge.line(report) + "\n")
            case .json: reports.append(report)
            }
            flagged = flagged || report.verdict == .likelyAI
            failed = failed || report.error != nil
        }
        if batch.format == .json { try JSONOutput.write(reports, format: .json, console: console) }
        return ExitStatus.combine(flagged: flagged, errors: failed)
    }
}
