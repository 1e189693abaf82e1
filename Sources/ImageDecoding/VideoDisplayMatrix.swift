/// A video stream's display matrix (MP4/QuickTime `tkhd`, as FFmpeg exports it): how a player turns the
/// coded frames before showing them.
///
/// The matrix is stored row by row as `a b u  c d v  x y w`; `a b c d` are 16.16 fixed point. A point
/// `(p, q)` of the coded frame is shown at `(a·p + c·q + x, b·p + d·q + y)`. Only the `a b c d` part
/// matters for orientation. Phones write exact quarter turns (two of `a b c d` are 0); anything else (another
/// angle, a shear, a mirror) is reported and not applied.
public struct VideoDisplayMatrix: Sendable, Hashable {
    /// The nine entries as stored (`a b u c d v x y w`).
    public let entries: [Int32]

    /// Wraps the nine stored entries; nil unless there are exactly nine.
    public init?(entries: [Int32]) {
        guard entries.count == 9 else { return nil }
        self.entries = entries
    }

    private var a: Int64 { Int64(entries[0]) }
    private var b: Int64 { Int64(entries[1]) }
    private var c: Int64 { Int64(entries[3]) }
    private var d: Int64 { Int64(entries[4]) }

    /// Whether the matrix mirrors the picture (its `a b c d` part has a negative determinant).
    public var isMirrored: Bool { a * d - b * c < 0 }

    /// The clockwise quarter turn the matrix makes (0, 90, 180 or 270) when it maps the frame's axes onto the
    /// screen's axes without a mirror (a scale on either axis does not matter: that is the aspect ratio, not
    /// the orientation); nil for any other angle, a mirror or a degenerate matrix.
    public var quarterTurnClockwise: Int? {
        guard a * d - b * c > 0 else { return nil }
        if b == 0, c == 0 {
            return a > 0 ? 0 : 180
        }
        if a == 0, d == 0 {
            // (p, q) → (c·q, b·p): with b > 0 the coded top row becomes the shown right column
            // (a clockwise quarter turn, in image coordinates where y grows downwards).
            return b > 0 ? 90 : 270
        }
        return nil
    }

    /// The EXIF orientation (1, 3, 6 or 8) whose transform shows the coded frame as the matrix does, when the
    /// matrix is a right-angle rotation (``quarterTurnClockwise``); nil otherwise.
    public var exifOrientation: Int? {
        switch quarterTurnClockwise {
        case 0: 1
        case 90: 6
        case 180: 3
        case 270: 8
        default: nil
        }
    }
}
