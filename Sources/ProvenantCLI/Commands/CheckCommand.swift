import ArgumentParser
import Provenant

/// `provenant check`: the main job — one probability and the evidence behind it.
struct CheckCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Estimate how likely each image or video is AI-generated, with the evidence.",
        discussion: """
            Runs every stage (C2PA, watermark, metadata, pixel detector) and fuses them into ai_probability \
            and a verdict: likely_ai, likely_authentic or inconclusive. Text output ends with one note on what \
            the probability does not mean (left out with --quiet).

            Exit status: 0 nothing likely_ai, 2 some file likely_ai, 1 some file failed (and nothing flagged), \
            64 usage, 78 configuration (model or trust file missing or unreadable).
            """
    )

    @OptionGroup var batch: FileBatchOptions

    @OptionGroup var analysis: AnalysisOptions

    @OptionGroup var trust: TrustOptions

    @Flag(name: [.short, .long], help: "Print only the results (no closing note).")
    var quiet = false

    func execute(console: any Console) async throws -> Int32 {
        let analyzer = try Analyzer(configuration: analysis.configuration(stages: .all, trust: trust.load()))
        AnalyzerWarnings.report(analyzer, console: console)
        let inputs = try batch.inputs()
        var reports: [AnalysisReport] = []
        var flagged = false
        var failed = false
        try await BoundedOrderedMap.run(inputs, jobs: batch.jobs, transform: { await InputAnalysis.analyze(analyzer, $0) }) { report in
            switch batch.format {
            case .text: console.out(TextRenderer.check(report))
            case .jsonl: console.out(try ReportJSONBridge.line(report) + "\n")
            case .json: reports.append(report)
            }
            flagged = flagged || report.verdict == .likelyAI
            failed = failed || report.error != nil
        }
        if batch.format == .json { try JSONOutput.write(reports, format: .json, console: console) }
        if batch.format == .text, !quiet { console.out("\n" + TextRenderer.caveat) }
        return ExitStatus.combine(flagged: flagged, errors: failed)
    }
}
