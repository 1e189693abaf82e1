import ArgumentParser
import Foundation
import Logging
import Provenant
import ProvenantService
import ServiceLifecycle

/// `provenant serve`: the HTTP service and its web page. Parses options and runs ``ProvenantServer``.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (/v1/check, /v1/verify, /v1/inspect) and the upload page.",
        discussion: """
            Routes: GET / (the page, English or Japanese), POST /v1/check, /v1/verify, /v1/inspect, \
            GET /healthz, /readyz, /metrics (Prometheus), /openapi.json. See docs/service.md.

            SIGTERM or SIGINT: stop accepting connections, finish the requests in progress, exit 0.
            Logs go to standard error, one line per event with structured metadata; no upload bytes are \
            logged or stored.
            """
    )

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "TCP port (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("max-upload-mb"), help: "Largest request body accepted, in MiB (413 beyond).")
    var maxUploadMB = 50

    @Option(name: .long, help: "Analyses run at once (default: the number of cores).")
    var concurrency: Int = ProcessInfoBridge.activeProcessorCount

    @Option(name: .long, help: "Requests that may wait for a worker (default: 4 × concurrency); 429 beyond.")
    var queueDepth: Int?

    @Option(name: .customLong("timeout-s"), help: "Time budget of one analysis in seconds, queueing included (504 beyond).")
    var timeoutS: Double = 30

    @Option(name: .long, help: "File holding the bearer token the /v1 routes require (default: no authentication).")
    var apiKeyFile: String?

    @Option(name: .long, help: "Origin allowed to call the API from a browser (default: none; CORS off).")
    var corsOrigin: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @OptionGroup var analysis: AnalysisOptions

    @OptionGroup var trust: TrustOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...4096).contains(maxUploadMB) else { throw ValidationError("--max-upload-mb must be between 1 and 4096") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
        if let queueDepth, !(0...100_000).contains(queueDepth) {
            throw ValidationError("--queue-depth must be between 0 and 100000")
        }
        guard timeoutS > 0, timeoutS <= 3600 else { throw ValidationError("--timeout-s must be in (0, 3600]") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        var logger = Logger(label: "provenant.serve") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration = ServiceConfiguration(
            host: host, port: port, maxUploadBytes: maxUploadMB * 1024 * 1024, concurrency: concurrency,
            queueDepth: queueDepth, timeoutSeconds: timeoutS, apiKey: try loadAPIKey(), corsOrigin: corsOrigin,
            analysis: analysis.configuration(stages: .all, trust: try trust.load()))
        let server = try ProvenantServer(configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The token in `--api-key-file`, without surrounding white space; an empty file is an error.
    private func loadAPIKey() throws -> String? {
        guard let apiKeyFile else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: apiKeyFile, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read --api-key-file \(apiKeyFile): \(error.localizedDescription)")
        }
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw ValidationError("--api-key-file \(apiKeyFile) is empty") }
        return key
    }
}
