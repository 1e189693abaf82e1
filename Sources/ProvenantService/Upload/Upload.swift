import Hummingbird

/// One uploaded file: its bytes and the name the report gives it.
struct Upload: Sendable {
    /// The name used as the report's `path`: the multipart file name, the `filename` query parameter, or
    /// `upload`. It is only a label: nothing is written to disk.
    var name: String
    var bytes: [UInt8]

    /// Reads the uploads of a request: the raw body, or every `file` field of a multipart form.
    static func read(_ request: Request, limit: Int, metrics: ServiceMetrics) async throws(ServiceError) -> [Upload] {
        let contentType = request.headers[.contentType] ?? ""
        let boundary = try MultipartForm.boundary(contentType: contentType)
        let body = try await UploadReader.read(request, limit: limit)
        metrics.received(bytes: body.count)
        guard let boundary else {
            guard !body.isEmpty else { throw .badRequest("request.empty", "the request has no body; send the file") }
            return [Upload(name: request.uri.queryParameters.get("filename") ?? "upload", bytes: body)]
        }
        let files = try MultipartForm.parse(body, boundary: boundary).filter { $0.name == "file" }
        guard !files.isEmpty else { throw .badRequest("multipart.no_file", "the form has no field named file") }
        return try files.enumerated().map { index, part throws(ServiceError) in
            guard !part.body.isEmpty else {
                throw .badRequest("request.empty", "file field \(index + 1) is empty")
            }
            return Upload(name: part.filename ?? "upload", bytes: Array(part.body))
        }
    }
}
