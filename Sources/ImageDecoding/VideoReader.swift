internal import CImageShims
import ImageContainers

/// Reads MP4, QuickTime and WebM video through FFmpeg (behind the C shim `img_video_*`).
///
/// The reader checks ``VideoLimits`` before each piece of work: the file size before the demuxer opens,
/// duration and frame size from the headers, the frame count while indexing, and one wall-clock budget
/// for everything. Every failure is a ``DecodeError``; FFmpeg never aborts. A reader is used by one task
/// at a time (it owns FFmpeg's demuxer and decoder state).
public final class VideoReader {
    /// The container and stream facts.
    public let info: VideoInfo
    /// The limits this reader enforces.
    public let limits: VideoLimits
    private let input: InputCopy
    private let pointer: OpaquePointer
    private let timeBase: (numerator: Int, denominator: Int)
    /// The position of the last frame decoded, when decoding can continue from it.
    private var lastDecoded: Int?

    /// Opens `bytes` (an MP4, QuickTime or WebM file) and reads its headers.
    ///
    /// - Throws: ``DecodeError`` `file_too_large`, `duration_exceeded`, `limit_exceeded` (frame size),
    ///   `frame_count_exceeded` (declared frames), `time_budget_exceeded`, or `unsupported_format`,
    ///   `corrupt`, `truncated` from the demuxer or decoder.
    public init(bytes: [UInt8], limits: VideoLimits = .default) throws(DecodeError) {
        let format = ImageFormat.sniff(bytes)
        guard format.isVideo else {
            throw DecodeError(.unsupportedFormat, at: 0, "not an MP4, QuickTime or WebM video (\(format.displayName))")
        }
        guard bytes.count <= limits.maxFileBytes else {
            throw DecodeError(.fileTooLarge, "\(bytes.count) bytes; the video limit is \(limits.maxFileBytes)")
        }
        let input = InputCopy(bytes)
        var status: Int32 = 0
        var message = [CChar](repeating: 0, count: 384)
        let created = message.withUnsafeMutableBufferPointer { buffer in
            img_video_open(
                input.baseAddress, input.count, Int64(clamping: limits.maxPixels), limits.maxDecodeSeconds, &status,
                buffer.baseAddress, buffer.count)
        }
        guard let created else { throw DecodeError(.libraryError, "\(format.displayName): out of memory opening the video") }
        // Until every stored property is set, a throw does not run deinit: the reader is freed here.
        guard status == Int32(IMG_OK) else {
            img_video_destroy(created)
            throw ShimStatus.error(status, message: Self.text(message), format: format.displayName)
        }
        var raw = img_video_info()
        let infoStatus = img_video_get_info(created, &raw)
        guard infoStatus == Int32(IMG_OK) else {
            img_video_destroy(created)
            throw ShimStatus.error(infoStatus, message: "cannot read the stream facts", format: format.displayName)
        }
        var tagText = [CChar](repeating: 0, count: 16384)
        let written = tagText.withUnsafeMutableBufferPointer { img_video_tags(created, $0.baseAddress, $0.count) }
        let info = Self.info(raw, format: format, tags: Self.tags(Array(tagText.prefix(written))))
        do {
            try Self.check(info, limits: limits)
        } catch {
            img_video_destroy(created)
            throw error
        }
        self.limits = limits
        self.input = input
        self.info = info
        self.timeBase = (Int(raw.time_base_num), Int(raw.time_base_den))
        self.pointer = created
    }

    deinit { img_video_destroy(pointer) }

    /// Checks the header facts against the limits (before any frame is read).
    static func check(_ info: VideoInfo, limits: VideoLimits) throws(DecodeError) {
        let name = info.format.displayName
        if let duration = info.durationSeconds, duration > limits.maxDurationSeconds {
            throw DecodeError(
                .durationExceeded, "\(name) video lasts \(duration) s; the limit is \(limits.maxDurationSeconds) s")
        }
        let (pixels, overflow) = info.width.multipliedReportingOverflow(by: info.height)
        if overflow || pixels > limits.maxPixels {
            throw DecodeError(
                .limitExceeded, "\(name) frames are \(info.width)×\(info.height); the limit is \(limits.maxPixels) pixels")
        }
        if let declared = info.declaredFrames, declared > limits.maxFrames {
            throw DecodeError(.frameCountExceeded, "\(name) video declares \(declared) frames; the limit is \(limits.maxFrames)")
        }
    }

    /// Reads every video packet's timestamp and key-frame flag (no decoding).
    /// - Throws: `frame_count_exceeded` past ``VideoLimits/maxFrames``, `time_budget_exceeded`,
    ///   `truncated` when the file ends inside its frames, `corrupt`.
    public func frameIndex() throws(DecodeError) -> VideoFrameIndex {
        let name = info.format.displayName
        // Every packet takes at least one byte of the file, so the file size bounds the count as well.
        let capacity = max(1, min(limits.maxFrames, input.count))
        var timestamps = [Int64](repeating: 0, count: capacity)
        var keyframes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        var message = [CChar](repeating: 0, count: 384)
        let status = timestamps.withUnsafeMutableBufferPointer { times in
            keyframes.withUnsafeMutableBufferPointer { keys in
                message.withUnsafeMutableBufferPointer { text in
                    img_video_index(pointer, times.baseAddress, keys.baseAddress, capacity, &count, text.baseAddress, text.count)
                }
            }
        }
        lastDecoded = nil
        if status == Int32(IMG_ERR_LIMIT) {
            throw DecodeError(.frameCountExceeded, "\(name) video has more than \(limits.maxFrames) frames (the limit)")
        }
        guard status == Int32(IMG_OK) else { throw ShimStatus.error(status, message: Self.text(message), format: name) }
        guard count > 0 else { throw DecodeError(.corrupt, "\(name) video stream holds no frame") }
        return VideoFrameIndex(
            timestamps: Array(timestamps.prefix(count)), keyframes: keyframes.prefix(count).map { $0 != 0 }, timeBase: timeBase)
    }

