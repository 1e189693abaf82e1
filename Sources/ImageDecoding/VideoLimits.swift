/// The hard limits of one video read, each checked before the work it bounds (docs/limits.md, "Video").
public struct VideoLimits: Sendable, Hashable {
    /// The largest video file accepted, in bytes; checked before the demuxer opens it (`file_too_large`).
    public var maxFileBytes: Int
    /// The longest video accepted, in seconds, from the container header (`duration_exceeded`).
    public var maxDurationSeconds: Double
    /// The largest frame accepted, in pixels (width × height), from the stream header and again by the
    /// decoder for every frame (`limit_exceeded`).
    public var maxPixels: Int
    /// The most frames (video packets) the index may hold (`frame_count_exceeded`).
    public var maxFrames: Int
    /// Wall-clock seconds the whole read (open, index, every decoded frame) may take (`time_budget_exceeded`).
    public var maxDecodeSeconds: Double

    /// Creates limits; the defaults accept up to 512 MiB, 30 minutes, 8K (7680 × 4320) frames, 108,000 frames
    /// (30 minutes at 60 frames per second) and 60 seconds of reading.
    public init(
        maxFileBytes: Int = 512 * 1024 * 1024, maxDurationSeconds: Double = 1800, maxPixels: Int = 7680 * 4320,
        maxFrames: Int = 108_000, maxDecodeSeconds: Double = 60
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDurationSeconds = maxDurationSeconds
        self.maxPixels = maxPixels
        self.maxFrames = maxFrames
        self.maxDecodeSeconds = maxDecodeSeconds
    }

    /// The defaults.
    public static let `default` = VideoLimits()
}
