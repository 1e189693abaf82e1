import ImageDecoding

/// Which frames of a video are analysed (docs/fusion.md, "Video").
///
/// At most ``maxFrames`` frames: up to half of them (rounded up) are key frames, spread evenly over the
/// clip's key frames (the first and the last included), and the rest are evenly spaced in time: slot
/// `j` of `m` takes the first frame at or after `(j + ½) / m` of the clip's span. A time slot that lands on
/// a frame already chosen adds nothing, so a short clip may get fewer frames. Key frames are cheap (one
/// frame decoded each); an evenly spaced frame costs the decode from its key frame, with non-reference
/// frames skipped. The deep stage runs on at most ``maxDeepFrames`` of the sampled frames, spread evenly
/// over them (the cascade may skip more).
public struct FrameSamplingPolicy: Sendable, Hashable {
    /// The most frames analysed per clip (at least 1).
    public var maxFrames: Int
    /// The most sampled frames the deep stage runs on (0 = none).
    public var maxDeepFrames: Int
    /// Frames whose longer side exceeds this are scaled down before analysis (`nil` = the coded size).
    public var maxSide: Int?

    /// Creates a policy; the default analyses 6 frames, the deep stage on 2 of them, at the coded size.
    public init(maxFrames: Int = 6, maxDeepFrames: Int = 2, maxSide: Int? = nil) {
        self.maxFrames = max(1, maxFrames)
        self.maxDeepFrames = max(0, maxDeepFrames)
        self.maxSide = maxSide
    }

    /// The default policy.
    public static let `default` = FrameSamplingPolicy()

    /// Why a frame was chosen.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// One of the key frames spread over the clip.
        case keyframe
        /// One of the evenly spaced time slots.
        case evenlySpaced = "evenly_spaced"
    }

    /// One chosen frame: its position in the index and why it was chosen.
    public struct Choice: Sendable, Hashable {
        /// The frame's position in the ``VideoFrameIndex``.
        public var position: Int
        /// Why it was chosen.
        public var reason: Reason
    }

    /// The frames to analyse, in presentation order.
    public func select(_ index: VideoFrameIndex) -> [Choice] {
        let entries = index.entries
        guard !entries.isEmpty else { return [] }
        var chosen: [Int: Reason] = [:]
        let keyframes = index.keyframePositions
        let keyQuota = min((maxFrames + 1) / 2, keyframes.count)
        for position in Self.spread(keyframes, count: keyQuota) { chosen[position] = .keyframe }
        let slots = maxFrames - chosen.count
        if slots > 0 {
            let start = entries[0].seconds
            // The span of the clip: to the last frame plus one frame's duration (the average spacing).
            let last = entries[entries.count - 1].seconds
            let step = entries.count > 1 ? (last - start) / Double(entries.count - 1) : 0
            let span = last - start + step
            var cursor = 0
            for slot in 0..<slots {
                let time = start + span * (Double(slot) + 0.5) / Double(slots)
                while cursor < entries.count - 1, entries[cursor].seconds < time { cursor += 1 }
                if chosen[cursor] == nil { chosen[cursor] = .evenlySpaced }
            }
        }
        return chosen.keys.sorted().map { Choice(position: $0, reason: chosen[$0] ?? .evenlySpaced) }
    }

    /// `count` items of `items` spread evenly, the first and the last included.
    static func spread(_ items: [Int], count: Int) -> [Int] {
        guard count > 0, !items.isEmpty else { return [] }
        guard count < items.count else { return items }
        guard count > 1 else { return [items[0]] }
        return (0..<count).map { items[Int((Double($0) * Double(items.count - 1) / Double(count - 1)).rounded())] }
    }

    /// Which of `count` sampled frames the deep stage may run on: at most ``maxDeepFrames``, spread evenly.
    public func deepFrameSlots(count: Int) -> Set<Int> {
        Set(Self.spread(Array(0..<count), count: min(maxDeepFrames, count)))
    }
}
