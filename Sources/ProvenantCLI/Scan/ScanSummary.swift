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
    /// Analysed files per format (`jpeg`, `png`, `webp`, `heif`, `avif`, `tiff`).
    var formats: [String: Int] = [:]
    var seconds = 0.0
    var jobs = 1
    var stageTotals = StageTimings()

    var rate: Double { seconds > 0 ? Double(analysed) / seconds : 0 }

    mutating func record(_ report: AnalysisReport, flagged isFlagged: Bool) {
        analysed += 1
        stageTotals.add(report.timings)
        if report.error != nil { errors += 1 }
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
        if !formats.isEmpty {
            text += "  formats: " + formats.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        text += "  skipped: \(skippedNotImage) not images, \(skippedUnsupported) unsupported formats, "
            + "\(skippedResumed) already in the output\n"
        return text
    }

    /// The exit status: 2 when something was flagged, else 1 when something failed, else 0.
    var exitStatus: Int32 { ExitStatus.combine(flagged: flagged > 0, errors: errors > 0) }
}
