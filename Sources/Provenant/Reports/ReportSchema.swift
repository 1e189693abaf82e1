/// The version of the JSON report schema written by every Provenant report.
///
/// Every report carries it as `schema_version`. The number changes only when a key is removed,
/// renamed or changes meaning; adding a key does not change it.
public enum ReportSchema {
    /// The current schema version.
    public static let version = 1
}
