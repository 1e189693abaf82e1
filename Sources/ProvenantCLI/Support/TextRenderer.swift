import Foundation
import Provenant

/// Text output for people. Every function returns whole lines ending in a newline.
///
/// Every string taken from a file (paths, metadata, manifest fields, messages quoting them) goes through
/// ``TerminalText/escape(_:)`` here, and nowhere else writes file-derived text to a terminal.
enum TextRenderer {
    /// What a probability does not mean; `check` prints it once per run, after the results.
    static let caveat = """
        What this does not mean: the probability is an estimate from the evidence above, not proof.
        It is not the share of the image that was generated, and a low value does not show that a photo
        is unedited or truthful. Missing Content Credentials or watermarks are not evidence either way.

        """

    /// Shorthand for the one escaping function.
    static func e<S: StringProtocol>(_ text: S) -> String { TerminalText.escape(text) }

    static func check(_ report: AnalysisReport) -> String {
        var text = "\(e(report.path))\n"
        if let error = report.error {
            text += "  error: \(e(error.code)): \(e(error.message))\n"
        }
        if let probability = report.aiProbability, let verdict = report.verdict {
            text += "  AI probability: \(ReportRounding.percent(probability)) — \(verdict.plainWords)\n"
        } else {
            text += "  AI probability: not available\n"
        }
        text += warningLines(report.warnings)
        if let explanation = report.explanation {
            text += "  Evidence (change in log-odds):\n"
            for step in explanation.steps where step.kind != "prior" {
                text += "    \(ReportRounding.signed(step.logOddsChange))  \(e(step.kind)) \(e(step.name)): \(e(step.reason))\n"
            }
            text += "  Band: likely authentic at or below \(ReportRounding.percent(explanation.band.lower)), "
                + "likely AI at or above \(ReportRounding.percent(explanation.band.upper)); "
                + "prior \(ReportRounding.percent(explanation.prior))\n"
        } else if !report.signals.isEmpty {
            text += "  Signals:\n"
            for signal in report.signals { text += "    \(signalLine(signal))\n" }
        }
        if let frames = report.frames { text += frameLines(frames, warnings: report.warnings) }
        return text
    }

    /// A video's frame evidence: the clip facts, how the frames were scored and combined, and the frames that
    /// drove the result (each said once; the evidence line above gives only the clip probability's weight).
    static func frameLines(_ frames: FramesSection, warnings: [ReportWarning]) -> String {
        let video = frames.video
        var text = "  Video: \(e(video.format)) \(e(video.codec)) \(video.width)×\(video.height)"
        if let duration = video.durationSeconds { text += ", \(duration) s" }
        if let rate = video.frameRate { text += ", \(rate) fps" }
        text += ", \(frames.total) frames\(video.hasAudio ? ", with audio" : "")"
        if warnings.contains(where: { $0.code == ReportWarning.videoRotationNotAppliedCode }) {
            text += "; display rotation not applied (frames analysed as coded)"
        } else if video.rotation != 0 {
            text += "; shown turned \(video.rotation)° clockwise, frames analysed upright"
        }
        text += "\n  Frames analysed: \(frames.analysed) of \(frames.total) (at most \(frames.maxFrames))\n"
        if let probability = frames.probability {
            text += "  Clip pixel probability: \(ReportRounding.percent(probability)), \(e(frames.aggregateWording))\n"
        } else {
            text += "  Clip pixel probability: not available (no sampled frame could be scored)\n"
        }
        // The spread says something the list below does not only when more frames were scored than it shows.
        if let spread = frames.distribution, frames.scored > frames.mostSuspicious.count {
            text += String(
                format: "  Per-frame probability (%d frames): min %.4f, quartiles %.4f / %.4f / %.4f, max %.4f\n",
                frames.scored, spread.min, spread.p25, spread.median, spread.p75, spread.max)
        }
        if !frames.mostSuspicious.isEmpty {
            text += "  Frames that drove the result (most suspicious first):\n"
            for frame in frames.mostSuspicious {
                let key = frames.sampled.contains { $0.index == frame.index && $0.keyframe } ? ", key frame" : ""
                text += "    \(FramesSectionText.time(frame.timestamp)) (frame \(frame.index)\(key)): "
                    + "\(ReportRounding.percent(frame.probability))\n"
            }
        }
        return text
    }

    static func warningLines(_ warnings: [ReportWarning]) -> String {
        warnings.map { "  warning: \(e($0.code)): \(e($0.message))\n" }.joined()
    }

