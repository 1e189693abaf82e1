/// The C2PA section of a report: `provenance.c2pa`.
///
/// JSON keys (a contract read by benchmarks): `state`, `failures`, `successes`, `digital_source_type`,
/// `signer`, `claim_generator`; also `informational`, `signing_time`, `ai_in_history`,
/// `manifest_count`, `message`, `error_code` and `error_offset`; since schema 2 also `active_manifest`,
/// `title`, `issuer`, `signature_algorithm`, `actions` (the active manifest's action names, in order),
/// `ingredient_count` and `ai_ingredient_count`. Absent values are `null`; lists are never `null`.
public struct C2PASummary: Sendable, Hashable, Codable {
    /// The verification state of the active manifest.
    public var state: ManifestState
    /// Failure status codes of the active manifest (for example `assertion.dataHash.mismatch`).
    public var failures: [String]
    /// Success status codes of the active manifest (for example `claimSignature.validated`).
    public var successes: [String]
    /// Informational status codes of the active manifest.
    public var informational: [String]
    /// The IPTC digital source type declared by the active manifest's created/opened action, as declared.
    public var digitalSourceType: String?
    /// The signer's common name or organisation.
    public var signer: String?
    /// The signing time (RFC 3339), from a time-stamp when present.
    public var signingTime: String?
    /// The claim generator named by the claim.
    public var claimGenerator: String?
    /// Whether any ingredient in the manifest history declares AI generation.
    public var aiInHistory: Bool
    /// The number of manifests in the store.
    public var manifestCount: Int
    /// The number of ingredient manifests (every manifest in the store before the active one).
    public var ingredientCount: Int
    /// How many of those ingredient manifests declare AI generation in their actions.
    public var aiIngredientCount: Int
    /// The active manifest's label.
    public var activeManifest: String?
    /// The active manifest's title.
    public var title: String?
    /// The issuer (organisation or common name) of the signing certificate.
    public var issuer: String?
    /// The COSE signature algorithm of the active manifest (for example `ES256`).
    public var signatureAlgorithm: String?
    /// The active manifest's action names, in order (for example `c2pa.created`).
    public var actions: [String]
    /// A message explaining an ``ManifestState/error`` state, else `nil`.
    public var message: String?
    /// A stable code for an ``ManifestState/error`` state (for example `jumbf`, `remote_manifest`), else `nil`.
    public var errorCode: String?
    /// The byte offset of the problem behind an ``ManifestState/error`` state, when known.
    public var errorOffset: Int?

    /// Creates a summary.
    public init(
        state: ManifestState,
        failures: [String] = [],
        successes: [String] = [],
        informational: [String] = [],
        digitalSourceType: String? = nil,
        signer: String? = nil,
        signingTime: String? = nil,
        claimGenerator: String? = nil,
        aiInHistory: Bool = false,
        manifestCount: Int = 0,
        message: String? = nil,
        errorCode: String? = nil,
        errorOffset: Int? = nil,
        ingredientCount: Int = 0,
        aiIngredientCount: Int = 0,
        activeManifest: String? = nil,
        title: String? = nil,
        issuer: String? = nil,
        signatureAlgorithm: String? = nil,
        actions: [String] = []
    ) {
        self.ingredientCount = ingredientCount
        self.aiIngredientCount = aiIngredientCount
        self.activeManifest = activeManifest
        self.title = title
        self.issuer = issuer
        self.signatureAlgorithm = signatureAlgorithm
        self.actions = actions
        self.state = state
        self.failures = failures
        self.successes = successes
        self.informational = informational
        self.digitalSourceType = digitalSourceType
        self.signer = signer
        self.signingTime = signingTime
        self.claimGenerator = claimGenerator
        self.aiInHistory = aiInHistory
        self.manifestCount = manifestCount
        self.message = message
        self.errorCode = errorCode
        self.errorOffset = errorOffset
    }

    /// A summary for a file without any C2PA data.
    public static let absent = C2PASummary(state: .absent)