    /// Decodes the frames at `positions` of `index` (in increasing order), handing each to `body` as it is
    /// decoded. Seeks to the key frame before a position unless decoding can simply continue (the previous
    /// frame decoded lies after that key frame). `maxSide` scales frames whose longer side exceeds it.
    /// Frames are turned upright by the display matrix's quarter turn (``VideoInfo/uprightOrientation``);
    /// a display matrix that is not a right-angle rotation leaves them as coded.
    public func decodeFrames(
        at positions: [Int], in index: VideoFrameIndex, maxSide: Int? = nil, _ body: (VideoFrame) -> Void
    ) throws(DecodeError) {
        let name = info.format.displayName
        let (outWidth, outHeight) = Self.outputSize(width: info.width, height: info.height, maxSide: maxSide)
        for position in positions.sorted() where index.entries.indices.contains(position) {
            let entry = index.entries[position]
            let keyframe = index.keyframe(atOrBefore: position)
            let seek = lastDecoded.map { !($0 >= keyframe && $0 < position) } ?? true
            var pixels = [UInt8](repeating: 0, count: outWidth * outHeight * 3)
            var frameTimestamp: Int64 = 0
            var wasKey: Int32 = 0
            var message = [CChar](repeating: 0, count: 384)
            let status = pixels.withUnsafeMutableBufferPointer { out in
                message.withUnsafeMutableBufferPointer { text in
                    img_video_decode(
                        pointer, entry.timestamp, seek ? 1 : 0, UInt32(outWidth), UInt32(outHeight), out.baseAddress, out.count,
                        &frameTimestamp, &wasKey, text.baseAddress, text.count)
                }
            }
            guard status == Int32(IMG_OK) else {
                lastDecoded = nil
                throw ShimStatus.error(status, message: Self.text(message), format: name)
            }
            // The decoder returns the first frame at or after the target; find where it sits in the index.
            let actual = index.entries[position...].firstIndex { $0.timestamp >= frameTimestamp } ?? position
            lastDecoded = actual
            var text = [CChar](repeating: 0, count: 1100)
            let written = text.withUnsafeMutableBufferPointer { img_video_frame_text(pointer, $0.baseAddress, $0.count) }
            let orientation = info.uprightOrientation ?? 1
            let rgb = RGBImage(width: outWidth, height: outHeight, pixels: pixels).oriented(orientation)
            let image = DecodedImage(
                format: info.format, width: rgb.width, height: rgb.height, sourceWidth: info.uprightWidth,
                sourceHeight: info.uprightHeight, rgb: rgb, colorModel: "rgb", bitDepth: 8, frameCount: 1,
                orientation: orientation)
            body(
                VideoFrame(
                    position: actual, seconds: index.entries[actual].seconds, isKeyframe: wasKey != 0, image: image,
                    metadataText: Self.text(Array(text.prefix(written)))))
        }
    }

    /// Frames decoded and packets read so far.
    public var work: (framesDecoded: Int, packetsRead: Int) {
        var frames: Int64 = 0, packets: Int64 = 0
        img_video_work(pointer, &frames, &packets)
        return (Int(frames), Int(packets))
    }

    /// The output size for a frame: the coded size, or scaled (aspect kept, even sides) to fit `maxSide`.
    static func outputSize(width: Int, height: Int, maxSide: Int?) -> (Int, Int) {
        guard let maxSide, maxSide > 0, max(width, height) > maxSide else { return (width, height) }
        let scale = Double(maxSide) / Double(max(width, height))
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    static func info(_ raw: img_video_info, format: ImageFormat, tags: [VideoTag]) -> VideoInfo {
        let container = withUnsafeBytes(of: raw.container) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let codec = withUnsafeBytes(of: raw.codec) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let rate = raw.frame_rate_den > 0 && raw.frame_rate_num > 0 ? Double(raw.frame_rate_num) / Double(raw.frame_rate_den) : nil
        func tag(_ key: String) -> String? {
            tags.first { $0.scope == "format" && $0.key == key }?.value ?? tags.first { $0.key == key }?.value
        }
        return VideoInfo(
            format: format, container: container, codec: codec, width: Int(raw.width), height: Int(raw.height),
            durationSeconds: raw.duration_us >= 0 ? Double(raw.duration_us) / 1_000_000 : nil, frameRate: rate,
            declaredFrames: raw.declared_frames > 0 ? Int(raw.declared_frames) : nil, rotation: Int(raw.rotation),
            hasAudio: raw.has_audio != 0, bitRate: raw.bit_rate > 0 ? Int(raw.bit_rate) : nil,
            creationTime: tag("creation_time"), encoder: tag("encoder"), tags: tags, displayMatrix: displayMatrix(raw))
    }

    /// The display matrix the shim copied, when the stream has one.
    static func displayMatrix(_ raw: img_video_info) -> VideoDisplayMatrix? {
        guard raw.has_display_matrix != 0 else { return nil }
        let m = raw.display_matrix
        return VideoDisplayMatrix(entries: [m.0, m.1, m.2, m.3, m.4, m.5, m.6, m.7, m.8])
    }

    /// Parses the shim's "scope\tkey\tvalue\n" lines.
    static func tags(_ text: [CChar]) -> [VideoTag] {
        let string = Self.text(text)
        return string.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            return VideoTag(scope: String(parts[0]), key: String(parts[1]), value: String(parts[2]))
        }
    }

    static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
