import Foundation
import Provenant

/// Merges the outputs of a sharded scan (`provenant merge`) in two streaming passes.
///
/// Pass 1 reads every part and remembers, per path, where its last line is (a later line of a part, and
/// a part given later, wins: pass the parts oldest first). Pass 2 writes exactly those lines, in the order
/// met, and adds each to the summary. Memory holds a 128-bit digest and a position per distinct path
/// (about 50 bytes a result) plus the expected list, never the lines themselves.
struct ShardMerge {
    /// The part files, in precedence order (later wins).
    var parts: [String]
    /// Whether a result is flagged (verdict `likely_ai`, or `--min-probability`).
    var isFlagged: (AnalysisReport) -> Bool

    /// What the merge found besides the summary.
    struct Outcome {
        var summary = ScanSummary()
        var format: ScanFormat = .jsonl
        /// Lines dropped because a later line has the same path.
        var duplicates = 0
        /// Expected inputs without a result (in list order, at most ``listedLimit`` kept).
        var missing: [String] = []
        var missingCount = 0
        /// Results whose path is not in the expected list (at most ``listedLimit`` kept).
        var unexpected: [String] = []
        var unexpectedCount = 0
        /// Expected inputs listed more than once (counted once).
        var expectedDuplicates = 0
        /// How many paths are expected (`nil` without a list).
        var expectedCount: Int?

        /// Whether every expected input has exactly one result and no other result is present.
        var isComplete: Bool { missingCount == 0 && unexpectedCount == 0 }
    }

    /// How many missing or unexpected paths an outcome names.
    static let listedLimit = 20

    /// A path's identity in the merge: two independent 64-bit hashes of its normalised form
    /// (``ShardKey/normalized(_:)``), FNV-1a and the standard library's seeded hasher.
    struct PathDigest: Hashable {
        var fnv: UInt64
        var seeded: Int

        init(_ path: String) {
            let key = ShardKey.normalized(path)
            fnv = ShardKey.fnv1a64(key.utf8)
            seeded = key.hashValue
        }
    }

    private struct Position: Equatable {
        var part: Int32
        var line: Int64
    }

    /// Merges the parts into `outputPath` (created; the caller checks it may be). `expectedList`, when
    /// given, is read (streamed, as ``InputList`` reads) after the parts and names the inputs that must
    /// each have one result.
    ///
    /// - Throws: ``MergeError`` when a part cannot be read or is not a scan output, or the output cannot
    ///   be written; `ReportError` when the expected list cannot be read.
    func run(outputPath: String, expectedList: String?) throws -> Outcome {
        var outcome = Outcome()
        outcome.format = try detectFormat()

        var last: [PathDigest: Position] = [:]
        for (partIndex, part) in parts.enumerated() {
            var lineNumber: Int64 = 0
            try forEachResult(in: part, format: outcome.format) { (_: String, path: String) throws(MergeError) in
                lineNumber += 1
                let previous = last.updateValue(Position(part: Int32(partIndex), line: lineNumber), forKey: PathDigest(path))
                if previous != nil { outcome.duplicates += 1 }
            }
        }

        var expectedSet: Set<PathDigest>?
        if let expectedList {
            var set = Set<PathDigest>()
            _ = try InputList.read(expectedList, option: "--expect") { path in
                let digest = PathDigest(path)
                guard set.insert(digest).inserted else {
                    outcome.expectedDuplicates += 1
                    return false
                }
                if last[digest] == nil {
                    outcome.missingCount += 1
                    if outcome.missing.count < Self.listedLimit { outcome.missing.append(path) }
                }
                return false  // only the digests are kept
            }
            expectedSet = set
            outcome.expectedCount = set.count
        }

        guard FileManager.default.createFile(atPath: outputPath, contents: nil), let sink = FileHandle(forWritingAtPath: outputPath) else {
            throw MergeError(code: "merge.output_unwritable", message: "cannot create \(outputPath)")
        }
        defer { try? sink.close() }
        var pending: [UInt8] = []
        func flush() throws(MergeError) {
            do {
                try sink.write(contentsOf: pending)
            } catch {
                throw MergeError(code: "merge.output_unwritable", message: "cannot write \(outputPath): \(error)")
            }
            pending.removeAll(keepingCapacity: true)
        }
        if outcome.format == .csv {
            pending += Array((CSVFormatter.header + "\n").utf8)
        }
        for (partIndex, part) in parts.enumerated() {
            var lineNumber: Int64 = 0
            try forEachResult(in: part, format: outcome.format) { (line: String, path: String) throws(MergeError) in
                lineNumber += 1
                let digest = PathDigest(path)
                guard last[digest] == Position(part: Int32(partIndex), line: lineNumber) else { return }
                let report: AnalysisReport?
                switch outcome.format {
                case .jsonl: report = try? ReportJSON.decode(AnalysisReport.self, from: line)
                case .csv: report = CSVFormatter.report(fromRow: line)
                }
                guard let report else {
                    throw MergeError(code: "merge.malformed_line", message: "\(part) line \(lineNumber) is not a scan result", line: Int(lineNumber))
                }
                outcome.summary.record(report, flagged: isFlagged(report))
                if let expectedSet, !expectedSet.contains(digest) {
                    outcome.unexpectedCount += 1
                    if outcome.unexpected.count < Self.listedLimit { outcome.unexpected.append(path) }
                }
                pending += Array(line.utf8)
                pending.append(0x0A)
                if pending.count >= 1 << 20 { try flush() }
            }
        }
        try flush()
        do {
            try sink.synchronize()
        } catch {
            throw MergeError(code: "merge.output_unwritable", message: "cannot write \(outputPath): \(error)")
        }

        return outcome
    }