    /// The IPTC digital source type, classified.
    public var sourceTypeClass: DigitalSourceTypeClass {
        DigitalSourceTypeClass(declared: digitalSourceType)
    }

    /// Whether a hard binding (data, boxes or BMFF hash) was checked and matched.
    public var hardBindingMatched: Bool {
        successes.contains { code in
            code == "assertion.dataHash.match" || code == "assertion.boxesHash.match"
                || code == "assertion.bmffHash.match"
        }
    }

    enum CodingKeys: String, CodingKey {
        case state, failures, successes, informational
        case digitalSourceType = "digital_source_type"
        case signer
        case signingTime = "signing_time"
        case claimGenerator = "claim_generator"
        case aiInHistory = "ai_in_history"
        case manifestCount = "manifest_count"
        case message
        case errorCode = "error_code"
        case errorOffset = "error_offset"
        case ingredientCount = "ingredient_count"
        case aiIngredientCount = "ai_ingredient_count"
        case activeManifest = "active_manifest"
        case title, issuer
        case signatureAlgorithm = "signature_algorithm"
        case actions
    }

    /// Decodes a summary; keys other than `state` may be missing and take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        state = try container.decode(ManifestState.self, forKey: .state)
        failures = try container.decodeIfPresent([String].self, forKey: .failures) ?? []
        successes = try container.decodeIfPresent([String].self, forKey: .successes) ?? []
        informational = try container.decodeIfPresent([String].self, forKey: .informational) ?? []
        digitalSourceType = try container.decodeIfPresent(String.self, forKey: .digitalSourceType)
        signer = try container.decodeIfPresent(String.self, forKey: .signer)
        signingTime = try container.decodeIfPresent(String.self, forKey: .signingTime)
        claimGenerator = try container.decodeIfPresent(String.self, forKey: .claimGenerator)
        aiInHistory = try container.decodeIfPresent(Bool.self, forKey: .aiInHistory) ?? false
        manifestCount = try container.decodeIfPresent(Int.self, forKey: .manifestCount) ?? 0
        message = try container.decodeIfPresent(String.self, forKey: .message)
        errorCode = try container.decodeIfPresent(String.self, forKey: .errorCode)
        errorOffset = try container.decodeIfPresent(Int.self, forKey: .errorOffset)
        ingredientCount = try container.decodeIfPresent(Int.self, forKey: .ingredientCount) ?? 0
        aiIngredientCount = try container.decodeIfPresent(Int.self, forKey: .aiIngredientCount) ?? 0
        activeManifest = try container.decodeIfPresent(String.self, forKey: .activeManifest)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer)
        signatureAlgorithm = try container.decodeIfPresent(String.self, forKey: .signatureAlgorithm)
        actions = try container.decodeIfPresent([String].self, forKey: .actions) ?? []
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(failures, forKey: .failures)
        try container.encode(successes, forKey: .successes)
        try container.encode(informational, forKey: .informational)
        try container.encode(digitalSourceType, forKey: .digitalSourceType)
        try container.encode(signer, forKey: .signer)
        try container.encode(signingTime, forKey: .signingTime)
        try container.encode(claimGenerator, forKey: .claimGenerator)
        try container.encode(aiInHistory, forKey: .aiInHistory)
        try container.encode(manifestCount, forKey: .manifestCount)
        try container.encode(message, forKey: .message)
        try container.encode(errorCode, forKey: .errorCode)
        try container.encode(errorOffset, forKey: .errorOffset)
        try container.encode(ingredientCount, forKey: .ingredientCount)
        try container.encode(aiIngredientCount, forKey: .aiIngredientCount)
        try container.encode(activeManifest, forKey: .activeManifest)
        try container.encode(title, forKey: .title)
        try container.encode(issuer, forKey: .issuer)
        try container.encode(signatureAlgorithm, forKey: .signatureAlgorithm)
        try container.encode(actions, forKey: .actions)
    }
}