    static func detect(_ report: DetectReport) -> String {
        var text = "\(e(report.path)): "
        if let probability = report.aiProbability, let verdict = report.verdict {
            text += "\(ReportRounding.percent(probability)) (\(verdict.rawValue))\n"
        } else if let error = report.error {
            text += "error \(e(error.code)): \(e(error.message))\n"
        } else {
            text += "no result\n"
        }
        text += warningLines(report.warnings)
        // A video's frame signal is what the frame lines below spell out; it is not printed twice.
        for signal in report.signals where !(report.frames != nil && signal.kind == .detector && signal.name == "frames") {
            text += "  \(signalLine(signal))\n"
        }
        if let frames = report.frames { text += frameLines(frames, warnings: report.warnings) }
        return text
    }

    static func signalLine(_ signal: Signal) -> String {
        var line = "\(signal.kind.rawValue) \(e(signal.name)):"
        var detail = signal.detail
        if let detected = signal.detected {
            line += detected ? " detected" : " not detected"
        } else if signal.kind == .watermark {
            line += " not checked"
            detail = WatermarkEvidence.withoutUncheckedPrefix(detail)
        }
        if let score = signal.score { line += String(format: " (score %.4f)", score) }
        return line + " — \(e(detail))"
    }

    static func verify(_ report: VerifyReport) -> String {
        var text = "\(e(report.path)): "
        if let error = report.error, report.provenance == nil {
            return text + "error \(e(error.code)): \(e(error.message))\n"
        }
        guard let c2pa = report.provenance?.c2pa else { return text + "not verified\n" }
        switch c2pa.state {
        case .absent: text += "no Content Credentials\n"
        case .valid: text += "valid — Content Credentials verified; the signer is not in the trust list\n"
        case .trusted: text += "trusted — Content Credentials verified and the signer is trusted\n"
        case .invalid:
            switch c2pa.credentialProblem {
            case .expired:
                text += "EXPIRED — the signing certificate was not valid at the signing time; "
                    + "the content was not necessarily altered\n"
            case .untrustedTimeStamp:
                text += "INVALID — the time-stamp authority is not trusted, so the signing time is not vouched for\n"
            case .failedVerification, nil:
                text += "INVALID — the Content Credentials were tampered with or are broken\n"
            }
        case .error: text += "error — the Content Credentials could not be verified: \(e(c2pa.message ?? "unknown"))\n"
        }
        if c2pa.state == .absent { return text }
        if let signer = c2pa.signer { text += "  signed by: \(e(signer))\n" }
        if let issuer = c2pa.issuer { text += "  issuer: \(e(issuer))\n" }
        if let time = c2pa.signingTime { text += "  signed at: \(e(time))\n" }
        if let algorithm = c2pa.signatureAlgorithm { text += "  signature algorithm: \(e(algorithm))\n" }
        if let generator = c2pa.claimGenerator { text += "  claim generator: \(e(generator))\n" }
        if let title = c2pa.title { text += "  title: \(e(title))\n" }
        // A verifier that could not read the file has no ingredients or checks to list.
        if c2pa.state == .error, c2pa.manifestCount == 0, c2pa.failures.isEmpty, c2pa.successes.isEmpty { return text }
        if !c2pa.actions.isEmpty { text += "  actions: \(c2pa.actions.map { e($0) }.joined(separator: ", "))\n" }
        if let declared = c2pa.digitalSourceType {
            text += "  declared source: \(e(declared)) (\(c2pa.sourceTypeClass.rawValue))\n"
        }
        text += "  ingredients: \(c2pa.ingredientCount)"
        text += c2pa.manifestCount > 0 ? " (\(c2pa.manifestCount) manifests in the store)\n" : "\n"
        if c2pa.aiIngredientCount > 0 {
            text += "  history: \(c2pa.aiIngredientCount) of \(c2pa.ingredientCount) ingredients declare AI generation\n"
        }
        text += "  failed checks: \(c2pa.failures.isEmpty ? "none" : c2pa.failures.map { e($0) }.joined(separator: ", "))\n"
        if !c2pa.successes.isEmpty { text += "  passed checks: \(c2pa.successes.map { e($0) }.joined(separator: ", "))\n" }
        if let detailed = report.detailed, let json = try? ReportJSON.pretty(detailed) {
            text += "  manifest store:\n" + json.split(separator: "\n").map { "    \(e($0))\n" }.joined()
        }
        return text
    }

