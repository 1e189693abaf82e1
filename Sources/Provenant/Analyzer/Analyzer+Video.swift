import Forensics
import ImageContainers
import ImageDecoding

/// The video path of the pipeline: MP4, QuickTime and WebM go to FFmpeg (``VideoReader``) instead of the
/// container parser and the still-image decoders.
///
/// C2PA is verified on the file's bytes by the same verifier as for images (a format it cannot read yet is
/// reported as the verifier's result and counts nothing; it never stops the frame analysis). Metadata is the
/// container's and video stream's tags plus each sampled frame's own metadata. The pixels are the frames
/// ``FrameSamplingPolicy`` picks, each run through the watermark reader, the statistical detector and,
/// on at most ``FrameSamplingPolicy/maxDeepFrames`` of them, the deep stage's cascade; ``FrameAggregate``
/// turns the frame probabilities into the clip's pixel evidence, which fusion weighs like an image's.
extension Analyzer {
    /// Analyses one video file's bytes.
    func analyzeVideo(bytes: [UInt8], name: String) -> AnalysisReport {
        let clock = ContinuousClock()
        let stages = configuration.stages
        var report = AnalysisReport(path: name)
        if stages.contains(.detector) { report.modelVersion = engines.model?.modelVersion }
        var evidence = FusionEvidence()
        var timings = StageTimings()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { mark = now }
            return Self.seconds(now - mark)
        }

        if stages.contains(.c2pa) {
            let (verified, detailed) = engines.c2pa(
                bytes, detailed: configuration.detailedProvenance, style: configuration.provenanceDumpStyle)
            evidence.c2pa = verified
            report.provenance = ProvenanceSection(c2pa: verified)
            report.detailedProvenance = detailed
            timings.c2pa = lap()
        }

        var failure: ReportError?
        if stages.contains(.metadata) || stages.needsPixels {
            do throws(ReportError) {
                let video = try videoFrames(bytes, evidence: evidence, timings: &timings)
                report.warnings += video.warnings
                if stages.contains(.metadata) { evidence.metadata = video.metadata }
                if stages.needsPixels {
                    evidence.frames = video.frames
                    report.frames = video.frames
                    report.deepStage = video.deep
                    evidence.watermark = video.watermark
                }
            } catch {
                failure = error
            }
            mark = clock.now
        }

