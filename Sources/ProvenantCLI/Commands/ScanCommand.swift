import ArgumentParser
import Provenant

/// `provenant scan`: a folder of images, in parallel, with bounded memory and a resumable output.
struct ScanCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check every image under the given paths, in parallel, writing one result per image.",
        discussion: """
            Results are written as they complete (JSON Lines in the check contract, or CSV) to --output or standard \
            output; a progress bar with rate and ETA goes to standard error when it is a terminal; a summary \
            (counts per verdict, errors, skipped files, images/s) goes to standard error at the end. \
            Files that are not images, or images in formats Provenant cannot read, are skipped and counted. \
            A file that fails is recorded with its error and the scan continues. \
            --resume skips the paths already in --output (a cut-off last line is removed) and appends.

            Exit status: 0 nothing flagged, 2 something flagged (verdict likely_ai, or ai_probability at or above \
            --min-probability when given), 1 some file failed and nothing was flagged, or a fatal error; 64 usage.
            """
    )

    @Argument(help: "Files or folders to scan.")
    var paths: [String]

    @Flag(name: .long, help: "Descend into subfolders.")
    var recursive = false

    @Option(name: .long, help: "Images analysed at once (the number of cores unless given).")
    var jobs: Int = ProcessInfoBridge.activeProcessorCount

    @Option(name: .long, help: "Output format: jsonl or csv.")
    var format: ScanFormat = .jsonl

    @Option(name: .long, help: "Write results to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Skip paths already in --output and append to it.")
    var resume = false

    @Option(name: .long, help: "Flag images whose ai_probability is at least P (default: verdict likely_ai).")
    var minProbability: Double?

    @OptionGroup var analysis: AnalysisOptions

    func validate() throws {
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        if resume, output == nil { throw ValidationError("--resume needs --output") }
        if let minProbability, !(0...1).contains(minProbability) {
            throw ValidationError("--min-probability must be between 0 and 1")
        }
    }

    func execute(console: any Console) async throws -> Int32 {
        let analyzer = try Analyzer(configuration: analysis.configuration(stages: .all, defaultDeep: .auto))
        AnalyzerWarnings.report(analyzer, console: console)
        let runner = ScanRunner(
            paths: paths, recursive: recursive, jobs: jobs, format: format, outputPath: output, resume: resume,
            minProbability: minProbability, analyze: { await analyzer.analyze(path: $0) })
        let summary = try await runner.run(console: console)
        console.err(summary.text(flagRule: runner.flagRule()))
        return summary.exitStatus
    }
}