    /// The name of a TIFF compression code (TIFF 6.0 and the DNG/Adobe additions), or `compression N`.
    static func tiffCompression(_ code: Int) -> String {
        let names = [1: "uncompressed", 2: "CCITT RLE", 3: "CCITT G3", 4: "CCITT G4", 5: "LZW", 6: "old JPEG", 7: "JPEG",
                     8: "deflate", 32773: "PackBits", 32946: "deflate", 34892: "lossy JPEG (DNG)", 50000: "Zstandard"]
        return names[code] ?? "compression \(code)"
    }

    /// The name of a TIFF photometric interpretation, or `photometric N`.
    static func tiffPhotometric(_ code: Int) -> String {
        let names = [0: "grey (white is zero)", 1: "grey", 2: "RGB", 3: "palette", 4: "mask", 5: "CMYK", 6: "YCbCr",
                     8: "CIE L*a*b*", 32803: "CFA (raw sensor)", 34892: "linear raw"]
        return names[code] ?? "photometric \(code)"
    }

    static func inspect(_ report: InspectReport) -> String {
        var text = "\(e(report.path))\n"
        if let error = report.error { text += "  error: \(e(error.code)): \(e(error.message))\n" }
        if let video = report.video {
            // MP4 and QuickTime are read by the container parser too: their XMP and Content Credentials follow.
            return text + videoLines(video) + (report.image.map { xmpLine($0) + c2paLines($0) } ?? "")
        }
        guard let image = report.image else { return text }
        text += "  format: \(e(image.format)), \(image.width)×\(image.height), \(e(image.colorModel)), \(image.bitDepth)-bit\n"
        if let jpeg = image.jpeg {
            let quality = jpeg.quality.map { "≈\($0)" } ?? "unknown"
            text += "  jpeg: quality \(quality), subsampling \(e(jpeg.subsampling ?? "unknown")), "
                + "\(jpeg.progressive ? "progressive" : "baseline")\(jpeg.arithmetic ? ", arithmetic" : "")\n"
        }
        if let png = image.png {
            text += "  png: \(png.interlaced ? "interlaced" : "not interlaced")"
            if let palette = png.paletteSize { text += ", palette of \(palette)" }
            text += ", chunks \(png.chunkTypes.map { e($0) }.joined(separator: " "))\n"
        }
        if let webp = image.webp {
            var parts = [webp.lossless ? "lossless (VP8L)" : "lossy (VP8)"]
            if webp.hasAlpha { parts.append("alpha") }
            if webp.animated {
                parts.append("animated")
                parts.append(webp.frameCount == 1 ? "1 frame" : "\(webp.frameCount) frames")
            } else {
                parts.append("still")
            }
            text += "  webp: " + parts.joined(separator: ", ") + "\n"
        }
        if let bmff = image.bmff {
            let brands = bmff.brands.isEmpty ? "none" : bmff.brands.map { e($0) }.joined(separator: " ")
            var parts = ["brands " + brands, bmff.itemCount == 1 ? "1 item" : "\(bmff.itemCount) items"]
            if bmff.hasSequence { parts.append("image sequence") }
            text += "  bmff: " + parts.joined(separator: ", ") + "\n"
        }
        if let tiff = image.tiff {
            var parts = [tiff.byteOrder == "MM" ? "big-endian" : "little-endian", Self.tiffCompression(tiff.compression)]
            parts.append(tiff.photometric.map(Self.tiffPhotometric) ?? "photometric not given")
            parts.append("\(tiff.samplesPerPixel) × \(tiff.bitsPerSample)-bit samples")
            if tiff.dng { parts.append(tiff.subIFDCount == 1 ? "DNG with 1 sub-IFD" : "DNG with \(tiff.subIFDCount) sub-IFDs") }
            text += "  tiff: " + parts.joined(separator: ", ") + "\n"
        }
        if let exif = image.exif {
            let fields: [(String, String?)] = [
                ("make", exif.make), ("model", exif.model), ("software", exif.software),
                ("taken", exif.dateTimeOriginal), ("description", exif.imageDescription), ("artist", exif.artist),
                ("copyright", exif.copyright), ("comment", exif.userComment),
            ]
            let present = fields.compactMap { name, value in value.map { "\(name) \(e($0))" } }
            text += "  exif: \(present.isEmpty ? "no summary fields" : present.joined(separator: "; "))\n"
            if let latitude = exif.gpsLatitude, let longitude = exif.gpsLongitude {
                text += String(format: "  gps: %.6f, %.6f\n", latitude, longitude)
            }
            var camera: [String] = []
            if let lens = [exif.lensMake, exif.lensModel].compactMap({ $0 }).joined(separator: " ").nonEmpty { camera.append("lens \(e(lens))") }
            if let orientation = exif.orientation { camera.append("orientation \(orientation)") }
            if let time = exif.exposureTime { camera.append(time < 1 && time > 0 ? String(format: "exposure 1/%.0f s", 1 / time) : String(format: "exposure %.1f s", time)) }
            if let fNumber = exif.fNumber { camera.append(String(format: "f/%.1f", fNumber)) }
            if let iso = exif.iso { camera.append("ISO \(iso)") }
            if let focal = exif.focalLength { camera.append(String(format: "%.0f mm", focal)) }
            if !camera.isEmpty { text += "  camera: \(camera.joined(separator: ", "))\n" }
        } else {
            text += "  exif: none\n"
        }
        text += xmpLine(image)
        for chunk in image.textChunks {
            text += "  text chunk \(e(chunk.keyword)) (\(e(chunk.chunkType))): \(e(chunk.text.prefix(120)))\n"
        }
        for comment in image.comments { text += "  comment: \(e(comment.prefix(120)))\n" }
        if let iptc = image.iptc {
            let fields: [(String, String?)] = [
                ("title", iptc.objectName), ("headline", iptc.headline), ("caption", iptc.caption),
                ("by", iptc.byline.isEmpty ? nil : iptc.byline.joined(separator: ", ")), ("credit", iptc.credit),
                ("source", iptc.source), ("copyright", iptc.copyrightNotice),
                ("keywords", iptc.keywords.isEmpty ? nil : iptc.keywords.joined(separator: ", ")),
            ]
            text += "  iptc: " + fields.compactMap { name, value in value.map { "\(name) \(e($0))" } }.joined(separator: "; ") + "\n"
        }
        if let icc = image.iccProfileBytes {
            text += "  icc profile: \(icc) bytes\(image.iccDescription.map { ", \(e($0))" } ?? "")\n"
        }
        return text + c2paLines(image)
    }

