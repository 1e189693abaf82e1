import Provenant

/// Decides from the bytes alone (never the declared media type) whether an upload can be analysed.
enum MediaCheck {
    /// Throws 415 for bytes that are neither a supported image nor an MP4, QuickTime or WebM video. The
    /// façade's sniffer (`ImageFormat.sniff`, the one place that knows each format's signature) decides;
    /// videos are accepted and analysed frame by frame.
    static func require(_ bytes: [UInt8]) throws(ServiceError) {
        if let problem = Analyzer.formatProblem(bytes) {
            throw ServiceError(status: .unsupportedMediaType, code: problem.code, message: problem.message)
        }
    }
}
