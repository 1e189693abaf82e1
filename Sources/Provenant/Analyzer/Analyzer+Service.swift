/// What a caller that receives bytes from elsewhere (the HTTP service) asks before analysing them.
extension Analyzer {
    /// Why these bytes cannot be analysed at all, judged from their leading bytes alone: `format.unknown`
    /// for bytes that are no image, `format.unsupported` for an image format Provenant cannot read yet;
    /// `nil` when the format is supported. Never trusts a declared media type.
    public static func formatProblem(_ bytes: [UInt8]) -> ReportError? {
        formatError(bytes)
    }
}

extension Analyzer {
    /// Analyses image bytes on the calling thread and returns when done.
    ///
    /// For callers that run analyses on threads of their own (the HTTP service's worker pool), so that
    /// CPU-bound work does not occupy Swift's cooperative thread pool. Same result as
    /// ``analyze(bytes:name:)``.
    public func analyzeBlocking(bytes: [UInt8], name: String) -> AnalysisReport {
        analyzeSync(bytes: bytes, name: name)
    }
}
