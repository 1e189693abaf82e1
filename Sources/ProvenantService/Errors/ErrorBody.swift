/// The JSON body of every error answer: `{"error": {"code", "message"}, "request_id"}`.
struct ErrorBody: Encodable, Sendable {
    struct Detail: Encodable, Sendable {
        var code: String
        var message: String
    }

    var error: Detail
    var requestID: String

    init(code: String, message: String, requestID: String) {
        self.error = Detail(code: code, message: message)
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case error
        case requestID = "request_id"
    }
}
