import ProvenantTestSupport
import Testing

@testable import ImageDecoding

/// Display-matrix rotation: quarter turns are applied to decoded frames, anything else is reported and the
/// frames stay as coded. The clips are the quadrant clips of Samples/video (scripts/make_video_samples.sh:
/// 64×48 coded, red top left, green top right, blue bottom left, white bottom right).
@Suite struct VideoRotationTests {
    /// 1.0 in the matrix's 16.16 fixed point, and the `w` entry's 1.0 in 2.30.
    static let one: Int32 = 65536
    static let w: Int32 = 1 << 30

    static func matrix(_ a: Int32, _ b: Int32, _ c: Int32, _ d: Int32) throws -> VideoDisplayMatrix {
        try #require(VideoDisplayMatrix(entries: [a, b, 0, c, d, 0, 0, 0, w]))
    }

    @Test func quarterTurnsMapToEXIFOrientations() throws {
        let one = Self.one
        // The matrices FFmpeg exports for MP4 tkhd rotations (b > 0: the coded top row is shown on the right).
        let identity = try Self.matrix(one, 0, 0, one)
        let clockwise = try Self.matrix(0, one, -one, 0)
        let halfTurn = try Self.matrix(-one, 0, 0, -one)
        let counterClockwise = try Self.matrix(0, -one, one, 0)
        #expect([identity, clockwise, halfTurn, counterClockwise].map(\.quarterTurnClockwise) == [0, 90, 180, 270])
        #expect([identity, clockwise, halfTurn, counterClockwise].map(\.exifOrientation) == [1, 6, 3, 8])
        #expect(![identity, clockwise, halfTurn, counterClockwise].contains { $0.isMirrored })
        // A scale on either axis (an anamorphic matrix) does not change the turn.
        #expect(try Self.matrix(0, 2 * one, -one, 0).quarterTurnClockwise == 90)
    }

    @Test func mirrorsOtherAnglesAndDegenerateMatricesAreNotApplied() throws {
        let one = Self.one
        let mirrored = try Self.matrix(-one, 0, 0, one)  // horizontal flip
        #expect(mirrored.isMirrored)
        #expect(mirrored.quarterTurnClockwise == nil && mirrored.exifOrientation == nil)
        let transposed = try Self.matrix(0, one, one, 0)  // a quarter turn plus a flip
        #expect(transposed.isMirrored && transposed.exifOrientation == nil)
        // 30° counter-clockwise as FFmpeg 5.1 writes it (cos 30°, sin 30° in 16.16, rounded by the tkhd).
        let tilted = try Self.matrix(56755, -32767, 32767, 56755)
        #expect(!tilted.isMirrored && tilted.exifOrientation == nil)
        #expect(try Self.matrix(0, 0, 0, 0).exifOrientation == nil)
        #expect(VideoDisplayMatrix(entries: [one, 0, 0, 0, one, 0, 0, 0]) == nil)
        // Without a matrix nothing is turned; with one that is not a quarter turn nothing is either.
        var info = VideoInfo(format: .mp4, container: "mov", codec: "h264", width: 64, height: 48)
        #expect(info.uprightOrientation == 1 && info.uprightWidth == 64 && info.uprightHeight == 48)
        info.displayMatrix = tilted
        #expect(info.uprightOrientation == nil && info.uprightWidth == 64 && info.uprightHeight == 48)
        info.displayMatrix = try Self.matrix(0, -one, one, 0)
        #expect(info.uprightOrientation == 8 && info.uprightWidth == 48 && info.uprightHeight == 64)
    }

    @Test func orientationMovesEveryPixelWhereItBelongs() {
        // 3×2: pixel k has red = k, so each position can be traced.
        let image = RGBImage(width: 3, height: 2, pixels: (0..<6).flatMap { [UInt8($0), 0, 0] })
        func reds(_ image: RGBImage) -> [UInt8] { stride(from: 0, to: image.pixels.count, by: 3).map { image.pixels[$0] } }
        // 0 1 2      clockwise: 3 0     half turn: 5 4 3     counter-clockwise: 2 5
        // 3 4 5                 4 1                2 1 0                        1 4
        //                       5 2                                             0 3
        let clockwise = image.oriented(6)
        #expect(clockwise.width == 2 && clockwise.height == 3 && reds(clockwise) == [3, 0, 4, 1, 5, 2])
        let halfTurn = image.oriented(3)
        #expect(halfTurn.width == 3 && halfTurn.height == 2 && reds(halfTurn) == [5, 4, 3, 2, 1, 0])
        let counterClockwise = image.oriented(8)
        #expect(counterClockwise.width == 2 && counterClockwise.height == 3 && reds(counterClockwise) == [2, 5, 1, 4, 0, 3])
        #expect(image.oriented(1) == image && image.oriented(9) == image)
        #expect(RGBImage(width: 3, height: 2, pixels: [1, 2]).oriented(6).pixels == [1, 2])
    }

    /// The colour at the centre of each quadrant of a frame (top left, top right, bottom left, bottom right),
    /// named by which channels are near full (x264 at CRF 20 keeps flat quadrants within a few levels).
    static func quadrants(_ image: RGBImage) -> [String] {
        let points = [(1, 1), (3, 1), (1, 3), (3, 3)].map { (image.width * $0.0 / 4, image.height * $0.1 / 4) }
        return points.map { x, y in
            guard let (r, g, b) = image.pixel(x: x, y: y) else { return "outside" }
            switch (r > 200, g > 200, b > 200) {
            case (true, false, false) where g < 60 && b < 60: return "red"
            case (false, true, false) where r < 60 && b < 60: return "green"
            case (false, false, true) where r < 60 && g < 60: return "blue"
            case (true, true, true): return "white"
            default: return "(\(r),\(g),\(b))"
            }
        }
    }

    static func frames(_ name: String) throws -> (VideoInfo, [VideoFrame]) {
        let reader = try VideoReader(bytes: try SampleFiles.bytes("video/\(name)"))
        let index = try reader.frameIndex()
        var frames: [VideoFrame] = []
        try reader.decodeFrames(at: [0, 5, 9], in: index) { frames.append($0) }
        return (reader.info, frames)
    }

    @Test func aPortraitClipIsDecodedUpright() throws {
        let (info, frames) = try Self.frames("quadrants-cw90.mp4")
        #expect(info.width == 64 && info.height == 48)
        #expect(info.rotation == 90)
        #expect(info.displayMatrix?.entries == [0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30])
        #expect(info.uprightOrientation == 6)
        #expect(frames.map(\.position) == [0, 5, 9])
        for frame in frames {
            #expect(frame.image.width == 48 && frame.image.height == 64)
            #expect(frame.image.sourceWidth == 48 && frame.image.sourceHeight == 64)
            #expect(frame.image.orientation == 6)
            // Turned 90° clockwise, as `ffmpeg -i quadrants-cw90.mp4` (autorotate) shows it.
            #expect(Self.quadrants(frame.image.rgb) == ["blue", "red", "white", "green"])
        }
    }

    @Test func aTiltedClipIsDecodedAsCoded() throws {
        let (info, frames) = try Self.frames("quadrants-tilt30.mp4")
        #expect(info.rotation == 330)  // 30° counter-clockwise
        #expect(info.uprightOrientation == nil)
        for frame in frames {
            #expect(frame.image.width == 64 && frame.image.height == 48 && frame.image.orientation == 1)
            #expect(Self.quadrants(frame.image.rgb) == ["red", "green", "blue", "white"])
        }
    }
}
