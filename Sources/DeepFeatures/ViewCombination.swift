/// How a fused model's ``EmbeddingView``s make one feature vector.
///
/// In JSON (`embedding.view_combination`, format version 3): `"average"` or `"concatenate"`. Files of
/// versions 1 and 2 have no such key and average.
public enum ViewCombination: String, Sendable, Equatable, Hashable, Codable {
    /// Every crop of every view goes through the tower and the features are averaged value by value
    /// (one vector of the features' width).
    case average
    /// Each view gives its own vector (its crops averaged) and the vectors are concatenated in the
    /// views' order, so the probe weighs what each view sees separately: a resized view keeps the
    /// whole picture, a native-resolution crop the untouched pixels a generator left.
    case concatenate

    /// How many feature vectors of the features' width `views` give: one when averaging, one per
    /// view when concatenating.
    public func vectorCount(views: [EmbeddingView]) -> Int {
        switch self {
        case .average: 1
        case .concatenate: views.count
        }
    }
}
