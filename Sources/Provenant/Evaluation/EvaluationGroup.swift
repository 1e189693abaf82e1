public import Forensics

/// The three groups the fused detector is weighted, banded and reported by: AI images, real photos
/// (label `real`, family `real`), and human-made non-photos (label `real`, any other family, which
/// names the content type, as in the `detect-humanart` labels).
public enum EvaluationGroup: Int, Sendable, CaseIterable {
    /// AI-generated.
    case ai
    /// A real photo.
    case photo
    /// A human-made picture that is not a photo.
    case humanMadeNonPhoto

    /// The group of `image`.
    public init(_ image: LabeledImage) {
        self = image.isAI ? .ai : (image.family == "real" ? .photo : .humanMadeNonPhoto)
    }

    /// The content type the report uses: `ai`, `photo`, or the non-photo's family.
    public static func contentType(of image: LabeledImage) -> String {
        switch EvaluationGroup(image) {
        case .ai: "ai"
        case .photo: "photo"
        case .humanMadeNonPhoto: image.family
        }
    }
}
