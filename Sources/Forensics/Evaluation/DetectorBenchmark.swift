import Foundation
import ImageDecoding

/// Times the detector next to full decoding of the same images, one image at a time on one thread.
public enum DetectorBenchmark {
    /// Timings of one image.
    public struct Sample: Sendable, Codable {
        /// File path.
        public var path: String
        /// Decoded megapixels.
        public var megapixels: Double
        /// Longer side of the decoded image.
        public var longSide: Int
        /// Milliseconds to decode the file to RGB.
        public var decodeMilliseconds: Double
        /// Milliseconds to compute features and score (best of the repeats).
        public var detectorMilliseconds: Double
    }

    /// Summary over all images.
    public struct Summary: Sendable, Codable {
        /// Images timed.
        public var images: Int
        /// Mean decode time per image.
        public var meanDecodeMilliseconds: Double
        /// Mean detector time per image.
        public var meanDetectorMilliseconds: Double
        /// Median detector time per image.
        public var medianDetectorMilliseconds: Double
        /// Total decode time divided by total megapixels.
        public var decodeMillisecondsPerMegapixel: Double
        /// Total detector time divided by total megapixels.
        public var detectorMillisecondsPerMegapixel: Double
        /// Fraction of images whose detector time is at most their decode time.
        public var fractionDetectorNotSlowerThanDecode: Double
        /// Per long-side class (≤ 256, 257–512, 513–1024, larger): `[images, mean decode ms, mean detector ms]`.
        public var bySize: [String: [Double]]
    }

    /// Times decoding and scoring of each image (`repeats` runs each; the fastest counts).
    public static func run(paths: [String], model: DetectorModel, repeats: Int = 3) -> (samples: [Sample], summary: Summary) {
        var samples: [Sample] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            var bestDecode = Double.infinity
            var bestDetector = Double.infinity
            var decoded: RGBImage?
            for _ in 0..<max(1, repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                guard let image = try? ImageDecoder.decode(bytes).rgb else { break }
                let middle = DispatchTime.now().uptimeNanoseconds
                _ = model.score(image)
                let end = DispatchTime.now().uptimeNanoseconds
                bestDecode = min(bestDecode, Double(middle - start) / 1e6)
                bestDetector = min(bestDetector, Double(end - middle) / 1e6)
                decoded = image
            }
            guard let decoded else { continue }
            samples.append(
                Sample(
                    path: path, megapixels: Double(decoded.width * decoded.height) / 1e6,
                    longSide: max(decoded.width, decoded.height),
                    decodeMilliseconds: bestDecode, detectorMilliseconds: bestDetector))
        }
        let count = Double(max(1, samples.count))
        let totalMP = max(1e-9, samples.map(\.megapixels).reduce(0, +))
        let decodeTotal = samples.map(\.decodeMilliseconds).reduce(0, +)
        let detectorTotal = samples.map(\.detectorMilliseconds).reduce(0, +)
        let sortedDetector = samples.map(\.detectorMilliseconds).sorted()
        var bySize: [String: [Double]] = [:]
        for (name, range) in [("<=256", 0...256), ("257-512", 257...512), ("513-1024", 513...1024), (">1024", 1025...Int.max)] {
            let group = samples.filter { range.contains($0.longSide) }
            guard !group.isEmpty else { continue }
            let n = Double(group.count)
            bySize[name] = [
                Double(group.count), group.map(\.decodeMilliseconds).reduce(0, +) / n,
                group.map(\.detectorMilliseconds).reduce(0, +) / n,
            ]
        }
        let summary = Summary(
            images: samples.count, meanDecodeMilliseconds: decodeTotal / count,
            meanDetectorMilliseconds: detectorTotal / count,
            medianDetectorMilliseconds: sortedDetector.isEmpty ? 0 : sortedDetector[sortedDetector.count / 2],
            decodeMillisecondsPerMegapixel: decodeTotal / totalMP,
            detectorMillisecondsPerMegapixel: detectorTotal / totalMP,
            fractionDetectorNotSlowerThanDecode: Double(samples.filter { $0.detectorMilliseconds <= $0.decodeMilliseconds }.count) / count,
            bySize: bySize)
        return (samples, summary)
    }
}
