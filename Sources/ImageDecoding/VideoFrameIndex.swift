/// Every frame of a video stream in presentation order, with its timestamp and whether it is a key frame
/// (read from the packets; nothing decoded).
public struct VideoFrameIndex: Sendable, Hashable {
    /// One frame of the index.
    public struct Entry: Sendable, Hashable {
        /// The presentation timestamp in the stream's time base.
        public var timestamp: Int64
        /// The timestamp in seconds from the first frame.
        public var seconds: Double
        /// Whether the frame is a key frame (decodable without earlier frames).
        public var isKeyframe: Bool

        /// Creates an entry.
        public init(timestamp: Int64, seconds: Double, isKeyframe: Bool) {
            self.timestamp = timestamp
            self.seconds = seconds
            self.isKeyframe = isKeyframe
        }
    }

    /// The frames, sorted by timestamp.
    public var entries: [Entry]

    /// Creates an index from raw packet timestamps (any order) in a time base of `numerator/denominator`
    /// seconds. Duplicate timestamps are kept once; `seconds` counts from the earliest frame.
    public init(timestamps: [Int64], keyframes: [Bool], timeBase: (numerator: Int, denominator: Int)) {
        let pairs = zip(timestamps, keyframes).sorted { $0.0 < $1.0 }
        let numerator = Double(timeBase.numerator)
        let denominator = timeBase.denominator > 0 ? Double(timeBase.denominator) : .infinity
        let first = pairs.first?.0 ?? 0
        var entries: [Entry] = []
        entries.reserveCapacity(pairs.count)
        for (timestamp, key) in pairs where entries.last?.timestamp != timestamp {
            let offset = timestamp.subtractingReportingOverflow(first)
            entries.append(
                Entry(timestamp: timestamp, seconds: offset.overflow ? 0 : Double(offset.partialValue) * numerator / denominator, isKeyframe: key))
        }
        self.entries = entries
    }

    /// Creates an index from entries already in presentation order.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The positions of the key frames.
    public var keyframePositions: [Int] { entries.indices.filter { entries[$0].isKeyframe } }

    /// The position of the last key frame at or before `position` (0 when there is none: decoding then
    /// starts from the first frame).
    public func keyframe(atOrBefore position: Int) -> Int {
        var index = min(position, entries.count - 1)
        while index > 0, !entries[index].isKeyframe { index -= 1 }
        return max(index, 0)
    }
}
