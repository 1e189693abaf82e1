import Foundation
import Provenant

/// Counts kept while scanning, printed at the end.
struct ScanSummary: Sendable, Equatable {
    /// Results in the output (analysed now, plus those already there on `--resume`).
    var analysed = 0
    var likelyAI = 0
    var likelyAuthentic = 0
    var inconclusive = 0
    var flagged = 0
    var errors = 0
    /// How many of ``analysed`` (this run) were videos (MP4, QuickTime, WebM).
    var videos = 0
    var skippedNotImage = 0
    var skippedUnsupported = 0
    var skippedResumed = 0
    /// Sub-folders not entered (no `--recursive`).
    var skippedSubfolders = 0
    /// Hidden files and folders.
    var skippedHidden = 0
    /// Symbolic links not followed (`--no-follow-symlinks`).
    var skippedSymlinks = 0
    /// Folders already walked, special files and the output file itself.
    var skippedOther = 0
    /// Inputs left to other shards (`--shard`).
    var skippedOtherShards = 0
    /// The shard this summary covers (`nil`: all inputs).
    var shard: ShardSpec?
    /// Whether the time and the skip counts are known (false for a merge without the scans' summaries).
    var timeAndSkipsKnown = true
    /// How many of ``analysed`` came from the output file being resumed.
    var resumedResults = 0
    var seconds = 0.0
    var jobs = 1
    var stageTotals = StageTimings()
    /// Images on which the deep stage ran, and those on which the cascade skipped it.
    var deepRuns = 0
    var deepSkipped = 0
    /// Files analysed in this run per sniffed format (`jpeg`, `png`, `webp`, `heif`, `avif`, `tiff`).
    var formats: [String: Int] = [:]

    /// Images per second analysed in this run.
    var rate: Double { seconds > 0 ? Double(analysed - resumedResults) / seconds : 0 }

    mutating func record(_ report: AnalysisReport, flagged isFlagged: Bool) {
        analysed += 1
        stageTotals.add(report.timings)
        if report.error != nil { errors += 1 }
        if report.frames != nil || Self.isVideoPath(report.path) { videos += 1 }
        if let deep = report.deepStage {
            if deep.ran { deepRuns += 1 } else { deepSkipped += 1 }
        }
        switch report.verdict {
        case .likelyAI: likelyAI += 1
        case .likelyAuthentic: likelyAuthentic += 1
        case .inconclusive: inconclusive += 1
        case nil: break
        }
        if isFlagged { flagged += 1 }
    }

    /// Counts one file analysed in this run under its sniffed format.
    mutating func count(format: String) {
        formats[format, default: 0] += 1
    }

    /// The per-format line of the summary (`jpeg 3, png 1, webp 2`), formats in name order.
    var formatCounts: String {
        formats.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// Counts one skipped input.
    mutating func skip(_ reason: ScanSkipReason) {
        switch reason {
        case .notImage: skippedNotImage += 1
        case .unsupported: skippedUnsupported += 1
        case .resumed: skippedResumed += 1
        case .subfolder: skippedSubfolders += 1
        case .hidden: skippedHidden += 1
        case .symlink: skippedSymlinks += 1
        case .alreadyWalked, .special, .outputFile: skippedOther += 1
        }
    }

    /// Adds the results already in a resumed output file.
    mutating func addResumed(_ previous: ScanSummary) {
        analysed += previous.analysed
        likelyAI += previous.likelyAI
        likelyAuthentic += previous.likelyAuthentic
        inconclusive += previous.inconclusive
        flagged += previous.flagged
        errors += previous.errors
        resumedResults += previous.analysed
    }

    /// The summary for people (written to standard error).
    func text(flagRule: String) -> String {
        var text: String
        if timeAndSkipsKnown {
            // A run that met videos counts files: a clip is not an image.
            let unit = videos > 0 ? "files" : "images"
            text = String(
                format: "scanned %d \(unit) in %.1f s (%.1f \(unit)/s, %d jobs)", analysed - resumedResults, seconds, rate,
                jobs)
            text += resumedResults > 0 ? "; the output holds \(analysed) results with \(resumedResults) from before\n" : "\n"
        } else {
            text = "\(analysed) results (time and skips unknown: no scan summaries given)\n"
        }
        text += "  likely_ai: \(likelyAI)  inconclusive: \(inconclusive)  likely_authentic: \(likelyAuthentic)\n"
        text += "  flagged (\(flagRule)): \(flagged)\n"
        text += "  errors: \(errors)\n"
        if !formats.isEmpty { text += "  formats: \(formatCounts)\n" }
        if videos > 0 { text += "  videos: \(videos) of the files analysed in this run\n" }
        if deepRuns + deepSkipped > 0 {
            let perImage = deepRuns > 0 ? stageTotals.deep / Double(deepRuns) * 1000 : 0
            text += String(
                format: "  deep stage: ran on %d, skipped by the cascade on %d (%.0f ms per image it ran on)\n",
                deepRuns, deepSkipped, perImage)
        }
        guard timeAndSkipsKnown else { return text }
        text += "  skipped: \(skippedNotImage) not images, \(skippedUnsupported) unsupported formats, "
            + "\(skippedResumed) already in the output, \(skippedHidden) hidden, \(skippedSymlinks) symbolic links, "
            + "\(skippedSubfolders) sub-folders, \(skippedOther) other (duplicate folders, special files)\n"
        if let shard {
            text += "  shard \(shard): \(skippedOtherShards) inputs left to the other shards\n"
        }
        if skippedSubfolders > 0 {
            text += "  hint: \(skippedSubfolders) sub-folder\(skippedSubfolders == 1 ? " was" : "s were") not scanned; "
                + "pass --recursive to include them\n"
        }
        if skippedHidden + skippedSymlinks + skippedOther + skippedNotImage + skippedUnsupported > 0 {
            text += "  (--verbose names every skipped file)\n"
        }
        return text
    }

    /// Whether a path names a video by its extension (counted even when the video could not be decoded).
    static func isVideoPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".mp4", ".m4v", ".mov", ".webm"].contains { lower.hasSuffix($0) }
    }

    /// The exit status: 2 when something was flagged, else 1 when something failed, else 0.
    var exitStatus: Int32 { ExitStatus.combine(flagged: flagged > 0, errors: errors > 0) }
}
