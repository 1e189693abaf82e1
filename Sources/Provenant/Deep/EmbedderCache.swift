import Synchronization

/// Loaded CLIP towers shared process-wide, keyed by weight-file path, so that several analyzers
/// (one per configuration, or one per test) do not each hold their own ≈ 350 MB copy of the
/// expanded weights. Entries are immutable once loaded and live as long as the process.
enum EmbedderCache {
    private static let entries = Mutex<[String: ImageEmbedder]>([:])

    /// The cached embedder for `path`, loading it on first use.
    static func embedder(weightsPath path: String) throws(ReportError) -> ImageEmbedder {
        if let cached = entries.withLock({ $0[path] }) { return cached }
        let loaded = try ImageEmbedder(weightsPath: path)
        return entries.withLock { table in
            if let raced = table[path] { return raced }
            table[path] = loaded
            return loaded
        }
    }
}
