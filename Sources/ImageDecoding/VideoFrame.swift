/// One decoded video frame.
public struct VideoFrame: Sendable {
    /// The frame's position in the ``VideoFrameIndex``.
    public var position: Int
    /// Its presentation time in seconds from the first frame.
    public var seconds: Double
    /// Whether it is a key frame.
    public var isKeyframe: Bool
    /// The pixels, turned upright by the display matrix's quarter turn when it has one
    /// (``VideoInfo/uprightOrientation``; ``DecodedImage/orientation`` says which was applied).
    public var image: DecodedImage
    /// The frame's own metadata (frame side data such as unregistered SEI user data), as `key=value` lines.
    public var metadataText: String

    /// Creates a frame.
    public init(position: Int, seconds: Double, isKeyframe: Bool, image: DecodedImage, metadataText: String) {
        self.position = position
        self.seconds = seconds
        self.isKeyframe = isKeyframe
        self.image = image
        self.metadataText = metadataText
    }
}
