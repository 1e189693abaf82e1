import ByteParsing
import Foundation
import ImageContainers

/// The Provenant façade: analyses image files or bytes and returns Sendable reports.
///
/// Every stage shares one read of the file and one decode of the pixels. Create one analyzer and
/// share it between tasks; it holds no mutable state.
///
/// ```swift
/// let analyzer = try Analyzer()
/// let report = await analyzer.analyze(path: "upload.jpg")
/// print(report.aiProbability ?? -1, report.verdict?.rawValue ?? "error")
/// ```
public struct Analyzer: Sendable {
    /// The configuration the analyzer was created with.
    public let configuration: AnalyzerConfiguration
    /// The fusion model in use (the configured policy with the resolved verdict band).
    public let fusion: Fusion
    let engines: StageEngines

    /// Creates an analyzer, loading the detector model and the trust settings once.
    ///
    /// - Throws: ``ReportError`` when the detector stage is configured and no model is found
    ///   (`model.not_found`) or it cannot be loaded (`model.*`), or when the trust settings cannot be
    ///   loaded (`trust.invalid`, `trust.no_certificates`). It never falls back to a neutral answer.
    public init(configuration: AnalyzerConfiguration = AnalyzerConfiguration()) throws(ReportError) {
        self.configuration = configuration
        let engines = try StageEngines(configuration: configuration)
        self.engines = engines
        var policy = configuration.fusion
        if let band = configuration.verdictBand {
            policy.band = band
        } else if let band = engines.modelBand {
            policy.band = band
        }
        if configuration.authenticBelow != nil || configuration.aiAbove != nil {
            policy.band = VerdictBand(
                lower: configuration.authenticBelow ?? policy.band.lower, upper: configuration.aiAbove ?? policy.band.upper)
        }
        self.fusion = Fusion(policy: policy)
    }

    /// The same analyzer (same loaded models and trust settings) with another deep-stage mode, for callers
    /// that choose the mode per request (the HTTP service's `deep=` parameter). Choosing `.auto` or
    /// `.always` on an analyzer created with `.never` has no deep stage to run: its reports say so.
    public func withDeepMode(_ mode: DeepMode) -> Analyzer {
        var configuration = self.configuration
        configuration.deep = mode
        return Analyzer(configuration: configuration, fusion: fusion, engines: engines)
    }

    init(configuration: AnalyzerConfiguration, fusion: Fusion, engines: StageEngines) {
        self.configuration = configuration
        self.fusion = fusion
        self.engines = engines
    }

    /// The detector model's version, or `nil` when the detector stage is not configured.
    public var modelVersion: String? { engines.model?.modelVersion }

    /// The detector model file in use, or `nil` when the detector stage is not configured.
    public var modelPath: String? { engines.modelPath }

    /// Why the deep stage cannot run although ``AnalyzerConfiguration/deep`` asks for it (no fused
    /// model given and none found), or `nil`. Reports then carry the hand-crafted detector only.
    public var deepUnavailable: ReportError? { engines.deepProblem }

    /// The fused model's version when the deep stage is loaded.
    public var deepModelVersion: String? { engines.deep?.detector.file.modelVersion }

