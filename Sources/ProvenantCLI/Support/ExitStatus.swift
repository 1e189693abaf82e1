/// The exit statuses every command documents.
enum ExitStatus {
    /// Success; nothing flagged.
    static let ok: Int32 = 0
    /// Some file could not be processed (and nothing was flagged), or a fatal error.
    static let failure: Int32 = 1
    /// Something was flagged (likely AI, above the threshold, or tampered provenance).
    static let flagged: Int32 = 2
    /// `merge` only: the merged output is incomplete or could not be made (expected inputs missing,
    /// unexpected results, a part unreadable, cut off or not a scan output).
    static let incomplete: Int32 = 3
    /// Bad arguments.
    static let usage: Int32 = 64
    /// A configuration error at start-up: the model, a trust file or a file list is missing or unreadable
    /// (sysexits' EX_CONFIG). Nothing was analysed.
    static let configuration: Int32 = 78

    /// Combines per-file outcomes: flagged wins over errors.
    static func combine(flagged: Bool, errors: Bool) -> Int32 {
        if flagged { return Self.flagged }
        if errors { return failure }
        return ok
    }
}
