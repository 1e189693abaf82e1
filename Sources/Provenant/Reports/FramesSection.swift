/// The report's `frames` section for a video (schema 4; `null` for a still image).
///
/// JSON keys: `video` (``VideoSummary``), `total` (frames in the clip), `analysed`, `max_frames` (the
/// sampling policy's cap), `source` (`deep` when the deep stage ran on at least one frame and its
/// probabilities were aggregated, else `statistical`), `aggregate` (`trimmed_mean_logit`), `trim`,
/// `averaged` (frames left after trimming), `probability` (the clip's pixel probability, `null` when no
/// frame was scored), `distribution` (`{"min", "p25", "median", "p75", "max"}` of the frame probabilities,
/// `null` when none), `most_suspicious` (up to three `{"index", "timestamp", "probability"}`, highest first)
/// and `sampled` (every analysed frame, ``FrameResult``, in time order).
public struct FramesSection: Sendable, Hashable, Codable {
    /// The container facts.
    public var video: VideoSummary
    /// Frames in the clip.
    public var total: Int
    /// Frames analysed.
    public var analysed: Int
    /// The sampling policy's cap.
    public var maxFrames: Int
    /// `deep` or `statistical`: whose frame probabilities were aggregated.
    public var source: String
    /// The aggregation rule's name.
    public var aggregate: String
    /// The fraction trimmed from each end.
    public var trim: Double
    /// Frames averaged after trimming.
    public var averaged: Int
    /// The clip's pixel probability.
    public var probability: Double?
    /// The spread of the frame probabilities.
    public var distribution: Distribution?
    /// The frames that point most to AI, highest first.
    public var mostSuspicious: [Suspicious]
    /// Every analysed frame.
    public var sampled: [FrameResult]

    /// Five-number summary of the frame probabilities.
    public struct Distribution: Sendable, Hashable, Codable {
        /// Lowest.
        public var min: Double
        /// First quartile.
        public var p25: Double
        /// Median.
        public var median: Double
        /// Third quartile.
        public var p75: Double
        /// Highest.
        public var max: Double
    }

    /// One of the most suspicious frames.
    public struct Suspicious: Sendable, Hashable, Codable {
        /// The frame's position in the clip.
        public var index: Int
        /// Seconds from the first frame.
        public var timestamp: Double
        /// Its probability.
        public var probability: Double
    }

    /// Builds the section from the analysed frames: aggregates their ``FrameResult/probability`` with `rule`.
    public init(video: VideoSummary, total: Int, maxFrames: Int, source: String, rule: FrameAggregate, sampled: [FrameResult]) {
        self.video = video
        self.total = total
        self.analysed = sampled.count
        self.maxFrames = maxFrames
        self.source = source
        self.aggregate = "trimmed_mean_logit"
        self.trim = rule.trim
        self.sampled = sampled
        let scored = sampled.filter { $0.probability != nil }
        let values = scored.compactMap(\.probability)
        if let combined = rule.combine(values) {
            probability = ReportRounding.probability(combined.probability)
            averaged = combined.averaged
        } else {
            probability = nil
            averaged = 0
        }
        if let low = FrameAggregate.quantile(values, 0), let q1 = FrameAggregate.quantile(values, 0.25),
            let median = FrameAggregate.quantile(values, 0.5), let q3 = FrameAggregate.quantile(values, 0.75),
            let high = FrameAggregate.quantile(values, 1)
        {
            distribution = Distribution(
                min: ReportRounding.probability(low), p25: ReportRounding.probability(q1),
                median: ReportRounding.probability(median), p75: ReportRounding.probability(q3),
                max: ReportRounding.probability(high))
        } else {
            distribution = nil
        }
        mostSuspicious = scored.sorted { ($0.probability ?? 0, -$0.timestamp) > ($1.probability ?? 0, -$1.timestamp) }
            .prefix(3).map { Suspicious(index: $0.index, timestamp: $0.timestamp, probability: $0.probability ?? 0) }
    }

    enum CodingKeys: String, CodingKey {
        case video, total, analysed, source, aggregate, trim, averaged, probability, distribution, sampled
        case maxFrames = "max_frames"
        case mostSuspicious = "most_suspicious"
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(video, forKey: .video)
        try container.encode(total, forKey: .total)
        try container.encode(analysed, forKey: .analysed)
        try container.encode(maxFrames, forKey: .maxFrames)
        try container.encode(source, forKey: .source)
        try container.encode(aggregate, forKey: .aggregate)
        try container.encode(trim, forKey: .trim)
        try container.encode(averaged, forKey: .averaged)
        try container.encode(probability, forKey: .probability)
        try container.encode(distribution, forKey: .distribution)
        try container.encode(mostSuspicious, forKey: .mostSuspicious)
        try container.encode(sampled, forKey: .sampled)
    }

    /// How many sampled frames carry a probability of ``source`` (with the deep stage, the frames it ran on).
    public var scored: Int { sampled.filter { $0.probability != nil }.count }

    /// How ``probability`` was formed, for people: whose probabilities, for how many of the sampled frames,
    /// and how many extreme ones trimming left out.
    public var aggregateWording: String {
        let whose = source == "deep" ? "the deep stage's probabilities" : "the pixel-statistics probabilities"
        let which = scored == analysed ? "all \(analysed) sampled frames" : "\(scored) of the \(analysed) sampled frames"
        let trimmed = averaged < scored ? ", the \(scored - averaged) most extreme left out" : ""
        return "trimmed mean in log-odds of \(whose) for \(which)\(trimmed)"
    }

    /// The section as a report signal (kind `detector`, name `frames`).
    public var signal: Signal {
        guard let probability else {
            return Signal(kind: .detector, name: "frames", detected: nil, score: nil, detail: "no frame could be scored")
        }
        let top = mostSuspicious.map { "\(Self.time($0.timestamp)) (\(ReportRounding.percent($0.probability)))" }
        return Signal(
            kind: .detector, name: "frames", detected: nil, score: probability,
            detail: "clip pixel probability \(ReportRounding.percent(probability)): \(aggregateWording); most suspicious "
                + top.joined(separator: ", "))
    }

    /// A timestamp for people: `12.345 s`.
    static func time(_ seconds: Double) -> String {
        "\((seconds * 1000).rounded() / 1000) s"
    }
}
