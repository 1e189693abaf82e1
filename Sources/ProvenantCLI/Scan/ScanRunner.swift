import Foundation
import Provenant

/// Runs a scan: streams inputs, keeps at most `jobs` analyses in flight, writes each result as it completes.
///
/// Every input is accounted for: a result line, an error line (unreadable files and folders, broken
/// links), or a counted skip (named on standard error with `verbose`). Memory is bounded by `jobs`
/// images in flight plus the resume index and the walker's folder stack, whatever the folder size.
struct ScanRunner: Sendable {
    var paths: [String]
    var recursive: Bool
    var jobs: Int
    var format: ScanFormat
    var outputPath: String?
    var resume: Bool
    var minProbability: Double?
    var analyze: @Sendable (String) async -> AnalysisReport
    /// Follow symbolic links met inside folders (those named as inputs are always followed).
    var followSymlinks = true
    /// Name every skipped input on standard error.
    var verbose = false
    /// No progress bar and no summary.
    var quiet = false
    /// Handle only this shard of the inputs (`--shard`); `nil` handles all.
    var shard: ShardSpec?
    /// The inputs from this position on were already placed in `shard` by the list reader (see
    /// ``ShardedWalk``); everything under them is kept.
    var inputsPlacedFrom = Int.max
    /// Lists a folder (the file system unless a test replaces it).
    var listFolder: @Sendable (String) throws -> [String] = { try FileManager.default.contentsOfDirectory(atPath: $0) }

    /// What happened to one file.
    enum Outcome: Sendable {
        /// An analysed file and its sniffed format (`nil` when its first bytes could not be read).
        case analysed(AnalysisReport, format: String?)
        case skipped(String, ScanSkipReason)
    }

    func flagRule() -> String {
        minProbability.map { "ai_probability ≥ \($0)" } ?? "verdict likely_ai"
    }

    func isFlagged(_ report: AnalysisReport) -> Bool {
        if let minProbability { return (report.aiProbability ?? -1) >= minProbability }
        return report.verdict == .likelyAI
    }

    func walker() -> ScanWalker {
        ScanWalker(inputs: paths, recursive: recursive, followSymlinks: followSymlinks, list: listFolder)
    }

    /// The walk over this run's shard (everything without `shard`).
    func shardedWalk() -> ShardedWalk { ShardedWalk(walker: walker(), shard: shard, placedFrom: inputsPlacedFrom) }

    func run(console: any Console) async throws -> ScanSummary {
        var resumed = ResumeIndex()
        if resume, let outputPath { resumed = try ResumeIndex.load(path: outputPath, format: format, isFlagged: isFlagged) }
        let sink = try LineSink(outputPath: outputPath, append: resume, console: console)
        if format == .csv, sink.isEmptyFile { try sink.write(line: CSVFormatter.header) }

        let showProgress = console.stderrIsTerminal && !quiet
        var total: Int?
        if showProgress {
            total = shardedWalk().reduce(0) { count, entry in
                if case .file = entry { return count + 1 }
                return count
            }
        }
        var progress = ScanProgress(console: console, total: total)
        // Result lines on a terminal shared with the bar: clear the bar first, redraw after.
        let sharesTerminal = showProgress && outputPath == nil

        var summary = ScanSummary()
        summary.jobs = jobs
        summary.shard = shard
        let clock = ContinuousClock()
        let start = clock.now
        let analyze = self.analyze
        var handled = 0
        var writeError: (any Error)?

        func note(_ path: String, _ reason: ScanSkipReason) {
            summary.skip(reason)
            if verbose {
                if showProgress { progress.clear() }
                console.err("skipped: \(TerminalText.escape(path)): \(reason.rawValue)\n")
            }
        }

        func write(_ report: AnalysisReport) {
            summary.record(report, flagged: isFlagged(report))
            do {
                if sharesTerminal { progress.clear() }
                try sink.write(line: format == .csv ? CSVFormatter.row(report) : ReportJSON.line(report))
            } catch {
                writeError = error
            }
        }

        await withTaskGroup(of: Outcome.self) { group in
            func handle(_ outcome: Outcome) {
                handled += 1
                switch outcome {
                case .skipped(let path, let reason): note(path, reason)
                case .analysed(let report, let format):
                    if let format { summary.count(format: format) }
                    write(report)
                }
                if showProgress { progress.update(done: handled, force: sharesTerminal) }
            }

            var inFlight = 0
            let outputFile = outputPath.map(ResumeIndex.canonical)
            var walk = shardedWalk()
            while let entry = walk.next() {
                if writeError != nil { break }
                let path: String
                switch entry {
                case .skipped(let skippedPath, let reason):
                    note(skippedPath, reason)
                    continue
                case .failure(let failedPath, let error):
                    // An error line is a result too: a resumed run must not write it twice.
                    if resume, resumed.done.contains(ResumeIndex.canonical(failedPath)) {
                        note(failedPath, .resumed)
                    } else {
                        write(AnalysisReport(path: failedPath, error: error))
                    }
                    continue
                case .file(let filePath):
                    path = filePath
                }
                let canonical = (outputFile != nil || resume) ? ResumeIndex.canonical(path) : path
                if let outputFile, canonical == outputFile {
                    note(path, .outputFile)
                    continue
                }
                if resume, resumed.done.contains(canonical) {
                    note(path, .resumed)
                    continue
                }
                if inFlight >= jobs, let outcome = await group.next() {
                    inFlight -= 1
                    handle(outcome)
                }
                group.addTask { await Self.process(path: path, analyze: analyze) }
                inFlight += 1
            }
            for await outcome in group { handle(outcome) }
            summary.skippedOtherShards = walk.otherShards
        }
        if showProgress {
            progress.update(done: handled, force: true)
            progress.finish()
        }
        try sink.close()
        if let writeError { throw ScanError(message: "cannot write the output: \(writeError)") }
        summary.seconds = ContinuousClock.Duration.seconds(clock.now - start)
        summary.addResumed(resumed.summary)
        return summary
    }

    /// Sniffs the first bytes, skips what is neither a supported image nor a video, analyses the rest.
    static func process(path: String, analyze: @Sendable (String) async -> AnalysisReport) async -> Outcome {
        var format: String?
        if let head = readHead(path) {
            format = FileKind.formatName(head)
            switch FileKind.classify(head) {
            case .notImage: return .skipped(path, .notImage)
            case .unsupportedImage: return .skipped(path, .unsupported)
            case .supportedImage, .video: break
            }
        }
        return .analysed(await analyze(path), format: format)
    }

    /// The first 64 bytes of a file, or `nil` when it cannot be opened (the analysis then reports why).
    static func readHead(_ path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            // `nil` means end of file: an empty file has no signature and is no image.
            return [UInt8](try handle.read(upToCount: 64) ?? Data())
        } catch {
            return nil
        }
    }
}

extension Duration {
    /// A duration in seconds as a `Double`.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
