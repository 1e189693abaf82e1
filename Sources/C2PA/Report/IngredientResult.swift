/// The validation outcome of one ingredient manifest.
public struct IngredientResult: Sendable, Codable, Hashable {
    /// The ingredient manifest's label.
    public var label: String
    /// Its title, when known.
    public var title: String?
    /// Its own state, judged like an active manifest but without a hard binding.
    public var state: C2PAState
    /// Its failure codes, as validated now (signature, assertions; no hard binding).
    public var failures: [String]
    /// Failure codes the ingredient's user recorded when ingesting it (`validationResults`).
    public var recordedFailures: [String]
    /// Its declared digital source type.
    public var digitalSourceType: String?

    enum CodingKeys: String, CodingKey {
        case label, title, state, failures
        case recordedFailures = "recorded_failures"
        case digitalSourceType = "digital_source_type"
    }
}
