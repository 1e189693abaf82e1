/// What the invisible-watermark detector found in one image.
///
/// `bitsMatched`/`bitsTotal` always describe the best candidate (the known payload, channel
/// order and method whose agreement is least likely by chance), even when it is below the
/// detection threshold, so a report can show "29/48 bits" for a partial match.
/// A detection is evidence, not proof: anyone can add the mark to any image.
public struct WatermarkResult: Sendable, Hashable, Codable {
    /// Whether a known payload was recovered with at least the "likely watermarked" agreement.
    public var detected: Bool
    /// The name of the recovered payload (``WatermarkPayload/name``); `nil` when nothing was detected.
    public var payloadName: String?
    /// How many bits of the best candidate agree with its known payload.
    public var bitsMatched: Int
    /// The length of the best candidate's payload in bits (0 when the image could not be read).
    public var bitsTotal: Int
    /// The channel order (`"bgr"` or `"rgb"`) of the detection; `nil` when nothing was detected.
    public var channelOrder: String?
    /// The embedding method (`"dwtDct"` or `"dwtDctSvd"`) of the detection; `nil` when nothing was detected.
    public var method: String?
    /// A sentence for people: the best candidate, its agreement level and, when relevant, why the image was skipped.
    public var detail: String

    /// How ``detail`` starts when the detector did not read the image (a buffer that does not match its size,
    /// too few pixels or 8×8 blocks); what follows is the reason.
    public static let notCheckedPrefix = "not checked: "

    /// Creates a result.
    public init(
        detected: Bool,
        payloadName: String?,
        bitsMatched: Int,
        bitsTotal: Int,
        channelOrder: String?,
        method: String? = nil,
        detail: String
    ) {
        self.detected = detected
        self.payloadName = payloadName
        self.bitsMatched = bitsMatched
        self.bitsTotal = bitsTotal
        self.channelOrder = channelOrder
        self.method = method
        self.detail = detail
    }
}
