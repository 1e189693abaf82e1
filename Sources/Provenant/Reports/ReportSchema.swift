/// The version of the JSON report schema written by every Provenant report.
///
/// Every report carries it as `schema_version`. The number changes when a key is removed, renamed
/// or changes meaning, or when keys are added. Version 2 added `deep_stage` to `check` reports and
/// the `deep` detector signal; when the deep stage runs, the pixel evidence in `ai_probability` is
/// the fused model's probability instead of the hand-crafted detector's.
public enum ReportSchema {
    /// The current schema version.
    public static let version = 2
}
