import Hummingbird
import Logging
import NIOCore
import Provenant

/// The outermost middleware: turns every error into a JSON error answer with its status, tags each answer
/// with `X-Request-Id`, counts it in the metrics and logs one structured line per request (method, route,
/// status, duration; never a byte of the upload).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServiceError {
            response = Self.response(error, requestID: context.requestID, closing: error.status == .contentTooLarge ? context.channel : nil)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "route.not_found" : "request.http_\(error.status.code)"
            let message = error.body ?? error.status.reasonPhrase
            response = Self.response(ServiceError(status: error.status, code: code, message: message), requestID: context.requestID)
        } catch {
            context.logger.error("unexpected error", metadata: ["error.type": .string(String(describing: type(of: error)))])
            response = Self.response(
                ServiceError(status: .internalServerError, code: "internal", message: "internal error"), requestID: context.requestID)
        }
        response.headers[.provenantRequestID] = context.requestID
        let route = context.endpointPath ?? "unmatched"
        let duration = ContinuousClock.now - start
        metrics.request(route: route, status: Int(response.status.code), duration: duration)
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "ms": .stringConvertible((Double(duration.components.attoseconds) * 1e-15 + Double(duration.components.seconds) * 1e3).rounded()),
            ])
        return response
    }

    /// The JSON answer for an error. With `closing`, the connection is closed once the answer is written:
    /// the rest of an oversized body is then never read (otherwise the server would drain it to reuse the
    /// connection, and a client streaming without end would keep it busy).
    static func response(_ error: ServiceError, requestID: String, closing channel: (any Channel)? = nil) -> Response {
        let body = (try? ReportJSON.line(ErrorBody(code: error.code, message: error.message, requestID: requestID)))
            ?? #"{"error":{"code":"internal","message":"internal error"}}"#
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retry = error.retryAfterSeconds { headers[.retryAfter] = String(retry) }
        let buffer = ByteBuffer(string: body)
        guard let channel else {
            return Response(status: error.status, headers: headers, body: ResponseBody(byteBuffer: buffer))
        }
        headers[.connection] = "close"
        return Response(
            status: error.status, headers: headers,
            body: ResponseBody(contentLength: buffer.readableBytes) { writer in
                try await writer.write(buffer)
                try await writer.finish(nil)
                channel.close(promise: nil)
            })
    }
}
