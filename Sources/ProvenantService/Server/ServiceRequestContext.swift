import Hummingbird
import Logging
import NIOCore

/// The per-request context: Hummingbird's core storage plus the request id shown in the answer, the
/// `X-Request-Id` header and the logs.
struct ServiceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Hummingbird's `hb.request.id` when the log handler keeps metadata, else a fresh random id.
    let requestID: String
    /// The connection, so that an answer can close it (after refusing an oversized body).
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
        if let id = source.logger[metadataKey: "hb.request.id"] {
            requestID = id.description
        } else {
            requestID = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        }
    }
}
