/// The architecture constants of a CLIP vision tower, as stored in the weight file's header.
///
/// The forward pass supports exactly the ViT-B/16 shape (``vitB16``); a file that declares
/// anything else is rejected when loaded.
public struct CLIPConfiguration: Sendable, Codable, Equatable {
    /// Width of the token embeddings.
    public var hidden: Int
    /// Number of transformer blocks.
    public var layers: Int
    /// Attention heads per block.
    public var heads: Int
    /// Width of the MLP's hidden layer.
    public var mlp: Int
    /// Side of a square patch in pixels.
    public var patch: Int
    /// Side of the square input image in pixels.
    public var image: Int
    /// Width of the projected embedding.
    public var projection: Int
    /// LayerNorm epsilon.
    public var layerNormEpsilon: Float
    /// QuickGELU slope: `x * sigmoid(alpha * x)`.
    public var quickGELUAlpha: Float

    /// CLIP ViT-B/16 image tower.
    public static let vitB16 = CLIPConfiguration(
        hidden: 768, layers: 12, heads: 12, mlp: 3072, patch: 16, image: 224, projection: 512,
        layerNormEpsilon: 1e-5, quickGELUAlpha: 1.702)

    /// Creates a configuration.
    public init(
        hidden: Int, layers: Int, heads: Int, mlp: Int, patch: Int, image: Int, projection: Int,
        layerNormEpsilon: Float, quickGELUAlpha: Float
    ) {
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.mlp = mlp
        self.patch = patch
        self.image = image
        self.projection = projection
        self.layerNormEpsilon = layerNormEpsilon
        self.quickGELUAlpha = quickGELUAlpha
    }

    /// Patches per side (14 for ViT-B/16).
    public var gridSide: Int { image / patch }
    /// Tokens per image: the class token plus one per patch (197).
    public var tokens: Int { gridSide * gridSide + 1 }

    enum CodingKeys: String, CodingKey {
        case hidden, layers, heads, mlp, patch, image, projection
        case layerNormEpsilon = "layer_norm_eps"
        case quickGELUAlpha = "quick_gelu_alpha"
    }
}
