public import ByteParsing

/// Shared settings of the fuzz targets.
public enum FuzzSupport {
    /// Limits for fuzzing: the defaults, except that images are capped at 4 megapixels and one
    /// decompressed item at 4 MiB, so a single input cannot exhaust libFuzzer's 2 GiB RSS limit or
    /// its per-input timeout through sheer (legitimate) size. Cost budgets on hostile sizes are tested
    /// separately (docs/limits.md); fuzzing looks for crashes, hangs and memory errors.
    public static let limits = ParseLimits(maxPixels: 4_000_000, maxDecompressedBytes: 4 * 1024 * 1024)

    /// The fuzz input as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The repository's `Samples/` directory, found from this source file's path.
    public static let samplesDirectory: String = {
        var path = #filePath
        // .../Fuzz/Sources/FuzzSupport/FuzzSupport.swift -> ...
        for _ in 0..<4 {
            guard let slash = path.lastIndex(of: "/") else { break }
            path = String(path[..<slash])
        }
        return path + "/Samples"
    }()
}
