import ImageContainers

/// Facts about a video file read from its container and stream headers (no frame decoded).
public struct VideoInfo: Sendable, Hashable {
    /// The container format as sniffed (``ImageFormat/mp4``, ``ImageFormat/mov`` or ``ImageFormat/webm``).
    public var format: ImageFormat
    /// The demuxer that read it (`mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`).
    public var container: String
    /// The video codec (`h264`, `hevc`, `vp9`, `av1`, …).
    public var codec: String
    /// Coded frame width in pixels (before rotation).
    public var width: Int
    /// Coded frame height in pixels (before rotation).
    public var height: Int
    /// Duration in seconds, when the container declares one.
    public var durationSeconds: Double?
    /// Average frames per second, when declared.
    public var frameRate: Double?
    /// The frame count the stream header declares (MP4/MOV), when it declares one.
    public var declaredFrames: Int?
    /// Clockwise rotation a player applies, in whole degrees (0...359), from the display matrix; 0 without one.
    public var rotation: Int
    /// The video stream's display matrix, when the container has one (MP4/QuickTime).
    public var displayMatrix: VideoDisplayMatrix?
    /// Whether the file has an audio stream.
    public var hasAudio: Bool
    /// Bits per second, when known.
    public var bitRate: Int?
    /// The container's `creation_time` tag, as written (ISO 8601 in practice).
    public var creationTime: String?
    /// The `encoder` tag (the container's, else the video stream's): the software that wrote the file.
    public var encoder: String?
    /// Every container (`format`) and video-stream (`stream`) metadata tag, in file order.
    public var tags: [VideoTag]

    /// Creates video facts.
    public init(
        format: ImageFormat, container: String, codec: String, width: Int, height: Int, durationSeconds: Double? = nil,
        frameRate: Double? = nil, declaredFrames: Int? = nil, rotation: Int = 0, hasAudio: Bool = false,
        bitRate: Int? = nil, creationTime: String? = nil, encoder: String? = nil, tags: [VideoTag] = [],
        displayMatrix: VideoDisplayMatrix? = nil
    ) {
        self.format = format
        self.container = container
        self.codec = codec
        self.width = width
        self.height = height
        self.durationSeconds = durationSeconds
        self.frameRate = frameRate
        self.declaredFrames = declaredFrames
        self.rotation = rotation
        self.hasAudio = hasAudio
        self.bitRate = bitRate
        self.creationTime = creationTime
        self.encoder = encoder
        self.tags = tags
        self.displayMatrix = displayMatrix
    }

    /// The EXIF orientation (1, 3, 6 or 8) ``VideoReader`` applies to decoded frames so that they are upright
    /// as a player shows them: 1 without a display matrix, the matrix's quarter turn when it is one; nil when
    /// the matrix is anything else (another angle, a mirror, a shear): frames then stay as coded.
    public var uprightOrientation: Int? {
        guard let displayMatrix else { return 1 }
        return displayMatrix.exifOrientation
    }

    /// Whether the frames' sides swap when they are turned upright (a quarter turn of 90° or 270°).
    public var uprightSwapsSides: Bool { uprightOrientation == 6 || uprightOrientation == 8 }

    /// Frame width as analysed: the coded width, or the coded height when turning upright swaps the sides.
    public var uprightWidth: Int { uprightSwapsSides ? height : width }

    /// Frame height as analysed: the coded height, or the coded width when turning upright swaps the sides.
    public var uprightHeight: Int { uprightSwapsSides ? width : height }
}

/// One metadata tag of a video file.
public struct VideoTag: Sendable, Hashable {
    /// `format` (the container) or `stream` (the video stream).
    public var scope: String
    /// The tag's key as FFmpeg names it (`encoder`, `creation_time`, `comment`, `handler_name`, …).
    public var key: String
    /// The value.
    public var value: String

    /// Creates a tag.
    public init(scope: String, key: String, value: String) {
        self.scope = scope
        self.key = key
        self.value = value
    }
}
