/// The version of the JSON report schema written by every Provenant report.
///
/// Every report carries it as `schema_version`. It changes whenever a key is added, removed, renamed
/// or changes meaning. History: 1 — first release; 2 — adds `warnings` (check and scan reports).
public enum ReportSchema {
    /// The current schema version.
    public static let version = 2
}
