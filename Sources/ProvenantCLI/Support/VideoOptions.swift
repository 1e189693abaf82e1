import ArgumentParser
import Provenant

/// Video limits and the frame-sampling policy, shared by the analysing commands (docs/limits.md, "Video";
/// docs/fusion.md, "Video"). Like ``LimitOptions`` and ``DecodeBudgetOptions``: optional values that
/// override the configuration's defaults only when given, bounds checked by ``LimitBounds``.
struct VideoOptions: ParsableArguments {
    @Option(name: .long, help: "Most frames analysed per video (default 6: up to half key frames, the rest evenly spaced).")
    var maxFrames: Int?

    @Option(name: .long, help: "Most sampled frames per video the deep stage runs on (default 2).")
    var maxDeepFrames: Int?

    @Option(name: .long, help: "Longest video accepted, in seconds (default 1800; decode.duration_exceeded).")
    var maxVideoDuration: Double?

    @Option(name: .long, help: "Most frames in a video (default 108000; decode.frame_count_exceeded).")
    var maxVideoFrames: Int?

    @Option(name: .long, help: "Wall-clock seconds one video may take to read and decode (default 60; decode.time_budget_exceeded).")
    var maxVideoSeconds: Double?

    func validate() throws {
        try LimitBounds.require(["--max-frames": maxFrames, "--max-video-frames": maxVideoFrames], atLeast: 1)
        try LimitBounds.require(["--max-deep-frames": maxDeepFrames], atLeast: 0)
        try LimitBounds.requirePositive(["--max-video-duration": maxVideoDuration, "--max-video-seconds": maxVideoSeconds])
    }

    /// Applies the options given on the command line. The video file-size and frame-size limits never exceed
    /// `--max-file-size` and `--max-pixels`.
    func apply(to configuration: inout AnalyzerConfiguration) {
        if let maxFrames { configuration.frameSampling.maxFrames = maxFrames }
        if let maxDeepFrames { configuration.frameSampling.maxDeepFrames = maxDeepFrames }
        if let maxVideoDuration { configuration.videoLimits.maxDurationSeconds = maxVideoDuration }
        if let maxVideoFrames { configuration.videoLimits.maxFrames = maxVideoFrames }
        if let maxVideoSeconds { configuration.videoLimits.maxDecodeSeconds = maxVideoSeconds }
        configuration.videoLimits.maxFileBytes = min(configuration.videoLimits.maxFileBytes, configuration.limits.maxFileBytes)
        configuration.videoLimits.maxPixels = min(configuration.videoLimits.maxPixels, configuration.limits.maxPixels)
    }
}
