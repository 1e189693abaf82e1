import Hummingbird
import Logging
import NIOCore
import Provenant

/// `POST /v1/check`, `/v1/verify` and `/v1/inspect`: read the upload, sniff it, analyse it on a worker,
/// answer with the CLI's JSON contract plus the service's added fields.
struct AnalysisRoutes: Sendable {
    let configuration: ServiceConfiguration
    let readiness: Readiness
    let workers: WorkerPool
    let metrics: ServiceMetrics
    /// Each connection's departure, so that a request whose client has gone gives its worker or queue place up.
    let departures: ClientDepartures

    /// `POST /v1/check`: one report, or an array for several multipart files.
    func check(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let options = try CheckOptions(query: request.uri.queryParameters)
        let analyzers = try readiness.analyzers()
        let configured = options.detailed ? analyzers.checkDetailed : analyzers.check
        let analyzer = options.deep.map { configured.withDeepMode($0) } ?? configured
        return try await answer(request, context: context, route: "check") { upload in
            let report = analyzer.analyzeBlocking(bytes: upload.bytes, name: upload.name)
            return (report, report, analyzer.modelVersion)
        } encodeDetailed: { report in
            options.detailed ? report.detailedProvenance : nil
        }
    }

    /// `POST /v1/verify`: the C2PA verification report of `provenant verify`.
    func verify(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let detailed = try CheckOptions.flag(request.uri.queryParameters, "detailed")
        let analyzers = try readiness.analyzers()
        let analyzer = detailed ? analyzers.verifyDetailed : analyzers.verify
        return try await answer(request, context: context, route: "verify") { upload in
            let report = analyzer.analyzeBlocking(bytes: upload.bytes, name: upload.name)
            return (VerifyReport(report, detailed: report.detailedProvenance), report, nil)
        } encodeDetailed: { _ in nil }
    }

    /// `POST /v1/inspect`: the container report of `provenant inspect`.
    func inspect(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let analyzers = try readiness.analyzers()
        let analyzer = analyzers.inspect
        return try await answer(request, context: context, route: "inspect") { upload in
            let report = analyzer.inspect(bytes: upload.bytes, name: upload.name)
            return (report, AnalysisReport(path: upload.name, error: report.error), nil)
        } encodeDetailed: { _ in nil }
    }

    /// The flow shared by the three routes.
    ///
    /// `work` returns the report to send, the analysis report behind it (for its error, timings and
    /// verdict) and the model version.
    private func answer<Report: Encodable & Sendable>(
        _ request: Request, context: ServiceRequestContext, route: String,
        work: @escaping @Sendable (Upload) -> (Report, AnalysisReport, String?),
        encodeDetailed: @escaping @Sendable (AnalysisReport) -> JSONValue?
    ) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let uploads = try await Upload.read(request, limit: configuration.maxUploadBytes, metrics: metrics)
        let readSeconds = seconds(clock.now - start)
        for upload in uploads { try MediaCheck.require(upload.bytes) }

        let departure = departures.departure(of: context.channel)
        var answers: [ServiceAnswer<Report>] = []
        var failures: [ReportError] = []
        for upload in uploads {
            let queued = clock.now
            let outcome = try await workers.run(until: departure) { () -> Outcome<Report> in
                let began = ContinuousClock.now
                let (report, analysis, modelVersion) = work(upload)
                return Outcome(report: report, analysis: analysis, modelVersion: modelVersion, began: began)
            }
            let queueSeconds = seconds(outcome.began - queued)
            var stages = outcome.analysis.timings
            stages.read = readSeconds / Double(uploads.count)
            metrics.analysis(outcome.analysis, queueSeconds: queueSeconds)
            if let error = outcome.analysis.error { failures.append(error) }
            let timings = AnswerTimings(stages: stages, queue: queueSeconds, total: seconds(clock.now - start))
            answers.append(
                ServiceAnswer(
                    report: outcome.report, requestID: context.requestID, modelVersion: outcome.modelVersion,
                    addsModelVersion: !(outcome.report is AnalysisReport), timings: timings,
                    detailed: encodeDetailed(outcome.analysis)))
            context.logger.info(
                "analysed",
                metadata: [
                    "route": .string(route), "bytes": .stringConvertible(upload.bytes.count),
                    "verdict": .string(outcome.analysis.verdict?.rawValue ?? "none"),
                    "error.code": .string(outcome.analysis.error?.code ?? "none"),
                    "seconds": .stringConvertible(timings.total),
                ])
        }
        if answers.count == 1, let failure = failures.first {
            throw Self.status(for: failure)
        }
        let json = answers.count == 1 ? try ReportJSON.line(answers[0]) : try ReportJSON.line(answers)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    /// The status of a single-file request whose analysis failed: 413 for a file over the analyzer's size
    /// limit, 415 for formats refused after sniffing, 422 for files that cannot be decoded or that break a
    /// decoding limit (pixel count, decompression budget).
    static func status(for error: ReportError) -> ServiceError {
        let status: HTTPResponse.Status
        if error.code == "limit.file_too_large" {
            status = .contentTooLarge
        } else if error.code.hasPrefix("format.") {
            status = .unsupportedMediaType
        } else {
            status = .unprocessableContent
        }
        return ServiceError(status: status, code: error.code, message: error.message)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// What one analysis hands back from the worker thread.
private struct Outcome<Report: Sendable>: Sendable {
    var report: Report
    var analysis: AnalysisReport
    var modelVersion: String?
    /// When the worker started (the wait before it is the queue time).
    var began: ContinuousClock.Instant
}