        evidence.pixelWarnings = report.warnings.filter(\.concernsPixels)
        report.signals = Self.signals(for: evidence)
        if let frames = evidence.frames, stages.contains(.detector) { report.signals.append(frames.signal) }
        if let failure {
            report.error = failure
        } else if stages.contains(.fusion) {
            let result = fusion.fuse(evidence)
            report.aiProbability = result.aiProbability
            report.verdict = result.verdict
            report.explanation = result
            timings.fusion = lap()
        }
        report.timings = timings
        return report
    }

    /// What the video path found besides C2PA.
    struct VideoEvidence {
        /// The sampled frames and their aggregate.
        var frames: FramesSection
        /// Generator traces in the tags and the frames' own metadata.
        var metadata: [MetadataEvidence]
        /// The deep stage's summary over the frames.
        var deep: DeepEvidence?
        /// The clip's watermark evidence.
        var watermark: WatermarkEvidence?
        /// Warnings about the pixels.
        var warnings: [ReportWarning]
    }

    /// Opens the video, samples frames and analyses each one.
    func videoFrames(_ bytes: [UInt8], evidence: FusionEvidence, timings: inout StageTimings) throws(ReportError)
        -> VideoEvidence
    {
        let clock = ContinuousClock()
        var mark = clock.now
        let stages = configuration.stages
        let policy = configuration.frameSampling
        let reader: VideoReader
        let index: VideoFrameIndex
        do {
            reader = try VideoReader(bytes: bytes, limits: configuration.videoLimits)
            index = try reader.frameIndex()
        } catch {
            throw ReportError(code: "decode.\(error.code.rawValue)", message: error.description)
        }
        timings.container = Self.seconds(clock.now - mark)
        mark = clock.now

        let choices = stages.needsPixels ? policy.select(index) : []
        let deepSlots = policy.deepFrameSlots(count: choices.count)
        let decisive = Self.decisiveEvidence(evidence, fusion: fusion)
        var results: [FrameResult] = []
        var frameTexts: [String] = []
        var watermarks: [WatermarkEvidence?] = []
        var deepSeconds = 0.0
        var deepProblem: ReportError?
        var skipReasons: [String] = []
        var smallest = Int.max
        var slot = 0
        do throws(DecodeError) {
            try reader.decodeFrames(at: choices.map(\.position), in: index, maxSide: policy.maxSide) { frame in
                timings.decode += Self.seconds(clock.now - mark)
                mark = clock.now
                defer { slot += 1 }
                let choice = slot < choices.count ? choices[slot] : FrameSamplingPolicy.Choice(position: frame.position, reason: .evenlySpaced)
                let pixels = DecodedPixels(image: frame.image)
                smallest = min(smallest, frame.image.sourceWidth, frame.image.sourceHeight)
                var findings: [String] = []
                if stages.contains(.metadata), !frame.metadataText.isEmpty {
                    frameTexts.append(frame.metadataText)
                    findings = GeneratorMetadataScanner.scan(Self.frameMetadata(frame.metadataText))
                        .filter(\.detected).map(\.name)
                }
                var watermark: WatermarkEvidence?
                if stages.contains(.watermark) {
                    watermark = engines.watermark(pixels, bytes: [], limits: configuration.limits)
                    timings.watermark += Self.seconds(clock.now - mark)
                    mark = clock.now
                }
                watermarks.append(watermark)
                var statistical: Double?
                var deepProbability: Double?
                if stages.contains(.detector) {
                    statistical = engines.detector(pixels)?.probability
                    timings.detector += Self.seconds(clock.now - mark)
                    mark = clock.now
                    if let deep = engines.deep, deepProblem == nil {
                        let (run, reason) = Self.frameWantsDeep(
                            mode: configuration.deep, allowed: deepSlots.contains(slot), decisive: decisive,
                            handcrafted: statistical, deep: deep)
                        if run {
                            do throws(ReportError) {
                                let scored = try deep.score(
                                    frame.image, handcraftedProbability: statistical ?? 0.5, mode: configuration.deep,
                                    reason: reason)
                                deepProbability = scored.probability
                                deepSeconds += scored.seconds
                            } catch {
                                deepProblem = error
                            }
                        } else {
                            skipReasons.append(reason)
                        }
                        timings.deep += Self.seconds(clock.now - mark)
                        mark = clock.now
                    }
                }
                results.append(
                    FrameResult(
                        index: frame.position, timestamp: frame.seconds, keyframe: frame.isKeyframe, reason: choice.reason,
                        statisticalProbability: statistical, deepProbability: deepProbability,
                        watermarkDetected: watermark.flatMap { $0.checked ? $0.detected : nil }, metadataFindings: findings))
            }
        } catch {
            throw ReportError(code: "decode.\(error.code.rawValue)", message: error.description)
        }
        if let deepProblem { throw deepProblem }

        let deepRuns = results.filter { $0.deepProbability != nil }.count
        let source = deepRuns > 0 ? "deep" : "statistical"
        for i in results.indices {
            results[i].probability = source == "deep" ? results[i].deepProbability : results[i].statisticalProbability
        }
        let summary = VideoSummary(reader.info, frameCount: index.entries.count)
        let section = FramesSection(
            video: summary, total: index.entries.count, maxFrames: policy.maxFrames, source: source,
            rule: configuration.frameAggregate, sampled: results)
        var metadata: [MetadataEvidence] = []
        if stages.contains(.metadata) {
            metadata = engines.metadataFindings(Self.clipMetadata(reader.info, frameTexts))
        }

        var deepEvidence: DeepEvidence?
        if stages.contains(.detector) {
            if let deep = engines.deep {
                let deepValues = results.compactMap(\.deepProbability)
                let reason =
                    deepRuns > 0
                    ? "ran on \(deepRuns) of \(results.count) sampled frames (at most \(policy.maxDeepFrames) per clip)"
                    : (skipReasons.first ?? "no sampled frame was allotted to the deep stage (--max-deep-frames \(policy.maxDeepFrames))")
                deepEvidence = DeepEvidence(
                    mode: configuration.deep, ran: deepRuns > 0, reason: reason,
                    probability: configuration.frameAggregate.combine(deepValues).map { ReportRounding.probability($0.probability) },
                    modelVersion: deep.detector.file.modelVersion, smallImage: smallest < deep.detector.file.minShortSide,
                    seconds: deepSeconds)
            }
        }

        var warnings: [ReportWarning] = []
        if let notApplied = Self.rotationNotApplied(reader.info), stages.needsPixels { warnings.append(notApplied) }
        if stages.contains(.detector), let side = engines.measuredMinimumSide, smallest < side, smallest != Int.max {
            warnings.append(
                ReportWarning(
                    code: "detector.unmeasured_size",
                    message: "the video frames are \(reader.info.uprightWidth)×\(reader.info.uprightHeight); the detector "
                        + "was only measured on images at least \(side) px on each side"))
        }
        return VideoEvidence(
            frames: section, metadata: metadata, deep: deepEvidence,
            watermark: stages.contains(.watermark) ? Self.clipWatermark(results, watermarks) : nil, warnings: warnings)
    }

    /// The `video.rotation_not_applied` warning when the display matrix is not a right-angle rotation (another
    /// angle, a mirror, a shear): the frames are then analysed as coded, not as a player shows them.
    static func rotationNotApplied(_ info: VideoInfo) -> ReportWarning? {
        guard let matrix = info.displayMatrix, info.uprightOrientation == nil else { return nil }
        let what = matrix.isMirrored ? "mirrors the picture" : "turns the picture by \(info.rotation)° clockwise"
        return ReportWarning(
            code: ReportWarning.videoRotationNotAppliedCode,
            message: "the display matrix \(what); only exact quarter turns (90°, 180°, 270°) are applied, so the "
                + "frames were analysed as coded")
    }

    /// Whether the deep stage runs on one sampled frame, and why (or why not).
    static func frameWantsDeep(
        mode: DeepMode, allowed: Bool, decisive: String?, handcrafted: Double?, deep: DeepStage
    ) -> (Bool, String) {
        switch mode {
        case .never:
            return (false, "--deep never")
        case .always:
            return allowed ? (true, "--deep always") : (false, "frame not among the clip's deep-stage frames")
        case .auto:
            if let decisive { return (false, "\(decisive) already decides the verdict (--deep auto)") }
            let cascade = deep.detector.file.cascade
            let band = "[\(Fusion.format(cascade.skipBelow)), \(Fusion.format(cascade.skipAbove))]"
            guard deep.detector.cascadeWantsDeep(handcraftedProbability: handcrafted) else {
                return (
                    false,
                    "pixel-statistics probability \(Fusion.format(handcrafted ?? 0.5)) is outside the cascade band \(band) (--deep auto)"
                )
            }
            return allowed
                ? (true, "pixel-statistics probability inside the cascade band \(band)")
                : (false, "frame not among the clip's deep-stage frames")
        }
    }

    /// The clip's watermark evidence: detected when a known mark is found on any sampled frame.
    static func clipWatermark(_ frames: [FrameResult], _ watermarks: [WatermarkEvidence?]) -> WatermarkEvidence? {
        let checked = watermarks.compactMap { $0 }.filter(\.checked)
        guard !watermarks.isEmpty else { return nil }
        guard !checked.isEmpty else {
            // Say why once, in the frames' own words (they share one size, so one reason covers them).
            let why = watermarks.compactMap { $0?.uncheckedReason }.first ?? "no sampled frame was checked"
            let frames = watermarks.count == 1 ? "the one sampled frame" : "all \(watermarks.count) sampled frames"
            return WatermarkEvidence(
                detected: false, payloadName: nil, bitsMatched: 0, bitsTotal: 0,
                detail: "\(WatermarkEvidence.uncheckedPrefix)\(why) (\(frames))", checked: false)
        }
        let hits = zip(frames, watermarks).filter { $0.1?.detected == true }
        if let hit = hits.first, let mark = hit.1 {
            let frame = hit.0
            return WatermarkEvidence(
                detected: true, payloadName: mark.payloadName, bitsMatched: mark.bitsMatched, bitsTotal: mark.bitsTotal,
                detail: "found on \(hits.count) of \(frames.count) sampled frames (first at \(FramesSection.time(frame.timestamp))): \(mark.detail)")
        }
        let best = checked.max { $0.bitsMatched < $1.bitsMatched }
        return WatermarkEvidence(
            detected: false, payloadName: nil, bitsMatched: best?.bitsMatched ?? 0, bitsTotal: best?.bitsTotal ?? 0,
            detail: "no known watermark on any of \(checked.count) sampled frames")
    }

    /// The container and stream tags plus the sampled frames' own metadata, as the metadata scanner reads them.
    static func clipMetadata(_ info: VideoInfo, _ frameTexts: [String]) -> ImageMetadata {
        var chunks = info.tags.map { TextChunk(keyword: $0.key, text: $0.value, chunkType: "video \($0.scope) tag") }
        var seen: Set<String> = []
        for text in frameTexts where seen.insert(text).inserted {
            chunks.append(TextChunk(keyword: "frame metadata", text: text, chunkType: "video frame"))
        }
        return ImageMetadata(textChunks: chunks)
    }

    /// One frame's own metadata for the scanner.
    static func frameMetadata(_ text: String) -> ImageMetadata {
        ImageMetadata(textChunks: [TextChunk(keyword: "frame metadata", text: text, chunkType: "video frame")])
    }

    /// Inspects a video: the container and stream facts and the frame count.
    func inspectVideo(bytes: [UInt8], name: String) -> InspectReport {
        do {
            let reader = try VideoReader(bytes: bytes, limits: configuration.videoLimits)
            let index = try reader.frameIndex()
            var report = InspectReport(path: name, video: VideoSummary(reader.info, frameCount: index.entries.count))
            // Where the container parser reads the file too (MP4, QuickTime), its summary (metadata, Content
            // Credentials) stays in `image`, as for a still image.
            if case .success(let parsed) = engines.container(bytes, limits: configuration.limits) {
                var summary = parsed.summary
                if parsed.mayHoldC2PA { summary.c2pa = engines.c2pa(bytes, detailed: false).0 }
                report.image = summary
            }
            return report
        } catch {
            return InspectReport(
                path: name, image: nil, error: ReportError(code: "decode.\(error.code.rawValue)", message: error.description))
        }
    }
}
