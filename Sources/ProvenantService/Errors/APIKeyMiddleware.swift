import Hummingbird

/// Requires `Authorization: Bearer <key>` on the routes it guards (the `/v1` API), when a key is set.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let key: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            Self.equal(Array(header.dropFirst("Bearer ".count).utf8), key)
        else {
            throw ServiceError.unauthorized
        }
        return try await next(request, context)
    }

    /// Compares in time that depends only on the lengths, not on where the first difference is.
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
