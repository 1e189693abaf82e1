/// The version of the JSON report schema written by every Provenant report.
///
/// Every report carries it as `schema_version`. It changes whenever a key is added, removed, renamed
/// or changes meaning; existing keys are never renamed or removed without a new major version of the tool.
/// History: 1 — first release; 2 — adds `tool_version`, `model_version` and `warnings` (check, detect,
/// scan), `tool_version`/`model_version` (verify, inspect), and `ingredient_count`, `ai_ingredient_count`, `issuer`,
/// `signature_algorithm`, `actions`, `title` and `active_manifest` in `provenance.c2pa`; 3 — adds
/// `deep_stage` (check, scan) and the `deep` detector signal and fusion step; when the deep stage ran, the
/// pixel evidence in `ai_probability` is the fused model's probability instead of the hand-crafted detector's;
/// 4 — video: adds `frames` (check, detect, scan; `null` for a still image), `video` (inspect), the `frames`
/// detector signal and fusion step, and the `decode.` error codes of the video limits; and `webp`, `bmff` and
/// `tiff` (the container facts of those formats) in inspect's `image`.
public enum ReportSchema {
    /// The current schema version.
    public static let version = 4
}
