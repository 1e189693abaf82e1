import ImageDecoding

/// What a video file's container and stream headers say: the `video` object of `inspect` and of the
/// `frames` section (schema 4).
///
/// JSON keys: `format`, `container`, `codec`, `width`, `height`, `duration_seconds`, `frame_rate`,
/// `frame_count`, `rotation`, `has_audio`, `bit_rate`, `creation_time`, `encoder`, `tags`
/// (a list of `{"scope", "key", "value"}`). Absent values are `null`.
public struct VideoSummary: Sendable, Hashable, Codable {
    /// `mp4`, `mov` or `webm` (as sniffed).
    public var format: String
    /// The demuxer that read it.
    public var container: String
    /// The video codec (`h264`, `hevc`, `vp9`, `av1`, …).
    public var codec: String
    /// Coded frame width.
    public var width: Int
    /// Coded frame height.
    public var height: Int
    /// Duration in seconds (millisecond precision), when declared.
    public var durationSeconds: Double?
    /// Average frames per second (three decimals), when declared.
    public var frameRate: Double?
    /// Frames in the video stream: counted from the packets when the frames were indexed, else as declared.
    public var frameCount: Int?
    /// Clockwise display rotation in degrees.
    public var rotation: Int
    /// Whether there is an audio stream.
    public var hasAudio: Bool
    /// Bits per second, when known.
    public var bitRate: Int?
    /// The `creation_time` tag.
    public var creationTime: String?
    /// The `encoder` tag.
    public var encoder: String?
    /// Every container and video-stream tag.
    public var tags: [Tag]

    /// One metadata tag.
    public struct Tag: Sendable, Hashable, Codable {
        /// `format` or `stream`.
        public var scope: String
        /// The key.
        public var key: String
        /// The value.
        public var value: String
    }

    /// The summary of reader facts; `frameCount` replaces the declared count when the frames were indexed.
    public init(_ info: VideoInfo, frameCount: Int? = nil) {
        format = info.format.rawValue
        container = info.container
        codec = info.codec
        width = info.width
        height = info.height
        durationSeconds = info.durationSeconds.map { ($0 * 1000).rounded() / 1000 }
        frameRate = info.frameRate.map { ($0 * 1000).rounded() / 1000 }
        self.frameCount = frameCount ?? info.declaredFrames
        rotation = info.rotation
        hasAudio = info.hasAudio
        bitRate = info.bitRate
        creationTime = info.creationTime
        encoder = info.encoder
        tags = info.tags.map { Tag(scope: $0.scope, key: $0.key, value: $0.value) }
    }

    /// Creates a summary from its parts.
    public init(
        format: String, container: String, codec: String, width: Int, height: Int, durationSeconds: Double? = nil,
        frameRate: Double? = nil, frameCount: Int? = nil, rotation: Int = 0, hasAudio: Bool = false, bitRate: Int? = nil,
        creationTime: String? = nil, encoder: String? = nil, tags: [Tag] = []
    ) {
        self.format = format
        self.container = container
        self.codec = codec
        self.width = width
        self.height = height
        self.durationSeconds = durationSeconds
        self.frameRate = frameRate
        self.frameCount = frameCount
        self.rotation = rotation
        self.hasAudio = hasAudio
        self.bitRate = bitRate
        self.creationTime = creationTime
        self.encoder = encoder
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey {
        case format, container, codec, width, height, rotation, encoder, tags
        case durationSeconds = "duration_seconds"
        case frameRate = "frame_rate"
        case frameCount = "frame_count"
        case hasAudio = "has_audio"
        case bitRate = "bit_rate"
        case creationTime = "creation_time"
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(self.container, forKey: .container)
        try container.encode(codec, forKey: .codec)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(frameRate, forKey: .frameRate)
        try container.encode(frameCount, forKey: .frameCount)
        try container.encode(rotation, forKey: .rotation)
        try container.encode(hasAudio, forKey: .hasAudio)
        try container.encode(bitRate, forKey: .bitRate)
        try container.encode(creationTime, forKey: .creationTime)
        try container.encode(self.encoder, forKey: .encoder)
        try container.encode(tags, forKey: .tags)
    }
}
