import Foundation
import Provenant

/// Text output for people. Every function returns whole lines ending in a newline.
enum TextRenderer {
    /// What a probability does not mean, printed under every `check` result.
    static let caveat = """
          What this does not mean: the probability is an estimate from the evidence above, not proof.
          It is not the share of the image that was generated, and a low value does not show that a photo
          is unedited or truthful. Missing Content Credentials or watermarks are not evidence either way.

        """

    static func check(_ report: AnalysisReport) -> String {
        var text = "\(report.path)\n"
        if let error = report.error {
            text += "  error: \(error.code): \(error.message)\n"
        }
        if let probability = report.aiProbability, let verdict = report.verdict {
            text += "  AI probability: \(ReportRounding.percent(probability)) — \(verdict.plainWords)\n"
        } else {
            text += "  AI probability: not available\n"
        }
        if let explanation = report.explanation {
            text += "  Evidence (change in log-odds):\n"
            for step in explanation.steps where step.kind != "prior" {
                text += "    \(ReportRounding.signed(step.logOddsChange))  \(step.kind) \(step.name): \(step.reason)\n"
            }
            text += "  Band: likely authentic at or below \(ReportRounding.percent(explanation.band.lower)), "
                + "likely AI at or above \(ReportRounding.percent(explanation.band.upper)); "
                + "prior \(ReportRounding.percent(explanation.prior))\n"
        } else if !report.signals.isEmpty {
            text += "  Signals:\n"
            for signal in report.signals { text += "    \(signalLine(signal))\n" }
        }
        text += caveat
        return text
    }

    static func detect(_ report: DetectReport) -> String {
        var text = "\(report.path): "
        if let probability = report.aiProbability, let verdict = report.verdict {
            text += "\(ReportRounding.percent(probability)) (\(verdict.rawValue))\n"
        } else if let error = report.error {
            text += "error \(error.code): \(error.message)\n"
        } else {
            text += "no result\n"
        }
        for signal in report.signals { text += "  \(signalLine(signal))\n" }
        return text
    }

    static func signalLine(_ signal: Signal) -> String {
        var line = "\(signal.kind.rawValue) \(signal.name):"
        if let detected = signal.detected { line += detected ? " detected" : " not detected" }
        if let score = signal.score { line += String(format: " (score %.4f)", score) }
        return line + " — \(signal.detail)"
    }

    static func verify(_ report: VerifyReport) -> String {
        var text = "\(report.path): "
        if let error = report.error, report.provenance == nil {
            return text + "error \(error.code): \(error.message)\n"
        }
        guard let c2pa = report.provenance?.c2pa else { return text + "not verified\n" }
        switch c2pa.state {
        case .absent: text += "no Content Credentials\n"
        case .valid: text += "valid — Content Credentials verified; the signer is not in the trust list\n"
        case .trusted: text += "trusted — Content Credentials verified and the signer is trusted\n"
        case .invalid: text += "INVALID — the Content Credentials were tampered with or are broken\n"
        case .error: text += "error — the Content Credentials could not be verified: \(c2pa.message ?? "unknown")\n"
        }
        if c2pa.state == .absent { return text }
        if let signer = c2pa.signer { text += "  signed by: \(signer)\n" }
        if let time = c2pa.signingTime { text += "  signed at: \(time)\n" }
        if let generator = c2pa.claimGenerator { text += "  claim generator: \(generator)\n" }
        if let declared = c2pa.digitalSourceType {
            text += "  declared source: \(declared) (\(c2pa.sourceTypeClass.rawValue))\n"
        }
        if c2pa.aiInHistory { text += "  history: AI-generated ingredients\n" }
        text += "  failed checks: \(c2pa.failures.isEmpty ? "none" : c2pa.failures.joined(separator: ", "))\n"
        if !c2pa.successes.isEmpty { text += "  passed checks: \(c2pa.successes.joined(separator: ", "))\n" }
        if let detailed = report.detailed, let json = try? ReportJSON.pretty(detailed) {
            text += "  manifest store:\n" + json.split(separator: "\n").map { "    \($0)\n" }.joined()
        }
        return text
    }

    static func inspect(_ report: InspectReport) -> String {
        var text = "\(report.path)\n"
        if let error = report.error { text += "  error: \(error.code): \(error.message)\n" }
        guard let image = report.image else { return text }
        text += "  format: \(image.format), \(image.width)×\(image.height), \(image.colorModel), \(image.bitDepth)-bit\n"
        if let jpeg = image.jpeg {
            let quality = jpeg.quality.map { "≈\($0)" } ?? "unknown"
            text += "  jpeg: quality \(quality), subsampling \(jpeg.subsampling ?? "unknown"), "
                + "\(jpeg.progressive ? "progressive" : "baseline")\(jpeg.arithmetic ? ", arithmetic" : "")\n"
        }
        if let png = image.png {
            text += "  png: \(png.interlaced ? "interlaced" : "not interlaced")"
            if let palette = png.paletteSize { text += ", palette of \(palette)" }
            text += ", chunks \(png.chunkTypes.joined(separator: " "))\n"
        }
        if let exif = image.exif {
            let fields: [(String, String?)] = [
                ("make", exif.make), ("model", exif.model), ("software", exif.software),
                ("taken", exif.dateTimeOriginal), ("description", exif.imageDescription), ("artist", exif.artist),
                ("copyright", exif.copyright), ("comment", exif.userComment),
            ]
            let present = fields.compactMap { name, value in value.map { "\(name) \($0)" } }
            text += "  exif: \(present.isEmpty ? "no summary fields" : present.joined(separator: "; "))"
            text += exif.hasGPS ? "; GPS present\n" : "\n"
        } else {
            text += "  exif: none\n"
        }
        if let xmp = image.xmp {
            text += "  xmp: digital source type \(xmp.digitalSourceType ?? "not declared")"
            if let tool = xmp.creatorTool { text += "; creator tool \(tool)" }
            text += "\n"
        } else {
            text += "  xmp: none\n"
        }
        for chunk in image.textChunks {
            let oneLine = chunk.text.replacingOccurrences(of: "\n", with: " ")
            text += "  text chunk \(chunk.keyword) (\(chunk.chunkType)): \(oneLine.prefix(120))\n"
        }
        for comment in image.comments { text += "  comment: \(comment.prefix(120))\n" }
        if let icc = image.iccProfileBytes { text += "  icc profile: \(icc) bytes\n" }
        text += "  c2pa: \(image.c2paPresent ? "present" : "none")\n"
        return text
    }
}
