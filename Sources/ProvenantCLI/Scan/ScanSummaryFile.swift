import Foundation
import Provenant

/// A scan's summary as JSON (`scan --summary-json FILE`), read back by `merge --summaries` so the merged
/// summary has the skip counts and the time each shard took. Keys are snake_case (a contract).
/// Version 2 adds the videos, the files per format and the deep stage's counts and time; version 1
/// files (without them) still read, with those counts absent.
struct ScanSummaryFile: Codable, Sendable, Equatable {
    /// The format version of this file (2 when written by this code).
    var version = 2
    var analysed: Int
    var likelyAI: Int
    var likelyAuthentic: Int
    var inconclusive: Int
    var flagged: Int
    var errors: Int
    var resumedResults: Int
    var skippedNotImage: Int
    var skippedUnsupported: Int
    var skippedResumed: Int
    var skippedSubfolders: Int
    var skippedHidden: Int
    var skippedSymlinks: Int
    var skippedOther: Int
    var skippedOtherShards: Int
    var seconds: Double
    var jobs: Int
    /// `I/N`, or `nil` for an unsharded scan.
    var shard: String?
    /// Videos among the files analysed in this run (version 2).
    var videos: Int?
    /// Files analysed in this run per sniffed format (version 2).
    var formats: [String: Int]?
    /// Images analysed in this run that the deep stage ran on (version 2; results carried over by
    /// `--resume` are not counted).
    var deepRan: Int?
    /// Images analysed in this run on which the cascade skipped the deep stage (version 2).
    var deepSkipped: Int?
    /// Seconds spent in the deep stage over the images it ran on in this run (version 2).
    var deepSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case version, analysed, inconclusive, flagged, errors, seconds, jobs, shard, videos, formats
        case deepRan = "deep_ran"
        case deepSkipped = "deep_skipped"
        case deepSeconds = "deep_seconds"
        case likelyAI = "likely_ai"
        case likelyAuthentic = "likely_authentic"
        case resumedResults = "resumed_results"
        case skippedNotImage = "skipped_not_image"
        case skippedUnsupported = "skipped_unsupported"
        case skippedResumed = "skipped_resumed"
        case skippedSubfolders = "skipped_subfolders"
        case skippedHidden = "skipped_hidden"
        case skippedSymlinks = "skipped_symlinks"
        case skippedOther = "skipped_other"
        case skippedOtherShards = "skipped_other_shards"
    }

    init(_ summary: ScanSummary) {
        analysed = summary.analysed
        likelyAI = summary.likelyAI
        likelyAuthentic = summary.likelyAuthentic
        inconclusive = summary.inconclusive
        flagged = summary.flagged
        errors = summary.errors
        resumedResults = summary.resumedResults
        skippedNotImage = summary.skippedNotImage
        skippedUnsupported = summary.skippedUnsupported
        skippedResumed = summary.skippedResumed
        skippedSubfolders = summary.skippedSubfolders
        skippedHidden = summary.skippedHidden
        skippedSymlinks = summary.skippedSymlinks
        skippedOther = summary.skippedOther
        skippedOtherShards = summary.skippedOtherShards
        seconds = summary.seconds
        jobs = summary.jobs
        shard = summary.shard?.description
        videos = summary.videos
        formats = summary.formats
        deepRan = summary.deepRuns
        deepSkipped = summary.deepSkipped
        deepSeconds = summary.stageTotals.deep
    }

    /// Writes the file (replacing it).
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try (encoder.encode(self) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads a file written by ``write(to:)``.
    static func read(from path: String) throws(ReportError) -> ScanSummaryFile {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(ScanSummaryFile.self, from: data)
        } catch {
            throw ReportError(code: "merge.summary_unreadable", message: "cannot read the scan summary \(path): \(error)")
        }
    }
}