    /// The format of the parts: JSON Lines when the first line starts with `{`, CSV when it is the scan
    /// CSV header. Every non-empty part must be in the same format.
    private func detectFormat() throws(MergeError) -> ScanFormat {
        var found: (ScanFormat, String)?
        for part in parts {
            var reader = try PartLineReader(path: part)
            defer { reader.close() }
            guard let first = try reader.next() else { continue }
            let format: ScanFormat
            if first.text == CSVFormatter.header {
                format = .csv
            } else if first.text.hasPrefix("{") {
                format = .jsonl
            } else {
                throw MergeError(code: "merge.unknown_format", message: "\(part) is not a scan output (JSON Lines or CSV)", line: 1)
            }
            if let found, found.0 != format {
                throw MergeError(
                    code: "merge.mixed_formats", message: "\(part) is \(format.rawValue) but \(found.1) is \(found.0.rawValue)")
            }
            found = (format, part)
        }
        return found?.0 ?? .jsonl
    }

    /// Calls `body` with every result line of a part and its path (CSV header skipped). A last line cut
    /// off by an interrupted scan, or a line that is not a result, stops the merge.
    private func forEachResult(
        in part: String, format: ScanFormat, _ body: (String, String) throws(MergeError) -> Void
    ) throws(MergeError) {
        var reader = try PartLineReader(path: part)
        defer { reader.close() }
        var number = 0
        while let line = try reader.next() {
            number += 1
            if line.text.isEmpty || (format == .csv && line.text == CSVFormatter.header) { continue }
            guard line.terminated else {
                throw MergeError(
                    code: "merge.cut_off_part",
                    message: "\(part) ends in a cut-off line (its scan was interrupted): rerun that shard with --resume",
                    line: number)
            }
            guard let path = Self.path(of: line.text, format: format) else {
                throw MergeError(code: "merge.malformed_line", message: "\(part) line \(number) is not a scan result", line: number)
            }
            try body(line.text, path)
        }
    }

    /// The `path` of one result line.
    static func path(of line: String, format: ScanFormat) -> String? {
        switch format {
        case .jsonl:
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["path"] as? String
        case .csv:
            return CSVFormatter.firstField(of: line)
        }
    }
}
