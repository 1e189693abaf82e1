import ImageContainers

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
    /// A stable code when ``state`` is ``C2PAState/error``: `io`, `too_large`, `unsupported_format`,
    /// `container`, `remote_manifest`, `jumbf`, `no_manifest`, `unknown_algorithm`, `prerelease`.
    public var errorCode: String?
    /// The byte offset of the problem when known (container and JUMBF parse errors).
    public var errorOffset: Int?
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
        case errorCode = "error_code"
        case errorOffset = "error_offset"
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
        try container.encode(errorCode, forKey: .errorCode)
        try container.encode(errorOffset, forKey: .errorOffset)
        try container.encode(manifests, forKey: .manifests)
    }

    /// A result with no manifest information.
    public init(state: C2PAState, errorMessage: String? = nil, errorCode: String? = nil, errorOffset: Int? = nil) {
        self.state = state
        failures = []
        successes = []
        informational = []
        aiInHistory = false
        manifestCount = 0
        ingredients = []
        manifests = []
        self.errorMessage = errorMessage
        self.errorCode = errorCode
        self.errorOffset = errorOffset
    }

    /// Whether the active manifest declares generative-AI content.
    public var declaresAI: Bool { DigitalSourceType(declared: digitalSourceType)?.isGenerativeAI ?? false }
}
