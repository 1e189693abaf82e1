/// What one decode cost: the work counters the ``DecodeBudget`` is checked against.
///
/// Returned in ``DecodedImage/work`` and, for a failed decode, in ``DecodeError/work``, so callers
/// (and tests) can see that a hostile file was stopped early without timing anything.
public struct DecodeWork: Sendable, Hashable {
    /// Input bytes the decoder consumed.
    public var bytesRead: Int
    /// PNG: input bytes read after the last row (finishing the compressed image data).
    public var trailingBytes: Int
    /// JPEG: scans started.
    public var scans: Int
    /// Rows completed (JPEG: output rows; PNG: rows read, counting each Adam7 pass's rows).
    public var rows: Int
    /// PNG: reading stopped at ``DecodeBudget/maxTrailingImageDataBytes`` after the last row.
    public var stoppedAfterLastRow: Bool
    /// The image data ended before the image was complete (a truncated file or scan).
    public var dataEnded: Bool

    /// Creates counters (all zero by default).
    public init(
        bytesRead: Int = 0, trailingBytes: Int = 0, scans: Int = 0, rows: Int = 0, stoppedAfterLastRow: Bool = false,
        dataEnded: Bool = false
    ) {
        self.bytesRead = bytesRead
        self.trailingBytes = trailingBytes
        self.scans = scans
        self.rows = rows
        self.stoppedAfterLastRow = stoppedAfterLastRow
        self.dataEnded = dataEnded
    }
}
