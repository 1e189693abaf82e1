/// The verification result for one asset. Its JSON keys are a contract read by the CLI and benchmarks.
public struct C2PAResult: Sendable, Codable {
    /// The overall state.
    public var state: C2PAState
    /// Failure codes of the active manifest.
    public var failures: [String]
    /// Success codes of the active manifest.
    public var successes: [String]
    /// Informational codes of the active manifest.
    public var informational: [String]
    /// The active manifest's declared digital source type (full URI as declared, trimmed).
    public var digitalSourceType: String?
    /// The signer (certificate common name, else organisation).
    public var signer: String?
    /// The issuer of the signer certificate.
    public var issuer: String?
    /// The time-stamped signing time (ISO 8601), when a time-stamp was present.
    public var signingTime: String?
    /// The active manifest's claim generator.
    public var claimGenerator: String?
    /// The active manifest's label.
    public var activeManifest: String?
    /// The active manifest's title.
    public var title: String?
    /// Whether any manifest in the store declares AI generation.
    public var aiInHistory: Bool
    /// The number of manifests in the store.
    public var manifestCount: Int
    /// Per-ingredient-manifest results (history; these do not change ``state``).
    public var ingredients: [IngredientResult]
    /// A message when ``state`` is ``C2PAState/error`` (the reference's wording where it has one).
    public var errorMessage: String?
    /// Every manifest's report, active last.
    public var manifests: [ManifestReport]
    /// The parsed store, for ``detailedJSON()`` (not encoded).
    public var store: ManifestStore?

    enum CodingKeys: String, CodingKey {
        case state, failures, successes, informational
        case digitalSourceType = "digital_source_type"
        case signer, issuer
        case signingTime = "signing_time"
        case claimGenerator = "claim_generator"
        case activeManifest = "active_manifest"
        case title
        case aiInHistory = "ai_in_history"
        case manifestCount = "manifest_count"
        case ingredients
        case errorMessage = "error_message"
        case manifests
    }

    /// Encodes every contract key, writing `null` for absent optional values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(failures, forKey: .failures)
        try container.encode(successes, forKey: .successes)
        try container.encode(informational, forKey: .informational)
        try container.encode(digitalSourceType, forKey: .digitalSourceType)
        try container.encode(signer, forKey: .signer)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(signingTime, forKey: .signingTime)
        try container.encode(claimGenerator, forKey: .claimGenerator)
        try container.encode(activeManifest, forKey: .activeManifest)
        try container.encode(title, forKey: .title)
        try container.encode(aiInHistory, forKey: .aiInHistory)
        try container.encode(manifestCount, forKey: .manifestCount)
        try container.encode(ingredients, forKey: .ingredients)
        try container.encode(errorMessage, forKey: .errorMessage)
        try container.encode(manifests, forKey: .manifests)
    }

    /// A result with no manifest information.
    public init(state: C2PAState, errorMessage: String? = nil) {
        self.state = state
        failures = []
        successes = []
        informational = []
        aiInHistory = false
        manifestCount = 0
        ingredients = []
        manifests = []
        self.errorMessage = errorMessage
    }

    /// Whether the active manifest declares generative-AI content.
    public var declaresAI: Bool { DigitalSourceType.isAI(digitalSourceType) }
}

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

/// Helpers for IPTC digital source type URIs.
public enum DigitalSourceType {
    /// The last path segment of a digital source type URI (`trainedAlgorithmicMedia`).
    public static func term(_ uri: String?) -> String? {
        guard let uri else { return nil }
        let trimmed = uri.trimmingWhitespace()
        let last = trimmed.split(whereSeparator: { $0 == "/" || $0 == "#" }).last.map(String.init)
        return last?.isEmpty == false ? last : nil
    }

    /// Whether the type declares generative-AI content (fully or as part of a composite).
    public static func isAI(_ uri: String?) -> Bool {
        guard let term = term(uri)?.lowercased() else { return false }
        return ["trainedalgorithmicmedia", "compositewithtrainedalgorithmicmedia", "trainedalgorithmicdata", "compositesynthetic"]
            .contains(term)
    }
}
