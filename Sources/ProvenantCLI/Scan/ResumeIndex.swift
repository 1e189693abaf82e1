import Foundation
import Provenant

/// What a previous scan output already holds, read for `--resume`: the canonical paths done and the
/// summary of those results, so the final summary and exit status cover the whole file.
struct ResumeIndex {
    /// Canonical paths (``canonical(_:)``) already in the output.
    var done: Set<String> = []
    /// The counts of the results already in the output.
    var summary = ScanSummary()

    /// Reads a JSONL or CSV output. A last line without its newline (an interrupted write) is cut off the
    /// file so the appended output stays well formed. Throws when the file is in the other format.
    static func load(path: String, format: ScanFormat, isFlagged: (AnalysisReport) -> Bool) throws -> ResumeIndex {
        var index = ResumeIndex()
        guard FileManager.default.fileExists(atPath: path) else { return index }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var text = String(decoding: data, as: UTF8.self)
        if !text.isEmpty, !text.hasSuffix("\n") {
            let keep = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            text = String(text[..<keep])
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        if let first = lines.first {
            let isCSV = first == CSVFormatter.header
            let isJSONL = first.hasPrefix("{")
            guard (format == .csv && isCSV) || (format == .jsonl && isJSONL) else {
                throw ScanError(
                    message: "cannot resume: \(path) is not a \(format.rawValue) scan output "
                        + "(it starts with \(TerminalText.escape(first.prefix(40)))); use the --format it was written with")
            }
        }
        for line in lines {
            let report: AnalysisReport?
            switch format {
            case .jsonl: report = try? ReportJSON.decode(AnalysisReport.self, from: String(line))
            case .csv: report = line == CSVFormatter.header ? nil : CSVFormatter.report(fromRow: String(line))
            }
            guard let report else { continue }
            index.done.insert(canonical(report.path))
            index.summary.record(report, flagged: isFlagged(report))
        }
        return index
    }

    /// The absolute, standardised path with symbolic links resolved, so `photos/a.jpg`, `./photos/a.jpg`
    /// and `/home/me/photos/a.jpg` (from the same working directory) compare equal.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
