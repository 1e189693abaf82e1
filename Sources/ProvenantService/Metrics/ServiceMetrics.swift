import Metrics
import class Prometheus.PrometheusCollectorRegistry
import struct Prometheus.PrometheusMetricsFactory
import Provenant

/// The service's metrics, kept in its own Prometheus registry (no process-wide bootstrap, so several
/// services or tests can run side by side) and served as Prometheus text at `/metrics`.
///
/// - `provenant_http_requests_total{route,status}`
/// - `provenant_http_request_duration_seconds{route}` (histogram)
/// - `provenant_stage_duration_seconds{stage}` (histogram: read, container, c2pa, decode, watermark,
///   detector, metadata, fusion, queue)
/// - `provenant_verdicts_total{verdict}` (likely_ai, likely_authentic, inconclusive, error)
/// - `provenant_requests_in_flight`, `provenant_requests_queued` (gauges)
/// - `provenant_received_bytes_total`
final class ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    let inFlight: Meter
    let queued: Meter
    private let receivedBytes: Counter

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let buckets: [Duration] = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        factory.defaultDurationHistogramBuckets = buckets
        self.factory = factory
        inFlight = Meter(label: "provenant_requests_in_flight", dimensions: [], factory: factory)
        queued = Meter(label: "provenant_requests_queued", dimensions: [], factory: factory)
        receivedBytes = Counter(label: "provenant_received_bytes_total", dimensions: [], factory: factory)
        inFlight.set(0)
        queued.set(0)
    }

    /// Counts one answered request and its duration.
    func request(route: String, status: Int, duration: Duration) {
        Counter(
            label: "provenant_http_requests_total", dimensions: [("route", route), ("status", String(status))],
            factory: factory
        ).increment()
        Timer(label: "provenant_http_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .record(duration: duration)
    }

    /// Counts bytes of request bodies read.
    func received(bytes: Int) {
        receivedBytes.increment(by: bytes)
    }

    /// Records one analysis: its stage times and its verdict (`error` when it failed).
    func analysis(_ report: AnalysisReport, queueSeconds: Double) {
        for (stage, seconds) in report.timings.stages + [("queue", queueSeconds)] {
            Timer(label: "provenant_stage_duration_seconds", dimensions: [("stage", stage)], factory: factory)
                .recordNanoseconds(Int64((seconds * 1e9).rounded()))
        }
        let verdict = report.verdict?.rawValue ?? "error"
        Counter(label: "provenant_verdicts_total", dimensions: [("verdict", verdict)], factory: factory).increment()
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
