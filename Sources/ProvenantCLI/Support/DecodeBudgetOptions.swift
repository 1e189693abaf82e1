import ArgumentParser
import Provenant

/// The decode budget of the analysing commands (docs/limits.md lists each one with its default and
/// the error it raises).
struct DecodeBudgetOptions: ParsableArguments {
    @Option(name: .long, help: "Largest image decoded, in pixels (default 100000000; decode.limit_exceeded).")
    var maxPixels: Int?

    @Option(
        name: .long,
        help: "Memory one decode may use: output pixels plus decoder buffers, e.g. 512M (default 512M; decode.memory_budget_exceeded).")
    var maxDecodeMemory: ByteCount?

    @Option(name: .long, help: "Most scans in any JPEG (default 64; decode.scan_budget_exceeded).")
    var maxScans: Int?

    @Option(name: .long, help: "JPEG scans × pixels; large images get fewer scans, never under 12 (default 1000000000).")
    var maxScanPixels: Int?

    @Option(
        name: .long,
        help: "PNG image data read after the last row before decoding stops with a warning, e.g. 16K (default 16K).")
    var maxTrailingImageData: ByteCount?

    @Flag(name: .long, help: "Analyse images whose data ends early (missing part grey, with a warning) instead of failing with decode.truncated.")
    var acceptTruncated = false

    func validate() throws {
        try LimitBounds.require(["--max-pixels": maxPixels, "--max-scans": maxScans, "--max-scan-pixels": maxScanPixels], atLeast: 1)
        try LimitBounds.requireBytes(["--max-decode-memory": maxDecodeMemory])
    }

    /// Applies the options given on the command line.
    func apply(to configuration: inout AnalyzerConfiguration) {
        if let maxPixels { configuration.limits.maxPixels = maxPixels }
        if let maxDecodeMemory { configuration.decodeBudget.maxMemoryBytes = maxDecodeMemory.bytes }
        if let maxScans { configuration.decodeBudget.maxScans = maxScans }
        if let maxScanPixels { configuration.decodeBudget.maxScanPixels = maxScanPixels }
        if let maxTrailingImageData { configuration.decodeBudget.maxTrailingImageDataBytes = maxTrailingImageData.bytes }
        if acceptTruncated { configuration.decodeBudget.acceptTruncated = true }
    }
}
