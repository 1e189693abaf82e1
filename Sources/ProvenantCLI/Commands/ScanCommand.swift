import ArgumentParser
import Foundation
import Provenant

/// `provenant scan`: a folder of images, in parallel, with bounded memory and a resumable output.
struct ScanCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Check every image and video (MP4, MOV, WebM) under the given paths, in parallel, writing one result per file.",
        discussion: """
            Results are written as they complete (JSON Lines in the check contract, or CSV) to --output or standard \
            output; a progress bar with rate and ETA goes to standard error when it is a terminal; a summary \
            (counts per verdict, errors, skips, images/s or files/s with videos) goes to standard error at the end.

            Every input is accounted for. Images get a result line; unreadable files and folders and broken \
            links get an error line; everything else is a counted skip, named with --verbose: files that are \
            not images or are in unsupported formats, hidden entries, sub-folders without --recursive (with a \
            hint), symbolic links with --no-follow-symlinks, folders already walked (link cycles). Symbolic \
            links are followed by default, each folder at most once.

            Paths are written as given: an input photos yields photos/a.jpg, an absolute input absolute paths. \
            --output refuses an existing file unless --force (overwrite) or --resume (append the rest) is \
            given; --resume checks that the file is in the same --format and skips files whose canonical path \
            is already in it, and the summary and exit status then cover the whole file.

            Sharding (docs/scale-out.md): --shard I/N handles only the inputs whose key (the path below the \
            folder named as input, or the path as written for a named file or --files-from line) hashes \
            (64-bit FNV-1a of its UTF-8 bytes, modulo N) to I; the N shards together give exactly the lines \
            of one unsharded scan. --shard-from-env takes I from JOB_COMPLETION_INDEX (Kubernetes Indexed \
            Jobs) or AWS_BATCH_JOB_ARRAY_INDEX and N from --shard-count or PROVENANT_SHARD_COUNT. \
            --summary-json FILE writes the summary as JSON for `provenant merge --summaries`.

            Exit status: 0 nothing flagged, 2 something flagged (verdict likely_ai, or ai_probability at or above \
            --min-probability when given), 1 some file failed and nothing was flagged, or a fatal error; 64 usage; \
            78 configuration (model or trust file missing or unreadable, --files-from list unreadable or \
            invalid, shard environment missing or out of range).
            """
    )

    @Argument(help: "Files or folders to scan.")
    var paths: [String] = []

    @OptionGroup var list: FileListOptions

    @Flag(name: [.short, .long], help: "Descend into sub-folders.")
    var recursive = false

    @Flag(name: .long, help: "Do not follow symbolic links found inside folders (they are skipped and counted).")
    var noFollowSymlinks = false

    @Option(name: [.short, .long], help: "Images analysed at once (the number of cores unless given).")
    var jobs: Int = ProcessInfoBridge.activeProcessorCount

    @Option(name: [.customShort("f"), .long], help: "Output format: jsonl or csv.")
    var format: ScanFormat = .jsonl

    @Option(name: [.short, .long], help: "Write results to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Overwrite an existing --output file.")
    var force = false

    @Flag(name: .long, help: "Skip files already in --output and append the rest to it.")
    var resume = false

    @OptionGroup var sharding: ShardOptions

    @Option(name: .customLong("summary-json"), help: ArgumentHelp("Also write the summary as JSON to FILE (for merge --summaries).", valueName: "FILE"))
    var summaryJSON: String?

    @Option(name: .long, help: "Flag images whose ai_probability is at least P (default: verdict likely_ai).")
    var minProbability: Double?

    @Flag(name: [.short, .long], help: "Name every skipped file on standard error.")
    var verbose = false

    @Flag(name: [.short, .long], help: "No progress bar and no summary.")
    var quiet = false

    @OptionGroup var analysis: AnalysisOptions

    @OptionGroup var trust: TrustOptions

    func validate() throws {
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        try list.validate(arguments: paths)
        if resume, output == nil { throw ValidationError("--resume needs --output") }
        if resume, force { throw ValidationError("--resume and --force exclude each other") }
        if let output, !resume, !force, FileManager.default.fileExists(atPath: output) {
            throw ValidationError("\(output) exists; pass --force to overwrite it or --resume to continue it")
        }
        if let minProbability, !(0...1).contains(minProbability) {
            throw ValidationError("--min-probability must be between 0 and 1")
        }
    }

    func execute(console: any Console) async throws -> Int32 {
        let shard = try sharding.resolve()
        let analyzer = try Analyzer(configuration: analysis.configuration(stages: .all, trust: trust.load(), defaultDeep: .auto))
        AnalyzerWarnings.report(analyzer, console: console)
        // With a shard, the list keeps only this shard's paths as it is read (a listed folder goes whole
        // to the shard of its own path), so a shard of a huge list holds its share only.
        let listed = try list.paths { shard?.contains(key: ShardKey.normalized($0)) ?? true }
        var runner = ScanRunner(
            paths: paths + listed, recursive: recursive, jobs: jobs, format: format, outputPath: output,
            resume: resume, minProbability: minProbability, analyze: { await analyzer.analyze(path: $0) })
        runner.followSymlinks = !noFollowSymlinks
        runner.verbose = verbose
        runner.quiet = quiet
        runner.shard = shard
        runner.inputsPlacedFrom = paths.count
        let summary = try await runner.run(console: console)
        if let summaryJSON { try ScanSummaryFile(summary).write(to: summaryJSON) }
        if !quiet { console.err(summary.text(flagRule: runner.flagRule())) }
        return summary.exitStatus
    }
}
