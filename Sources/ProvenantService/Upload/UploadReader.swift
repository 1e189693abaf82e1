import Hummingbird
import NIOCore

/// Reads a request body into memory, refusing it as soon as it passes the limit.
///
/// A declared `Content-Length` over the limit is refused before a byte is read; a chunked or undeclared
/// body is counted while it streams in and refused at the first chunk that crosses the limit, so the
/// service never holds more than the limit (plus one chunk) of any upload.
enum UploadReader {
    static func read(_ request: Request, limit: Int) async throws(ServiceError) -> [UInt8] {
        if let declared = request.headers[.contentLength] {
            guard let length = Int(declared), length >= 0 else {
                throw .badRequest("request.bad_length", "Content-Length is not a number")
            }
            if length > limit { throw .tooLarge(limit: limit) }
        }
        var bytes: [UInt8] = []
        do {
            for try await chunk in request.body {
                if bytes.count + chunk.readableBytes > limit { throw ServiceError.tooLarge(limit: limit) }
                chunk.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
            }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .badRequest("request.body_unreadable", "the request body could not be read: \(error)")
        }
        return bytes
    }
}
