/// Bit-agreement levels, after Stability AI's SDXL watermark detector.
///
/// That detector counts matching bits out of 48: at most 27 is "no watermark", 28–33 a
/// "partial match", 34–35 "likely" and 36 or more "very likely" watermarked. Other payload
/// lengths use the counts whose chance probability (fair-coin binomial tail) is no larger than
/// that of the 48-bit level: 20/25/26 of 32 bits and 75/85/89 of 136 bits.
///
/// The bit counts are necessary but, measured on our data, not sufficient: a detection also
/// needs ``minimumExcessAgreement`` at block level.
public struct WatermarkThresholds: Sendable, Hashable, Codable {
    /// The smallest agreement reported as a partial match.
    public let partial: Int
    /// The smallest agreement reported as a detection ("likely watermarked").
    public let likely: Int
    /// The smallest agreement reported as "very likely watermarked".
    public let veryLikely: Int
    /// The agreement whose fair-coin chance is at most one in a million (41/48, 30/32, 96/136):
    /// far above anything unmarked images reached, so a smaller block-level excess
    /// (``minimumExcessAgreementDecisive``) suffices.
    public let decisive: Int

    /// The levels for a payload of `bitCount` bits.
    public init(bitCount: Int) {
        if bitCount == Self.referenceBits {
            partial = 28
            likely = 34
            veryLikely = 36
            decisive = BinomialTail.threshold(n: bitCount, probability: 1e-6)
        } else {
            let n = Self.referenceBits
            partial = BinomialTail.threshold(n: bitCount, probability: BinomialTail.upper(n: n, atLeast: 28))
            likely = BinomialTail.threshold(n: bitCount, probability: BinomialTail.upper(n: n, atLeast: 34))
            veryLikely = BinomialTail.threshold(n: bitCount, probability: BinomialTail.upper(n: n, atLeast: 36))
            decisive = BinomialTail.threshold(n: bitCount, probability: 1e-6)
        }
    }

    /// The smallest share of block votes, beyond what the image's own lean towards reading 0 or 1
    /// explains, that a detection needs (0.12 = 12 percentage points).
    ///
    /// Majority-voted bit counts alone are not enough: on the team's detect set (about 800
    /// unmarked images, 12 comparisons each) structured content reached 34–37 of 48 bits and 86
    /// of 136, while agreeing with the payload in at most 6.3 points more block votes than its
    /// bias explains. Marks in lossless files exceed it by 22–49 points.
    public static let minimumExcessAgreement = 0.12

    /// The block-level excess a ``decisive`` bit agreement needs (0.05). JPEG q95 copies of the
    /// shared samples read from the stored chroma keep 41–48/48 bits with 6–9 points of excess;
    /// unmarked images never came within 4 bits of the decisive levels.
    public static let minimumExcessAgreementDecisive = 0.05

    /// The payload length the published levels refer to.
    static let referenceBits = 48

    /// A word for an agreement of `matched` bits.
    func level(_ matched: Int) -> String {
        if matched >= veryLikely { return "very likely watermarked" }
        if matched >= likely { return "likely watermarked" }
        if matched >= partial { return "partial match" }
        return "no watermark"
    }
}
