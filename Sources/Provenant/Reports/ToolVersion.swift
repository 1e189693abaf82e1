/// The version of the Provenant library and tool, written to every JSON report as `tool_version`.
///
/// It follows semantic versioning and matches the repository's `vX.Y.Z` tag.
public enum ToolVersion {
    /// The current version.
    public static let current = "0.2.0"
}
