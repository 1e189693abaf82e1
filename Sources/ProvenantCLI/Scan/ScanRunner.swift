import Foundation
import Provenant

/// Runs a scan: streams paths, keeps at most `jobs` analyses in flight, writes each result as it completes.
///
/// Memory is bounded by `jobs` images in flight plus the resume index, whatever the folder size.
struct ScanRunner: Sendable {
    var paths: [String]
    var recursive: Bool
    var jobs: Int
    var format: ScanFormat
    var outputPath: String?
    var resume: Bool
    var minProbability: Double?
    var analyze: @Sendable (String) async -> AnalysisReport

    /// What happened to one path.
    enum Outcome: Sendable {
        case analysed(AnalysisReport, format: String?)
        case skippedNotImage
        case skippedUnsupported(path: String, format: String)
    }

    func flagRule() -> String {
        minProbability.map { "ai_probability ≥ \($0)" } ?? "verdict likely_ai"
    }

    func isFlagged(_ report: AnalysisReport) -> Bool {
        if let minProbability { return (report.aiProbability ?? -1) >= minProbability }
        return report.verdict == .likelyAI
    }

    func run(console: any Console) async throws -> ScanSummary {
        let done: Set<String> = resume && outputPath != nil ? try ResumeIndex.load(path: outputPath ?? "", format: format) : []
        let sink = try LineSink(outputPath: outputPath, append: resume, console: console)
        if format == .csv, sink.isEmptyFile { try sink.write(line: CSVFormatter.header) }

        var total: Int?
        if console.stderrIsTerminal {
            total = max(0, PathWalker(paths: paths, recursive: recursive).reduce(0) { count, _ in count + 1 } - done.count)
        }
        var progress = ScanProgress(console: console, total: total)
        let showProgress = console.stderrIsTerminal

        var summary = ScanSummary()
        summary.jobs = jobs
        let clock = ContinuousClock()
        let start = clock.now
        let analyze = self.analyze
        var handled = 0
        var writeError: (any Error)?

        await withTaskGroup(of: Outcome.self) { group in
            func handle(_ outcome: Outcome) {
                handled += 1
                switch outcome {
                case .skippedNotImage: summary.skippedNotImage += 1
                case .skippedUnsupported(let path, let imageFormat):
                    summary.skippedUnsupported += 1
                    // Never skipped in silence: the file and the reason go to standard error.
                    FileHandle.standardError.write(Data("skipped \(path): \(imageFormat) images are not supported\n".utf8))
                case .analysed(let report, let imageFormat):
                    summary.record(report, flagged: isFlagged(report))
                    if let imageFormat { summary.formats[imageFormat, default: 0] += 1 }
                    do {
                        try sink.write(line: format == .csv ? CSVFormatter.row(report) : ReportJSON.line(report))
                    } catch {
                        writeError = error
                    }
                }
                if showProgress { progress.update(done: handled) }
            }

            var inFlight = 0
            let outputFile = outputPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            for path in PathWalker(paths: paths, recursive: recursive) {
                if writeError != nil { break }
                if let outputFile, URL(fileURLWithPath: path).standardizedFileURL.path == outputFile { continue }
                if done.contains(path) {
                    summary.skippedResumed += 1
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
        }
        if showProgress {
            progress.update(done: handled, force: true)
            progress.finish()
        }
        try sink.close()
        if let writeError { throw ScanError(message: "cannot write the output: \(writeError)") }
        summary.seconds = ContinuousClock.Duration.seconds(clock.now - start)
        return summary
    }

    /// Sniffs the first bytes, skips what is not a supported image, analyses the rest.
    static func process(path: String, analyze: @Sendable (String) async -> AnalysisReport) async -> Outcome {
        var format: String?
        if let head = readHead(path) {
            format = FileKind.formatName(head)
            switch FileKind.classify(head) {
            case .notImage: return .skippedNotImage
            case .unsupportedImage: return .skippedUnsupported(path: path, format: format ?? "unknown")
            case .supportedImage: break
            }
        }
        return .analysed(await analyze(path), format: format)
    }

    /// The first 64 bytes of a file (enough for an ISO BMFF `ftyp` brand list), or `nil` when it cannot be opened (the analysis then reports why).
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
