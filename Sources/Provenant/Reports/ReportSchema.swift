/// The version of the JSON report schema written by every Provenant report.
///
/// Every report carries it as `schema_version`. It changes whenever a key is added, removed, renamed
/// or changes meaning; existing keys are never renamed or removed without a new major version of the tool.
/// History: 1 — first release; 2 — adds `tool_version`, `model_version` and `warnings` (check, detect,
/// scan), `tool_version`/`model_version` (verify, inspect), and `ingredient_count`, `ai_ingredient_count`, `issuer`,
/// `signature_algorithm`, `actions`, `title` and `active_manifest` in `provenance.c2pa`.
public enum ReportSchema {
    /// The current schema version.
    public static let version = 2
}
