import Hummingbird
import NIOCore

/// The routes that are not analyses: the page, its assets, health, readiness, metrics and the API document.
struct InfoRoutes: Sendable {
    let resources: ServiceResources
    let renderer: PageRenderer
    let readiness: Readiness
    let workers: WorkerPool
    let metrics: ServiceMetrics

    /// `GET /`: the page in the language `?lang=` or `Accept-Language` asks for.
    func page(_ request: Request, context: ServiceRequestContext) -> Response {
        let language = PageLanguage.choose(
            query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage],
            supported: ServiceResources.languages)
        var headers = Self.pageSecurityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language
        headers[.vary] = "Accept-Language"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: renderer.render(language: language))))
    }

    /// `GET /static/page.js` and `/static/page.css`.
    func asset(_ bytes: [UInt8], type: String) -> Response {
        var headers = Self.pageSecurityHeaders
        headers[.contentType] = type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `GET /healthz`: the process is up.
    func health() -> Response {
        json(.ok, #"{"status":"ok"}"#)
    }

    /// `GET /readyz`: 200 when the analyzers are loaded and the service is not draining, else 503.
    func ready() throws -> Response {
        let analyzers = try readiness.analyzers()
        let load = workers.load
        let detector = analyzers.check.modelVersion ?? "unavailable"
        return json(
            .ok,
            #"{"status":"ready","detector":"\#(jsonEscape(detector))","running":\#(load.running),"queued":\#(load.waiting)}"#)
    }

    /// `GET /metrics`: Prometheus text.
    func metricsText() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }

    /// `GET /openapi.json`.
    func openAPI() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: resources.openAPI)))
    }

    private func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private func jsonEscape(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
    }

    /// The page loads nothing from elsewhere and may not be framed.
    static let pageSecurityHeaders: HTTPFields = [
        .contentSecurityPolicy:
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        .xContentTypeOptions: "nosniff",
        .provenantReferrerPolicy: "no-referrer",
    ]
}
