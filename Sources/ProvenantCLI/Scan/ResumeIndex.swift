import Foundation
import Provenant

/// The paths already present in a previous scan output, read for `--resume`.
enum ResumeIndex {
    /// Reads the paths of complete lines in a JSONL or CSV output. A last line without its newline
    /// (an interrupted write) is cut off the file so the appended output stays well formed.
    static func load(path: String, format: ScanFormat) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var text = String(decoding: data, as: UTF8.self)
        if !text.isEmpty, !text.hasSuffix("\n") {
            let keep = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            text = String(text[..<keep])
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        var done: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            switch format {
            case .jsonl:
                if let report = try? ReportJSON.decode(PathOnly.self, from: String(line)) { done.insert(report.path) }
            case .csv:
                if let first = CSVFormatter.firstField(of: String(line)), first != "path" { done.insert(first) }
            }
        }
        return done
    }

    private struct PathOnly: Decodable {
        var path: String
    }
}
