import ArgumentParser
import Foundation
import Provenant

/// `provenant bench`: images/s and per-stage time on a folder, with `djpeg` side by side.
struct BenchCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the pipeline on a folder: per-stage time, images/s with 1 and N jobs, and djpeg.",
        discussion: """
            Prints a Markdown report (machine, command, tables) on standard output. Build with -c release first. \
            djpeg (Debian libjpeg-turbo-progs) is timed on the same JPEGs when it is on PATH.

            Exit status: 0 measured, 1 no images found or a fatal error, 64 usage.
            """
    )

    @Argument(help: "Folder (or files) with JPEG/PNG images; folders are walked recursively.")
    var paths: [String]

    @Option(name: .long, help: "Jobs for the parallel pass (default 2).")
    var jobs: Int = 2

    @Option(name: .long, help: "Use at most this many images.")
    var limit: Int = 200

    @Option(name: .long, help: "djpeg runs per JPEG (the fastest counts).")
    var djpegRuns: Int = 3

    @OptionGroup var analysis: AnalysisOptions

    func validate() throws {
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func execute(console: any Console) async throws -> Int32 {
        let analyzer = try Analyzer(configuration: analysis.configuration(stages: .all))
        var files: [String] = []
        for case .file(let path) in ScanWalker(inputs: paths, recursive: true, followSymlinks: true) where files.count < limit {
            if let head = ScanRunner.readHead(path), FileKind.classify(head) == .supportedImage { files.append(path) }
        }
        guard !files.isEmpty else {
            console.err("bench: no supported images under \(paths.joined(separator: " "))\n")
            return ExitStatus.failure
        }
        let runner = BenchRunner(
            files: files, jobs: jobs, analyzer: analyzer, djpegPath: BenchRunner.which("djpeg"), djpegRuns: djpegRuns)
        let result = await runner.run { console.err($0) }
        let command = (["provenant", "bench"] + CommandLine.arguments.dropFirst(2)).joined(separator: " ")
        console.out(BenchReport.markdown(result, jobs: jobs, command: command))
        return ExitStatus.ok
    }
}
