import Forensics

/// The invisible-watermark detector's output, as fusion consumes it.
public struct WatermarkEvidence: Sendable, Hashable, Codable {
    /// Whether a known payload was found with enough matching bits.
    public var detected: Bool
    /// The payload found (for example `sdxl`), when one was.
    public var payloadName: String?
    /// The number of payload bits that matched.
    public var bitsMatched: Int
    /// The payload length in bits.
    public var bitsTotal: Int
    /// What the detector found, for people.
    public var detail: String
    /// Whether the check ran at all (`false` when the image is too small to carry a mark, for example).
    public var checked: Bool

    /// Creates watermark evidence.
    public init(
        detected: Bool, payloadName: String?, bitsMatched: Int, bitsTotal: Int, detail: String, checked: Bool = true
    ) {
        self.checked = checked
        self.detected = detected
        self.payloadName = payloadName
        self.bitsMatched = bitsMatched
        self.bitsTotal = bitsTotal
        self.detail = detail
    }

    /// How the detector's ``detail`` starts when the check did not run (the detector's own
    /// `WatermarkResult.notCheckedPrefix`, so the text it writes and the text stripped here cannot drift apart).
    public static let uncheckedPrefix = WatermarkResult.notCheckedPrefix

    /// Why the check did not run (``detail`` without ``uncheckedPrefix``); nil when it ran.
    public var uncheckedReason: String? {
        checked ? nil : Self.withoutUncheckedPrefix(detail)
    }

    /// `detail` without a leading ``uncheckedPrefix``, for text that already says the check did not run.
    public static func withoutUncheckedPrefix(_ detail: String) -> String {
        detail.hasPrefix(uncheckedPrefix) ? String(detail.dropFirst(uncheckedPrefix.count)) : detail
    }

    /// The fraction of payload bits that matched, or `nil` when no payload was compared.
    public var agreement: Double? {
        bitsTotal > 0 ? Double(bitsMatched) / Double(bitsTotal) : nil
    }

    /// The evidence as a report signal; `detected` is `null` when the check did not run.
    public var signal: Signal {
        Signal(
            kind: .watermark, name: payloadName ?? "dwtdct", detected: checked ? detected : nil,
            score: agreement.map(ReportRounding.probability), detail: detail)
    }
}
