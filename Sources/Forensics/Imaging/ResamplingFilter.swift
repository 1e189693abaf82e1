import Foundation

/// The interpolation kernel of a downscale. Platforms and editors differ here, so the platform
/// augmentation draws one at random: a detector that only works after one filter would not hold.
public enum ResamplingFilter: String, Sendable, Codable, CaseIterable, Hashable {
    /// Area average (``BoxResampler``).
    case box
    /// Triangle kernel, support 1 (scaled by the reduction factor).
    case bilinear
    /// Cubic convolution with a = −0.5 (Keys), support 2.
    case bicubic
    /// Windowed sinc with three lobes, support 3.
    case lanczos3

    /// Half-width of the kernel at scale 1, in source pixels.
    var support: Double {
        switch self {
        case .box: return 0.5
        case .bilinear: return 1
        case .bicubic: return 2
        case .lanczos3: return 3
        }
    }

    /// The kernel's value at distance `x` (in output-scale units).
    func weight(_ x: Double) -> Double {
        let t = abs(x)
        switch self {
        case .box:
            return t < 0.5 ? 1 : 0
        case .bilinear:
            return t < 1 ? 1 - t : 0
        case .bicubic:
            let a = -0.5
            if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
            if t < 2 { return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a }
            return 0
        case .lanczos3:
            if t < 1e-12 { return 1 }
            if t >= 3 { return 0 }
            let px = Double.pi * t
            return 3 * sin(px) * sin(px / 3) / (px * px)
        }
    }
}