    /// Analyses the file at a path.
    public func analyze(path: String) async -> AnalysisReport {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = ThreadCPUClock.now()
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(path: path, maxBytes: configuration.limits.maxFileBytes)
        } catch {
            return AnalysisReport(path: path, error: error)
        }
        let readSeconds = Self.seconds(clock.now - start)
        let readCPU = ThreadCPUClock.now() - cpuStart
        var report = await analyze(bytes: bytes, name: path)
        report.timings.read = readSeconds
        report.cpuTimings.read = readCPU
        return report
    }

    /// Analyses the file at a file URL.
    public func analyze(url: URL) async -> AnalysisReport {
        await analyze(path: url.path)
    }

    /// Analyses image bytes already in memory; `name` becomes the report's `path`.
    public func analyze(bytes: [UInt8], name: String) async -> AnalysisReport {
        analyzeSync(bytes: bytes, name: name)
    }

    /// Inspects the container of the file at a path, without analysing it.
    public func inspect(path: String) async -> InspectReport {
        do {
            let bytes = try FileReader.read(path: path, maxBytes: configuration.limits.maxFileBytes)
            return inspect(bytes: bytes, name: path)
        } catch {
            return InspectReport(path: path, image: nil, error: error)
        }
    }

    /// Inspects the container of image bytes already in memory.
    public func inspect(bytes: [UInt8], name: String) -> InspectReport {
        if let error = Self.formatError(bytes, decoding: false) {
            return InspectReport(path: name, image: nil, error: error)
        }
        switch engines.container(bytes, limits: configuration.limits) {
        case .success(let parsed):
            var summary = parsed.summary
            // The C2PA summary (manifest count, active label, generator, declared source, actions, ingredients).
            if parsed.mayHoldC2PA { summary.c2pa = engines.c2pa(bytes, detailed: false).0 }
            return InspectReport(path: name, image: summary, error: nil)
        case .failure(let error): return InspectReport(path: name, image: nil, error: error)
        }
    }

    /// The whole pipeline on bytes, synchronously (callers run it from an async context).
    func analyzeSync(bytes: [UInt8], name: String) -> AnalysisReport {
        let clock = ContinuousClock()
        let stages = configuration.stages
        var report = AnalysisReport(path: name)
        if stages.contains(.detector) { report.modelVersion = engines.model?.modelVersion }
        if let error = Self.formatError(bytes, decoding: stages.needsPixels) {
            report.error = error
            return report
        }
        if bytes.count > configuration.limits.maxFileBytes {
            report.error = ReportError(
                code: "limit.file_too_large",
                message: "\(bytes.count) bytes; the limit is \(configuration.limits.maxFileBytes)")
            return report
        }

        var evidence = FusionEvidence()
        var timings = StageTimings()
        var cpu = StageTimings()
        var mark = clock.now
        var cpuMark = ThreadCPUClock.now()
        // Wall time of the stage just finished; its CPU time goes to `cpu` through the key path.
        func lap(_ stage: WritableKeyPath<StageTimings, Double>) -> Double {
            let now = clock.now
            let cpuNow = ThreadCPUClock.now()
            cpu[keyPath: stage] = cpuNow - cpuMark
            defer {
                mark = now
                cpuMark = cpuNow
            }
            return Self.seconds(now - mark)
        }

        var failure: ReportError?
        var parsed: ParsedContainer?
        if stages.contains(.metadata) || stages.needsPixels {
            switch engines.container(bytes, limits: configuration.limits) {
            case .success(let container):
                timings.container = lap(\.container)
                parsed = container
                if stages.contains(.metadata) {
                    evidence.metadata = engines.metadataFindings(container)
                    timings.metadata = lap(\.metadata)
                }
            case .failure(let error):
                timings.container = lap(\.container)
                failure = error
            }
        }

        if stages.contains(.c2pa) {
            // The container parse already tells whether there is anything to verify; when it found no
            // manifest store and no remote reference the verifier would report `absent`, so skip it.
            // When the container could not be parsed, the verifier runs on the bytes regardless.
            let summary: C2PASummary
            if let parsed, !parsed.mayHoldC2PA, !configuration.detailedProvenance {
                summary = .absent
            } else {
                let (verified, detailed) = engines.c2pa(
                    bytes, detailed: configuration.detailedProvenance, style: configuration.provenanceDumpStyle)
                summary = verified
                report.detailedProvenance = detailed
            }
            evidence.c2pa = summary
            report.provenance = ProvenanceSection(c2pa: summary)
            timings.c2pa = lap(\.c2pa)
        }

        if failure == nil, stages.needsPixels {
            switch engines.decode(bytes, limits: configuration.limits, budget: configuration.decodeBudget) {
            case .success(let pixels):
                timings.decode = lap(\.decode)
                report.warnings += pixels.image.warnings.map(ReportWarning.decoder)
                if stages.contains(.detector), let side = engines.measuredMinimumSide,
                    min(pixels.image.sourceWidth, pixels.image.sourceHeight) < side
                {
                    report.warnings.append(
                        ReportWarning(
                            code: "detector.unmeasured_size",
                            message: "the image is \(pixels.image.sourceWidth)×\(pixels.image.sourceHeight); the detector was "
                                + "only measured on images at least \(side) px on each side"))
                }
                if stages.contains(.watermark) {
                    evidence.watermark = engines.watermark(pixels, bytes: bytes, limits: configuration.limits)
                    timings.watermark = lap(\.watermark)
                }
                if stages.contains(.detector) {
                    evidence.detector = engines.detector(pixels)
                    timings.detector = lap(\.detector)
                    if let deep = engines.deep {
                        do {
                            evidence.deep = try runDeep(deep, pixels, evidence)
                        } catch {
                            failure = error
                        }
                        report.deepStage = evidence.deep
                        timings.deep = lap(\.deep)
                    }
                }
            case .failure(let error):
                timings.decode = lap(\.decode)
                failure = error
            }
        }

        evidence.pixelWarnings = report.warnings.filter(\.concernsPixels)
        report.signals = Self.signals(for: evidence)
        if let failure {
            report.error = failure
        } else if stages.contains(.fusion) {
            let result = fusion.fuse(evidence)
            report.aiProbability = result.aiProbability
            report.verdict = result.verdict
            report.explanation = result
            timings.fusion = lap(\.fusion)
        }
        report.timings = timings
        report.cpuTimings = cpu
        return report
    }

    /// The report signals, in order: C2PA, watermark, metadata, detector.
    static func signals(for evidence: FusionEvidence) -> [Signal] {
        var signals: [Signal] = []
        if let c2pa = evidence.c2pa { signals.append(c2pa.signal) }
        if let watermark = evidence.watermark { signals.append(watermark.signal) }
        signals.append(contentsOf: evidence.metadata.map(\.signal))
        if let detector = evidence.detector { signals.append(detector.signal) }
        if let deep = evidence.deep { signals.append(deep.signal) }
        return signals
    }

    /// The cascade: runs the deep stage when the mode asks for it, or says why it was skipped.
    func runDeep(_ deep: DeepStage, _ pixels: DecodedPixels, _ evidence: FusionEvidence) throws(ReportError) -> DeepEvidence {
        let mode = configuration.deep
        let handcrafted = evidence.detector?.probability
        let reason: String
        switch mode {
        case .never:
            return DeepEvidence(mode: mode, ran: false, reason: "--deep never", smallImage: deep.isSmall(pixels.image))
        case .always:
            reason = "--deep always"
        case .auto:
            if let decisive = Self.decisiveEvidence(evidence, fusion: fusion) {
                return DeepEvidence(
                    mode: mode, ran: false, reason: "\(decisive) already decides the verdict (--deep auto)",
                    smallImage: deep.isSmall(pixels.image))
            }
            let cascade = deep.detector.file.cascade
            let band = "[\(Fusion.format(cascade.skipBelow)), \(Fusion.format(cascade.skipAbove))]"
            if !deep.detector.cascadeWantsDeep(handcraftedProbability: handcrafted) {
                return DeepEvidence(
                    mode: mode, ran: false,
                    reason: "pixel-statistics probability \(Fusion.format(handcrafted ?? 0.5)) is outside the cascade band \(band) (--deep auto)",
                    smallImage: deep.isSmall(pixels.image))
            }
            reason = handcrafted.map { "pixel-statistics probability \(Fusion.format($0)) is inside the cascade band \(band)" }
                ?? "the pixel-statistics detector gave no score"
        }
        return try deep.score(pixels.image, handcraftedProbability: handcrafted ?? 0.5, mode: mode, reason: reason)
    }

    /// Evidence that already decides the verdict without pixels: a verified manifest declaring AI or
    /// capture, a known watermark, or a strong generator-metadata trace. `nil` when there is none.
    static func decisiveEvidence(_ evidence: FusionEvidence, fusion: Fusion) -> String? {
        if let c2pa = evidence.c2pa, fusion.c2paContribution(c2pa).2 { return "verified Content Credentials" }
        if evidence.watermark?.detected == true { return "a known invisible watermark" }
        if evidence.metadata.contains(where: { $0.detected && $0.strength == .strong }) { return "a strong generator-metadata trace" }
        return nil
    }

    /// `format.unknown` for bytes that are no image, `format.unsupported` for images Provenant cannot read.
    /// Without `decoding` (verify, inspect, metadata only) a format whose container is read but whose
    /// pixels are not (GIF, MP4, QuickTime) passes.
    static func formatError(_ bytes: [UInt8], decoding: Bool = true) -> ReportError? {
        let format = ImageFormat.sniff(bytes)
        if format == .unknown {
            return ReportError(code: "format.unknown", message: "not an image (no known image signature)")
        }
        if decoding ? !format.isSupported : !format.hasReadableContainer {
            return ReportError(
                code: "format.unsupported", message: "\(format.rawValue) images are not supported yet (JPEG, PNG, WebP, HEIF/HEIC, AVIF and TIFF/DNG are)")
        }
        return nil
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

extension Analyzer {
    /// Analyses one image read from standard input (at most the configured file-size limit); the report's
    /// `path` is `name` (`-` by default).
    public func analyzeStandardInput(name: String = "-") async -> AnalysisReport {
        do {
            let bytes = try FileReader.readStream(
                FileHandle.standardInput, name: "standard input", maxBytes: configuration.limits.maxFileBytes)
            return await analyze(bytes: bytes, name: name)
        } catch {
            return AnalysisReport(path: name, error: error)
        }
    }

    /// Inspects one image read from standard input; the report's `path` is `name`.
    public func inspectStandardInput(name: String = "-") -> InspectReport {
        do {
            let bytes = try FileReader.readStream(
                FileHandle.standardInput, name: "standard input", maxBytes: configuration.limits.maxFileBytes)
            return inspect(bytes: bytes, name: name)
        } catch {
            return InspectReport(path: name, image: nil, error: error)
        }
    }
}

extension Analyzer {
    /// The detector model file an analyzer with the default configuration loads: `PROVENANT_MODEL`, else
    /// `provenant-detector-v1.json` in the `Models` directory `resources` finds.
    /// - Throws: ``ReportError`` `model.not_found` when there is none.
    public static func defaultModelPath(resources: ResourceLocator = ResourceLocator()) throws(ReportError) -> String {
        var configuration = AnalyzerConfiguration()
        configuration.resources = resources
        return try StageEngines.resolveModelPath(configuration)
    }
}
