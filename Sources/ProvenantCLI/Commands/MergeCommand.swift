import ArgumentParser
import Foundation
import Provenant

/// `provenant merge`: the outputs of a sharded scan into one, with the summary one scan would print.
struct MergeCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the outputs of scan shards into one file and print the summary of the whole scan.",
        discussion: """
            Reads every PART (JSON Lines or CSV written by scan, all in one format) and writes each path's \
            result once to OUT: when a path has several lines (a shard rerun, overlapping parts), the last \
            one wins, later parts after earlier ones, so give the parts oldest first. Lines are written in the \
            order met. A part ending in a cut-off line (a shard killed mid-write) stops the merge: rerun that \
            shard with --resume first.

            --expect FILE (one path a line, NUL-separated, or NDJSON with a path field, as --files-from) \
            checks that every expected input has exactly one result and that no other result is present; \
            paths compare after removing ./ and doubled slashes. Inputs a scan skips (not images, \
            unsupported formats) have no result line and so count as missing: list images only.

            --summaries FILE... reads the scans' --summary-json files, so the summary also has the skip \
            counts and images/s over the shards (results over the longest shard's time, as when the shards \
            run at once); without them it has the counts per verdict and errors only.

            Exit status: as scan for the merged results (0 nothing flagged, 2 something flagged, 1 some result \
            is an error and nothing was flagged); 3 the merge is incomplete, whatever was flagged: expected \
            inputs missing or unexpected results present, or a part that cannot be read, is cut off or is not \
            a scan output; 64 usage; 78 the --expect list or a summary file cannot be read.
            """
    )

    @Argument(help: "The merged output file.")
    var output: String

    @Argument(help: "Scan outputs to merge (parts), oldest first.")
    var parts: [String] = []

    @Option(name: .long, help: ArgumentHelp("Paths that must each have exactly one result.", valueName: "FILE"))
    var expect: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("The scans' --summary-json files.", valueName: "FILE"))
    var summaries: [String] = []

    @Flag(name: .long, help: "Overwrite an existing output file.")
    var force = false

    @Option(name: .long, help: "Flag results whose ai_probability is at least P (default: verdict likely_ai).")
    var minProbability: Double?

    @Flag(name: [.short, .long], help: "No summary.")
    var quiet = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one part to merge") }
        if !force, FileManager.default.fileExists(atPath: output) {
            throw ValidationError("\(output) exists; pass --force to overwrite it")
        }
        let target = ResumeIndex.canonical(output)
        if parts.contains(where: { ResumeIndex.canonical($0) == target }) {
            throw ValidationError("the output \(output) is also a part")
        }
        if let minProbability, !(0...1).contains(minProbability) {
            throw ValidationError("--min-probability must be between 0 and 1")
        }
    }

    func execute(console: any Console) async throws -> Int32 {
        let shardSummaries = try summaries.map { try ScanSummaryFile.read(from: $0) }
        let minProbability = self.minProbability
        let merge = ShardMerge(parts: parts) { report in
            if let minProbability { return (report.aiProbability ?? -1) >= minProbability }
            return report.verdict == .likelyAI
        }
        let outcome: ShardMerge.Outcome
        do {
            outcome = try merge.run(outputPath: output, expectedList: expect)
        } catch let error as MergeError {
            console.err("provenant merge: \(TerminalText.escape(error.code)): \(TerminalText.escape(error.message))\n")
            return ExitStatus.incomplete
        }
        var summary = outcome.summary
        summary.addShardSummaries(shardSummaries)
        if !quiet {
            let flagRule = minProbability.map { "ai_probability ≥ \($0)" } ?? "verdict likely_ai"
            console.err(summary.text(flagRule: flagRule))
            console.err(report(outcome))
        }
        if !outcome.isComplete { return ExitStatus.incomplete }
        return summary.exitStatus
    }

    /// The merge's own lines: parts, duplicates, and the expected-input check.
    private func report(_ outcome: ShardMerge.Outcome) -> String {
        var text = "  merged \(parts.count) part\(parts.count == 1 ? "" : "s") (\(outcome.format.rawValue)): "
            + "\(outcome.summary.analysed) results, \(outcome.duplicates) duplicate line\(outcome.duplicates == 1 ? "" : "s") dropped\n"
        guard let expectedCount = outcome.expectedCount else { return text }
        if outcome.isComplete {
            text += "  expected inputs: all \(expectedCount) have exactly one result\n"
        } else {
            text += "  expected inputs: \(expectedCount); missing: \(outcome.missingCount); not expected: \(outcome.unexpectedCount)\n"
            for path in outcome.missing { text += "    missing: \(TerminalText.escape(path))\n" }
            for path in outcome.unexpected { text += "    not expected: \(TerminalText.escape(path))\n" }
            let named = outcome.missing.count + outcome.unexpected.count
            if outcome.missingCount + outcome.unexpectedCount > named {
                text += "    (\(outcome.missingCount + outcome.unexpectedCount - named) more not named)\n"
            }
        }
        if outcome.expectedDuplicates > 0 { text += "  (the expected list names \(outcome.expectedDuplicates) paths twice)\n" }
        return text
    }
}
