public import Provenant

/// How `provenant serve` is set up: where it listens, its limits, and how it analyses.
public struct ServiceConfiguration: Sendable {
    /// The address to listen on (loopback by default; put a reverse proxy in front for other hosts).
    public var host: String
    /// The TCP port; 0 picks a free one (tests).
    public var port: Int
    /// The largest upload accepted, in bytes (the whole request body, multipart framing included).
    public var maxUploadBytes: Int
    /// How many analyses run at once (worker threads).
    public var concurrency: Int
    /// How many requests may wait for a worker; beyond that the service answers 429.
    public var queueDepth: Int
    /// The time budget of one analysis (waiting in the queue included); beyond it the answer is 504.
    public var timeoutSeconds: Double
    /// The bearer token every `/v1` request must carry, or `nil` for no authentication.
    public var apiKey: String?
    /// The origin allowed by CORS, or `nil` for no CORS headers (the default: same-origin only).
    public var corsOrigin: String?
    /// The analysis settings (trust anchors, model, thresholds, limits) shared by every route.
    public var analysis: AnalyzerConfiguration

    /// Creates a configuration. The queue defaults to four requests per worker.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxUploadBytes: Int = 50 * 1024 * 1024,
        concurrency: Int = 2,
        queueDepth: Int? = nil,
        timeoutSeconds: Double = 30,
        apiKey: String? = nil,
        corsOrigin: String? = nil,
        analysis: AnalyzerConfiguration = AnalyzerConfiguration()
    ) {
        self.host = host
        self.port = port
        self.maxUploadBytes = maxUploadBytes
        self.concurrency = max(1, concurrency)
        self.queueDepth = max(0, queueDepth ?? 4 * max(1, concurrency))
        self.timeoutSeconds = timeoutSeconds
        self.apiKey = apiKey
        self.corsOrigin = corsOrigin
        self.analysis = analysis
    }
}
