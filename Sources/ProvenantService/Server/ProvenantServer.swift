import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// The HTTP service behind `provenant serve`: a `Service` to run in a `ServiceGroup`.
///
/// It starts listening at once; `/readyz` and the `/v1` routes answer 503 until the model and trust
/// anchors are loaded. On graceful shutdown (SIGTERM in `provenant serve`) it reports not ready, stops
/// accepting connections, lets requests in progress finish, then returns.
///
/// ```swift
/// let server = try ProvenantServer(configuration: ServiceConfiguration(port: 8080), logger: logger)
/// try await ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
/// ```
public struct ProvenantServer: Service {
    /// The configuration the server was created with.
    public let configuration: ServiceConfiguration
    private let logger: Logger
    private let readiness = Readiness()
    private let metrics: ServiceMetrics
    let workers: WorkerPool
    /// The departure of each open connection's client (see ``ConnectionWatch``).
    let departures = ClientDepartures()
    private let resources: ServiceResources
    private let onListening: @Sendable (Int) async -> Void

    /// Creates the server. `onListening` is called with the bound port once the socket is open.
    ///
    /// - Throws: ``ServiceError`` when the page resources are missing from the bundle.
    public init(
        configuration: ServiceConfiguration, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(ServiceError) {
        self.configuration = configuration
        self.logger = logger
        self.metrics = ServiceMetrics()
        self.workers = WorkerPool(
            concurrency: configuration.concurrency, queueDepth: configuration.queueDepth,
            timeoutSeconds: configuration.timeoutSeconds, metrics: metrics)
        self.resources = try ServiceResources()
        self.onListening = onListening
    }

    /// Loads the analyzers, serves until graceful shutdown, drains, and stops the workers.
    public func run() async throws {
        let application = Application(
            router: makeRouter(),
            server: .http1(configuration: .init(additionalChannelHandlers: [departures.watch()])),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            services: [AnalyzerLoader(configuration: configuration.analysis, readiness: readiness, logger: logger)],
            onServerRunning: { [onListening, logger] channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("listening", metadata: ["port": .stringConvertible(port)])
                await onListening(port)
            },
            logger: logger)
        do {
            try await withGracefulShutdownHandler {
                try await application.run()
            } onGracefulShutdown: { [readiness, logger] in
                logger.info("draining: refusing new analyses, finishing those in progress")
                readiness.beginDraining()
            }
        } catch {
            try? await workers.shutdown()
            throw error
        }
        try await workers.shutdown()
        logger.info("stopped")
    }

    func makeRouter() -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: ErrorMiddleware(metrics: metrics))
        if let origin = configuration.corsOrigin {
            router.add(
                middleware: CORSMiddleware(
                    allowOrigin: .custom(origin), allowHeaders: [.accept, .authorization, .contentType],
                    allowMethods: [.get, .post, .options]))
        }
        let info = InfoRoutes(
            resources: resources, renderer: PageRenderer(resources: resources, authRequired: configuration.apiKey != nil),
            readiness: readiness, workers: workers, metrics: metrics)
        router.get("/") { request, context in info.page(request, context: context) }
        router.get("/static/page.js") { _, _ in info.asset(info.resources.script, type: "text/javascript; charset=utf-8") }
        router.get("/static/page.css") { _, _ in info.asset(info.resources.styleSheet, type: "text/css; charset=utf-8") }
        router.get("/healthz") { _, _ in info.health() }
        router.get("/readyz") { _, _ in try info.ready() }
        router.get("/metrics") { _, _ in info.metricsText() }
        router.get("/openapi.json") { _, _ in info.openAPI() }

        let analysis = AnalysisRoutes(
            configuration: configuration, readiness: readiness, workers: workers, metrics: metrics, departures: departures)
        let api = router.group("v1")
        if let key = configuration.apiKey {
            api.add(middleware: APIKeyMiddleware(key: Array(key.utf8)))
        }
        api.post("check") { request, context in try await analysis.check(request, context: context) }
        api.post("verify") { request, context in try await analysis.verify(request, context: context) }
        api.post("inspect") { request, context in try await analysis.inspect(request, context: context) }
        return router
    }
}
