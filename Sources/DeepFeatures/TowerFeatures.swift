/// Which numbers of the CLIP tower a probe reads.
///
/// In JSON: `{"kind": "projected_embedding"}`, `{"kind": "class_tokens", "layers": [5, 7, 9, 11]}`,
/// `{"kind": "token_means", "layers": [5, 7, 9, 11]}` or `{"kind": "token_moments", "layers": [0, 1, …]}`.
public enum TowerFeatures: Sendable, Equatable, Hashable, Codable {
    /// The final 512-value projection, L2-normalised per view; views averaged and normalised again
    /// (the version 1 fused model).
    case projectedEmbedding
    /// The class token of the residual stream (768 values, before any LayerNorm) after each listed
    /// transformer block (0-based, strictly increasing), concatenated; views averaged value by value
    /// without normalisation. Earlier blocks keep more of the low-level traces a generator leaves than
    /// the final projection does.
    case classTokens(layers: [Int])
    /// Per listed block, the class token as in ``classTokens(layers:)`` followed by the mean of the
    /// block's 196 patch tokens of the residual stream (2 × 768 values per block), concatenated; views
    /// averaged value by value. The class token summarises the picture; the patch mean keeps more of
    /// what every patch of it carries.
    case tokenMeans(layers: [Int])
    /// Per listed block, the class token and patch mean as in ``tokenMeans(layers:)`` followed by the
    /// population standard deviation of the 196 patch tokens (3 × 768 values per block); views
    /// averaged value by value. The deviation says how much the patches differ from one another —
    /// texture the mean averages away.
    case tokenMoments(layers: [Int])

    private enum CodingKeys: String, CodingKey { case kind, layers }

    /// The blocks read and what follows each block's class token (``CLIPVisionTower/classTokens(pixels:layers:patches:)``);
    /// nil for the projected embedding.
    public var blockReadout: (layers: [Int], patches: PatchTokenSummary)? {
        switch self {
        case .projectedEmbedding: nil
        case .classTokens(let layers): (layers, .none)
        case .tokenMeans(let layers): (layers, .mean)
        case .tokenMoments(let layers): (layers, .meanAndDeviation)
        }
    }

    /// The feature width for a tower of `configuration`.
    public func width(for configuration: CLIPConfiguration) -> Int {
        guard let (layers, patches) = blockReadout else { return configuration.projection }
        return patches.rowsPerBlock * layers.count * configuration.hidden
    }

    /// Whether the layer list is usable with a tower of `configuration`: non-empty, in range and
    /// strictly increasing.
    public func isValid(for configuration: CLIPConfiguration) -> Bool {
        switch self {
        case .projectedEmbedding: return true
        case .classTokens(let layers), .tokenMeans(let layers), .tokenMoments(let layers):
            guard let first = layers.first, first >= 0, let last = layers.last, last < configuration.layers else { return false }
            return zip(layers, layers.dropFirst()).allSatisfy { $0 < $1 }
        }
    }

    /// The form the fused model's checksum covers: `projected_embedding`, `class_tokens:5,7,9,11`,
    /// `token_means:…` or `token_moments:…`.
    public var canonicalText: String {
        switch self {
        case .projectedEmbedding: "projected_embedding"
        case .classTokens(let layers): "class_tokens:" + layers.map(String.init).joined(separator: ",")
        case .tokenMeans(let layers): "token_means:" + layers.map(String.init).joined(separator: ",")
        case .tokenMoments(let layers): "token_moments:" + layers.map(String.init).joined(separator: ",")
        }
    }

    /// Decodes the JSON form above.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "projected_embedding": self = .projectedEmbedding
        case "class_tokens": self = .classTokens(layers: try container.decode([Int].self, forKey: .layers))
        case "token_means": self = .tokenMeans(layers: try container.decode([Int].self, forKey: .layers))
        case "token_moments": self = .tokenMoments(layers: try container.decode([Int].self, forKey: .layers))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown features \(other)")
        }
    }

    /// Encodes as in ``init(from:)``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .projectedEmbedding: try container.encode("projected_embedding", forKey: .kind)
        case .classTokens(let layers):
            try container.encode("class_tokens", forKey: .kind)
            try container.encode(layers, forKey: .layers)
        case .tokenMeans(let layers):
            try container.encode("token_means", forKey: .kind)
            try container.encode(layers, forKey: .layers)
        case .tokenMoments(let layers):
            try container.encode("token_moments", forKey: .kind)
            try container.encode(layers, forKey: .layers)
        }
    }
}
