import ArgumentParser
import Provenant

/// `provenant inspect`: what the container says, without judging.
struct InspectCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show format, dimensions, colour, JPEG quality, metadata and whether C2PA data is present (for a video: codec, duration, frame rate, frames, creation time, encoder, rotation, audio).",
        discussion: "Exit status: 0 every file read, 1 some file unreadable, 64 usage."
    )

    @OptionGroup var batch: FileBatchOptions

    func execute(console: any Console) async throws -> Int32 {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: []))
        var reports: [InspectReport] = []
        var failed = false
        try await BoundedOrderedMap.run(try batch.inputs(), jobs: batch.jobs, transform: { await InputAnalysis.inspect(analyzer, $0) }) {
            report in
            switch batch.format {
            case .text: console.out(TextRenderer.inspect(report))
            case .jsonl: console.out(try ReportJSONBridge.line(report) + "\n")
            case .json: reports.append(report)
            }
            failed = failed || report.error != nil
        }
        if batch.format == .json { try JSONOutput.write(reports, format: .json, console: console) }
        return failed ? ExitStatus.failure : ExitStatus.ok
    }
}
