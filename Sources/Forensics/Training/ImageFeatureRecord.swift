import Foundation
import Synchronization
import ImageDecoding

/// Cached features of one labelled image: its augmented training copies and its evaluation
/// conditions. Kept in memory only.
public struct ImageFeatureRecord: Sendable {
    /// The image.
    public var image: LabeledImage
    /// Decoded size (0 when decoding failed).
    public var width: Int
    /// Decoded height.
    public var height: Int
    /// Feature vectors of the augmented training copies.
    public var copies: [[Double]]
    /// Feature vectors per evaluation condition.
    public var conditions: [EvaluationCondition: [Double]]
    /// Why the image could not be used, if it could not.
    public var error: String?
    /// Milliseconds spent decoding the original file.
    public var decodeMilliseconds: Double
}

/// Decodes labelled images and computes their features, in parallel.
public enum FeatureDataset {
    /// A stable label for an image's random streams (independent of the machine's absolute paths).
    static func streamLabel(_ image: LabeledImage) -> String {
        "\(image.source)|\((image.path as NSString).lastPathComponent)"
    }

    /// Features of every image: `copies` augmented copies plus the given conditions.
    public static func build(
        images: [LabeledImage], spec: FeatureSpec, augmentation: AugmentationPolicy, copies: Int,
        conditions: [EvaluationCondition], seed: UInt64, concurrency: Int,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async -> [ImageFeatureRecord] {
        let extractor = FeatureExtractor(spec: spec)
        let counter = ProgressCounter()
        return await parallelMap(count: images.count, width: concurrency) { index in
            let record = features(
                of: images[index], extractor: extractor, augmentation: augmentation, copies: copies,
                conditions: conditions, seed: seed)
            if let progress { progress(counter.increment(), images.count) }
            return record
        }
    }

    /// Features of one image (decoded once).
    static func features(
        of image: LabeledImage, extractor: FeatureExtractor, augmentation: AugmentationPolicy, copies: Int,
        conditions: [EvaluationCondition], seed: UInt64
    ) -> ImageFeatureRecord {
        var record = ImageFeatureRecord(
            image: image, width: 0, height: 0, copies: [], conditions: [:], error: nil, decodeMilliseconds: 0)
        guard let data = FileManager.default.contents(atPath: image.path) else {
            record.error = "cannot read file"
            return record
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let decoded: RGBImage
        do {
            decoded = try ImageDecoder.decode([UInt8](data)).rgb
        } catch {
            record.error = "decode failed: \(error)"
            return record
        }
        record.decodeMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        record.width = decoded.width
        record.height = decoded.height
        let label = streamLabel(image)
        do {
            for copy in 0..<copies {
                var rng = SplitMix64(seed: seed, label: "\(label)#copy\(copy)")
                let augmented = try augmentation.augment(decoded, using: &rng)
                record.copies.append(
                    extractor.features(rgb: augmented.pixels, width: augmented.width, height: augmented.height).values)
            }
            for condition in conditions {
                var rng = SplitMix64(seed: seed, label: "\(label)#\(condition.rawValue)")
                let transformed = try condition.apply(to: decoded, augmentation: augmentation, rng: &rng)
                record.conditions[condition] =
                    extractor.features(rgb: transformed.pixels, width: transformed.width, height: transformed.height).values
            }
        } catch {
            record.error = "transform failed: \(error)"
        }
        return record
    }
}

/// A thread-safe counter for progress reports.
public final class ProgressCounter: Sendable {
    private let value = Mutex<Int>(0)

    /// A counter at zero.
    public init() {}

    /// Adds one and returns the new count.
    public func increment() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
