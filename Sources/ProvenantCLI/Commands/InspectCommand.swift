import ArgumentParser
import Provenant

/// `provenant inspect`: what the container says, without judging.
struct InspectCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show format, dimensions, colour, JPEG quality, metadata and whether C2PA data is present.",
        discussion: "Exit status: 0 every file read, 1 some file unreadable, 64 usage."
    )

    @Argument(help: "Image files.")
    var files: [String]

    @Option(name: .long, help: "Output format: text, json or jsonl.")
    var format: OutputFormat = .text

    func execute(console: any Console) async throws -> Int32 {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: []))
        var reports: [InspectReport] = []
        for file in files {
            let report = await analyzer.inspect(path: file)
            switch format {
            case .text: console.out(TextRenderer.inspect(report))
            case .jsonl: console.out(try ReportJSONBridge.line(report) + "\n")
            case .json: break
            }
            reports.append(report)
        }
        if format == .json { try JSONOutput.write(reports, format: .json, console: console) }
        return reports.contains { $0.error != nil } ? ExitStatus.failure : ExitStatus.ok
    }
}
