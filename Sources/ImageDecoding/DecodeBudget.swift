/// The cost budget of one decode: how much memory and work a single file may buy.
///
/// Every field is a named limit listed in `docs/limits.md` with its default, the error it raises and
/// the CLI flag that sets it. Each decoder checks the budget before it allocates and while it works,
/// so a small hostile file cannot cost more than its budget allows. Decoders for new formats take the
/// same budget (and the C shims the same `img_budget` struct).
public struct DecodeBudget: Sendable, Hashable {
    /// The most bytes one decode may hold: the output pixels plus the decoder's own working memory
    /// (libjpeg's whole-image coefficient buffers for progressive and multi-scan JPEG). The output is
    /// checked before it is allocated and the rest is passed to libjpeg's memory manager, so an image
    /// over budget fails with ``DecodeError/Code/memoryBudgetExceeded`` before any scan is decoded.
    public var maxMemoryBytes: Int
    /// The most scans any JPEG may have (``DecodeError/Code/scanBudgetExceeded`` past it).
    public var maxScans: Int
    /// Scans × pixels one JPEG may cost. Each scan of a progressive JPEG can visit every block, so
    /// large images get fewer scans: the limit is `maxScanPixels / pixels`, between ``minScans`` and
    /// ``maxScans``.
    public var maxScanPixels: Int
    /// The scans every image may have however large it is (ordinary progressive files have 6–10).
    public var minScans: Int
    /// PNG: input bytes read after the last row while finishing the compressed image data. libpng
    /// inflates everything up to the end of the zlib stream, and a kilobyte of compressed zeros
    /// inflates to a megabyte, so past this budget decoding stops, keeps the (complete) rows and adds a
    /// warning; ``DecodedImage/work`` records it. 0 reads to the end of the stream (no budget).
    public var maxTrailingImageDataBytes: Int
    /// Whether an image whose data ends early (a truncated file, or EOI inside a JPEG scan) is decoded
    /// anyway, with the missing part filled in grey and a warning. Off by default: such an image
    /// fails with ``DecodeError/Code/truncated`` as soon as the decoder sees the data end, so it is
    /// never analysed as if it were whole.
    public var acceptTruncated: Bool

    /// Creates a budget; every argument has a conservative default.
    public init(
        maxMemoryBytes: Int = 512 * 1024 * 1024,
        maxScans: Int = 64,
        maxScanPixels: Int = 1_000_000_000,
        minScans: Int = 12,
        maxTrailingImageDataBytes: Int = 16 * 1024,
        acceptTruncated: Bool = false
    ) {
        self.maxMemoryBytes = maxMemoryBytes
        self.maxScans = maxScans
        self.maxScanPixels = maxScanPixels
        self.minScans = minScans
        self.maxTrailingImageDataBytes = maxTrailingImageDataBytes
        self.acceptTruncated = acceptTruncated
    }

    /// The default budget.
    public static let `default` = DecodeBudget()

    /// The scans a JPEG of `pixels` pixels may have: `maxScanPixels / pixels`, at least ``minScans``
    /// and at most ``maxScans``.
    public func scanLimit(pixels: Int) -> Int {
        let scaled = maxScanPixels / max(1, pixels)
        return min(maxScans, max(minScans, scaled))
    }

    /// Throws ``DecodeError/Code/memoryBudgetExceeded`` unless `bytes` fit the memory budget.
    func checkMemory(_ bytes: Int, for what: String, format: String) throws(DecodeError) {
        guard bytes <= maxMemoryBytes else {
            throw DecodeError(
                .memoryBudgetExceeded,
                "\(format): \(what) needs \(bytes) bytes; the memory budget is \(maxMemoryBytes)")
        }
    }
}
