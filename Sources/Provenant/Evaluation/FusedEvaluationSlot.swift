public import Forensics

/// One version of every image that the fused evaluation computes features for: an evaluation
/// condition (scored out of fold and used for training in the other folds), or a platform
/// augmentation copy (training only).
public enum FusedEvaluationSlot: Sendable, Hashable, Codable {
    /// A test condition, applied identically to every image.
    case condition(EvaluationCondition)
    /// The `n`-th ``PlatformAugmentation`` copy (1-based), seeded per file.
    case platformCopy(Int)

    /// The conditions the report covers, in order: as-is pixels, centre crop 512 + JPEG 90,
    /// downscale 512 + JPEG 75, WebP social.
    public static let evaluated: [FusedEvaluationSlot] = [
        .condition(.asIs), .condition(.crop512JPEG90), .condition(.downscale512JPEG75), .condition(.webpSocial),
    ]

    /// The evaluated conditions followed by `copies` platform copies.
    public static func all(copies: Int) -> [FusedEvaluationSlot] {
        evaluated + (0..<max(0, copies)).map { .platformCopy($0 + 1) }
    }

    /// A stable name (cache keys, JSON).
    public var name: String {
        switch self {
        case .condition(let condition): return condition.rawValue
        case .platformCopy(let n): return "platform_copy_\(n)"
        }
    }

    /// A short human label.
    public var label: String {
        switch self {
        case .condition(let condition): return condition.label
        case .platformCopy(let n): return "platform copy \(n)"
        }
    }

    /// Whether the slot is reported (not only trained on).
    public var isEvaluated: Bool {
        if case .condition = self { return true }
        return false
    }
}
