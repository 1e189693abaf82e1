public import Hummingbird

/// A request the service refuses or could not answer, with its HTTP status and a stable code.
///
/// Rendered as `{"error": {"code", "message"}, "request_id"}`. Equality is on the code only.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status of the answer.
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code (`area.reason`).
    public var code: String
    /// A message for people.
    public var message: String
    /// Seconds after which a retry may succeed (sent as `Retry-After`), for 429 and 503.
    public var retryAfterSeconds: Int?

    /// Creates an error.
    public init(status: HTTPResponse.Status, code: String, message: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// `status code: message`.
    public var description: String { "\(status.code) \(code): \(message)" }

    /// Errors are equal when their codes are.
    public static func == (lhs: ServiceError, rhs: ServiceError) -> Bool { lhs.code == rhs.code }
}

extension ServiceError {
    /// 400: the request is malformed.
    static func badRequest(_ code: String, _ message: String) -> ServiceError {
        ServiceError(status: .badRequest, code: code, message: message)
    }

    /// 401: a bearer token is required and was missing or wrong.
    static let unauthorized = ServiceError(
        status: .unauthorized, code: "auth.required", message: "this service needs an API key: send Authorization: Bearer <key>")

    /// 404: no such route.
    static func notFound(_ path: String) -> ServiceError {
        ServiceError(status: .notFound, code: "route.not_found", message: "no such route: \(path)")
    }

    /// 413: the upload is larger than the limit.
    static func tooLarge(limit: Int) -> ServiceError {
        ServiceError(
            status: .contentTooLarge, code: "limit.upload_too_large",
            message: "the upload is larger than the limit of \(limit) bytes")
    }

    /// 429: the analysis queue is full.
    static func busy(retryAfter: Int) -> ServiceError {
        ServiceError(
            status: .tooManyRequests, code: "limit.busy",
            message: "every worker is busy and the queue is full; retry later", retryAfterSeconds: retryAfter)
    }

    /// 503: the analyzer is not loaded yet, failed to load, or the service is shutting down.
    static func notReady(_ message: String) -> ServiceError {
        ServiceError(status: .serviceUnavailable, code: "service.not_ready", message: message, retryAfterSeconds: 5)
    }

    /// 499 (nginx's "client closed request"): the client closed the connection before the answer; it
    /// never receives this, but the metrics and the log count it.
    static let clientGone = ServiceError(
        status: HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), code: "request.client_closed",
        message: "the client closed the connection before the answer")

    /// 504: the analysis took longer than the time budget.
    static func timedOut(seconds: Double) -> ServiceError {
        ServiceError(
            status: .gatewayTimeout, code: "limit.timeout",
            message: "the analysis took longer than the time budget of \(seconds) s")
    }
}