    /// `inspect`'s XMP line.
    static func xmpLine(_ image: ImageSummary) -> String {
        guard let xmp = image.xmp else { return "  xmp: none\n" }
        var text = "  xmp: digital source type \(e(xmp.digitalSourceType ?? "not declared"))"
        if let tool = xmp.creatorTool { text += "; creator tool \(e(tool))" }
        return text + "\n"
    }

    /// `inspect`'s Content Credentials lines.
    static func c2paLines(_ image: ImageSummary) -> String {
        guard let c2pa = image.c2pa else { return "  c2pa: \(image.c2paPresent ? "present" : "none")\n" }
        var text = "  c2pa: \(c2pa.manifestCount) manifest\(c2pa.manifestCount == 1 ? "" : "s"), state \(c2pa.state.rawValue)"
        if let label = c2pa.activeManifest { text += ", active \(e(label))" }
        text += "\n"
        if let generator = c2pa.claimGenerator { text += "    claim generator: \(e(generator))\n" }
        if let declared = c2pa.digitalSourceType { text += "    declared source: \(e(declared))\n" }
        if !c2pa.actions.isEmpty { text += "    actions: \(c2pa.actions.map { e($0) }.joined(separator: ", "))\n" }
        return text + "    ingredients: \(c2pa.ingredientCount)\n"
    }
}

extension TextRenderer {
    /// A video's container facts for `inspect`.
    static func videoLines(_ video: VideoSummary) -> String {
        var text = "  format: \(e(video.format)) (\(e(video.container))), codec \(e(video.codec)), \(video.width)×\(video.height)\n"
        let duration = video.durationSeconds.map { "\($0) s" } ?? "unknown"
        let rate = video.frameRate.map { "\($0) fps" } ?? "unknown"
        text += "  duration: \(duration), frame rate \(rate), frames \(video.frameCount.map { "\($0)" } ?? "unknown")\n"
        text += "  rotation: \(video.rotation)°, audio: \(video.hasAudio ? "yes" : "no")"
        if let bitRate = video.bitRate { text += ", \(bitRate / 1000) kbit/s" }
        text += "\n"
        text += "  created: \(e(video.creationTime ?? "not declared")), encoder: \(e(video.encoder ?? "not declared"))\n"
        for tag in video.tags where tag.key != "creation_time" && tag.key != "encoder" {
            text += "  tag \(e(tag.scope)) \(e(tag.key)): \(e(tag.value.prefix(120)))\n"
        }
        return text
    }
}

/// Timestamps in text output.
enum FramesSectionText {
    /// `12.345 s`.
    static func time(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }
}

extension String {
    /// The string, or `nil` when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
