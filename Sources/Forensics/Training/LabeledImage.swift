/// One labelled training or evaluation image.
public struct LabeledImage: Sendable, Hashable, Codable {
    /// Path of the image file.
    public var path: String
    /// `true` for AI-generated, `false` for a real photo.
    public var isAI: Bool
    /// The group used for cross-validation splits (for example the source repository).
    public var source: String
    /// Generator family for AI images, `real` for real ones.
    public var family: String

    /// Creates a labelled image.
    public init(path: String, isAI: Bool, source: String, family: String) {
        self.path = path
        self.isAI = isAI
        self.source = source
        self.family = family
    }
}
