import HTTPTypes

extension HTTPField.Name {
    /// `X-Request-Id`: the request's id, also in the JSON answer and the logs.
    static let provenantRequestID = named("X-Request-Id")
    /// `Referrer-Policy`.
    static let provenantReferrerPolicy = named("Referrer-Policy")

    /// A header name known at compile time to be a valid token.
    private static func named(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("invalid header name \(name)") }
        return field
    }
}
