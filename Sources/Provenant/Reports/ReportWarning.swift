/// Something that did not stop the analysis but weakens what the report says: the report's `warnings` list.
///
/// JSON keys (a contract): `code`, `message`. Codes are `stage.reason` strings:
/// - `decode.corrupt_data`, `decode.premature_end`, `decode.warning`: the decoder (libjpeg, libpng) recovered
///   from damaged data, so the pixels it returned are partly invented;
/// - `detector.unmeasured_size`: the image is smaller than anything the detector was measured on;
/// - `video.rotation_not_applied`: a video's display matrix is not an exact quarter turn (another angle, a
///   mirror), so its frames were analysed as coded rather than as a player shows them.
///
/// A warning whose code starts with `decode.` or `detector.` concerns the pixels: fusion then halves the
/// pixel detector's weight and pixels alone can no longer make the verdict `likely_ai` (see `docs/fusion.md`).
public struct ReportWarning: Sendable, Hashable, Codable {
    /// A stable, machine-readable code (`stage.reason`).
    public var code: String
    /// A message for people.
    public var message: String

    /// Creates a warning.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The code `video.rotation_not_applied`, defined once: the video analysis writes it and renderers look it up.
    public static let videoRotationNotAppliedCode = "video.rotation_not_applied"

    /// Whether the warning concerns the decoded pixels (and so weakens the pixel detector's evidence).
    public var concernsPixels: Bool { code.hasPrefix("decode.") || code.hasPrefix("detector.") }

    /// A decoder warning (libjpeg's or libpng's own text), classified by what it says.
    public static func decoder(_ text: String) -> ReportWarning {
        let lower = text.lowercased()
        let code: String
        if lower.contains("premature end") || lower.contains("truncated") {
            code = "decode.premature_end"
        } else if lower.contains("corrupt") || lower.contains("extraneous") || lower.contains("bad ") {
            code = "decode.corrupt_data"
        } else {
            code = "decode.warning"
        }
        return ReportWarning(code: code, message: "the decoder recovered from damaged data: \(text)")
    }

    enum CodingKeys: String, CodingKey {
        case code, message
    }
}
