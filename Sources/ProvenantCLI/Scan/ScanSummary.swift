import Foundation
import Provenant

/// Counts kept while scanning, printed at the end.
struct ScanSummary: Sendable, Equatable {
    var analysed = 0
    var likelyAI = 0
    var likelyAuthentic = 0
    var inconclusive = 0
    var flagged = 0
    var errors = 0
    var skippedNotImage = 0
    var skippedUnsupported = 0
    var skippedResumed = 0
    var seconds = 0.0
    var jobs = 1
    var stageTotals = StageTimings()
    /// Images on which the deep stage ran, and those on which the cascade skipped it.
    var deepRuns = 0
    var deepSkipped = 0

    var rate: Double { seconds > 0 ? Double(analysed) / seconds : 0 }

    mutating func record(_ report: AnalysisReport, flagged isFlagged: Bool) {
        analysed += 1
        stageTotals.add(report.timings)
        if report.error != nil { errors += 1 }
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

    /// The summary for people (written to standard error).
    func text(flagRule: String) -> String {
        var text = String(
            format: "scanned %d images in %.1f s (%.1f images/s, %d jobs)\n", analysed, seconds, rate, jobs)
        text += "  likely_ai: \(likelyAI)  inconclusive: \(inconclusive)  likely_authentic: \(likelyAuthentic)\n"
        text += "  flagged (\(flagRule)): \(flagged)\n"
        text += "  errors: \(errors)\n"
        if deepRuns + deepSkipped > 0 {
            let perImage = deepRuns > 0 ? stageTotals.deep / Double(deepRuns) * 1000 : 0
            text += String(
                format: "  deep stage: ran on %d, skipped by the cascade on %d (%.0f ms per image it ran on)\n",
                deepRuns, deepSkipped, perImage)
        }
        text += "  skipped: \(skippedNotImage) not images, \(skippedUnsupported) unsupported formats, "
            + "\(skippedResumed) already in the output\n"
        return text
    }

    /// The exit status: 2 when something was flagged, else 1 when something failed, else 0.
    var exitStatus: Int32 { ExitStatus.combine(flagged: flagged > 0, errors: errors > 0) }
}
