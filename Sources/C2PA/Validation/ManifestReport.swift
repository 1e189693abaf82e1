/// What validation found for one manifest of a store.
public struct ManifestReport: Sendable, Hashable, Codable {
    /// The manifest label.
    public var label: String
    /// Success, informational and failure statuses of this manifest.
    public var status: StatusLog
    /// The claim version (1 or 2), when the claim was readable.
    public var claimVersion: Int?
    /// The claim generator description.
    public var claimGenerator: String?
    /// `dc:title`.
    public var title: String?
    /// The signer's common name (else organisation).
    public var signer: String?
    /// The signer certificate issuer's organisation (else common name).
    public var issuer: String?
    /// The signature algorithm.
    public var algorithm: String?
    /// The time-stamp time (ISO 8601), when a time-stamp was present.
    public var signingTime: String?
    /// The actions of the manifest's actions assertions.
    public var actions: [C2PAAction]
    /// The labels of manifests this one uses as ingredients.
    public var ingredientManifests: [String]
    /// Ingredient titles.
    public var ingredientTitles: [String]
    /// Failure codes recorded in this manifest's ingredient assertions (what the generator saw), by ingredient manifest label.
    public var recordedIngredientFailures: [String: [String]]
    /// Failures about this manifest's ingredient references, by ingredient manifest label (for example
    /// `ingredient.manifest.mismatch`): the reference reports them as ingredient deltas, outside the
    /// active manifest's own list, and they make the active manifest invalid (not encoded).
    public var ingredientFailures: [String: [StatusEntry]] = [:]
    /// Labels of ingredient manifests whose hashed reference matched (not encoded).
    public var matchedIngredientManifests: Set<String> = []

    enum CodingKeys: String, CodingKey {
        case label, status, claimVersion, claimGenerator, title, signer, issuer, algorithm, signingTime, actions
        case ingredientManifests, ingredientTitles, recordedIngredientFailures
    }

    /// The digital source type declared by the manifest (first action carrying one, created/opened first).
    public var digitalSourceType: String? {
        let primary = actions.first { ($0.action == "c2pa.created" || $0.action == "c2pa.opened") && $0.digitalSourceType != nil }
        return (primary ?? actions.first { $0.digitalSourceType != nil })?.digitalSourceType
    }
}
