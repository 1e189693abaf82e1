/// How an image is turned into one or more 224 × 224 inputs of the tower.
public enum EmbeddingView: Sendable, Equatable, Hashable, Codable {
    /// Shorter side resized to 224 with ``BilinearResampler`` (longer side ⌊L·224/S⌋, at least 224),
    /// then the centre 224 × 224 crop (offset ⌊(n − 224)/2⌋). CLIP's own preprocessing.
    case resize224
    /// The ``resize224`` crop mirrored left to right: a second look at the same content, for a model
    /// that concatenates it with ``resize224`` so its probes see which features survive a mirror.
    case resize224Mirrored
    /// `count` (1–5) crops of 224 × 224 at native resolution, centred at (½, ½), (¼, ¼), (¾, ¾),
    /// (¼, ¾), (¾, ¼) of the image and clamped inside it; an image with a side below 224 is first
    /// enlarged so its shorter side is 224 (sides rounded half-to-even, at least 224).
    case nativeCrops(count: Int)

    private enum CodingKeys: String, CodingKey { case kind, count }

    /// The view's `kind` in JSON.
    var kind: String {
        switch self {
        case .resize224: "resize224"
        case .resize224Mirrored: "resize224_mirrored"
        case .nativeCrops: "native_crops"
        }
    }

    /// The view in a fused model's checksum payload (`views=` line): its kind, with `:count` for native crops.
    public var canonicalText: String {
        if case .nativeCrops(let count) = self { return "\(kind):\(count)" }
        return kind
    }

    /// Decodes `{"kind": "resize224"}`, `{"kind": "resize224_mirrored"}` or
    /// `{"kind": "native_crops", "count": K}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "resize224": self = .resize224
        case "resize224_mirrored": self = .resize224Mirrored
        case "native_crops":
            let count = try container.decode(Int.self, forKey: .count)
            guard (1...5).contains(count) else {
                throw DecodingError.dataCorruptedError(forKey: .count, in: container, debugDescription: "count must be 1...5")
            }
            self = .nativeCrops(count: count)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown view \(other)")
        }
    }

    /// Encodes as in ``init(from:)``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if case .nativeCrops(let count) = self { try container.encode(count, forKey: .count) }
    }
}
