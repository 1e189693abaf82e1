/// The shape of the manifest-store dump kept when ``AnalyzerConfiguration/detailedProvenance`` is set.
public enum ProvenanceDumpStyle: String, Sendable, Hashable, CaseIterable {
    /// Provenant's detailed view: claims, assertion store, signature and validation results per manifest.
    case detailed
    /// c2patool's manifest-store report shape (`active_manifest`, `manifests`, `validation_results`, …).
    case c2patool
}
