/// How a generator handed its pixels to the watermark encoder.
///
/// The encoder expects OpenCV's blue-green-red order. Reference scripts convert first
/// (``bgr``); some pipeline versions pass red-green-blue arrays unchanged (``rgb``), which
/// moves the mark into a different chroma combination. The detector tries both.
public enum WatermarkChannelOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// The encoder received blue-green-red pixels, as the library expects.
    case bgr
    /// The encoder received red-green-blue pixels as if they were blue-green-red.
    case rgb
}
