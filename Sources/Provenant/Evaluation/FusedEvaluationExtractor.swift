import ByteParsing
import DeepFeatures
import Forensics
import Foundation
import ImageDecoding

/// Computes ``FusedEvaluationInputs`` natively: reads and decodes each file, composites any alpha on
/// white, applies every ``FusedEvaluationSlot`` and runs the CLIP tower (the fused model's features)
/// and the hand-crafted detector on the result.
///
/// Results can be cached on disk, one file per image keyed by the SHA-256 of its bytes, in a folder
/// named after everything that changes them (the weight file, the features, the views, the
/// hand-crafted model, the slots and the seed), so a second run over the same data only fits models.
/// A model that concatenates its views (``ViewCombination/concatenate``) caches each view in the
/// folder a one-view model would use, so adding a view to an earlier model's reuses that model's cache.
struct FusedEvaluationExtractor: Sendable {
    let deep: DeepStage
    let handcrafted: DetectorModel
    let slots: [FusedEvaluationSlot]
    let seed: UInt64
    let limits: ParseLimits
    let cacheDirectory: String?
    let augmentation = PlatformAugmentation()

    /// The groups of views computed (and cached) together: all of them when the model averages its
    /// views, one group per view when it concatenates them.
    var viewGroups: [[EmbeddingView]] {
        let embedding = deep.detector.file.embedding
        return embedding.viewCombination == .concatenate ? embedding.views.map { [$0] } : [embedding.views]
    }

    /// The cache folder for the features of `views` (averaged), when caching.
    func cacheFolder(views: [EmbeddingView]) -> String? {
        guard let cacheDirectory else { return nil }
        let file = deep.detector.file
        let identity = [
            "v1", file.embedding.weightsSHA256, file.embedding.features.canonicalText,
            views.map { "\($0)" }.joined(separator: ","), handcrafted.file.checksum.value,
            slots.map(\.name).joined(separator: ","), "seed=\(seed)",
        ].joined(separator: "\n")
        return cacheDirectory + "/" + String(DeepStage.sha256Hex(Array(identity.utf8)).prefix(16))
    }

    /// The inputs of the image at `path`, and how many versions' features of a group of views were
    /// computed rather than read from the cache. With concatenated views a slot has features only
    /// where every view has them. Groups missing from the cache are computed together: the image is
    /// decoded, each slot applied and the hand-crafted detector run once, whatever the number of views.
    func inputs(path: String) -> (inputs: FusedEvaluationInputs, computed: Int) {
        let bytes: [UInt8]
        let key: String
        switch keyedBytes(path: path) {
        case .success(let read): (bytes, key) = read
        case .failure(let failure): return (.failed(failure.message, slots: slots.count), 0)
        }
        let groups = viewGroups
        var parts = groups.map { views in
            cacheFolder(views: views).flatMap { FusedEvaluationCache.read(path: $0 + "/" + key + ".bin", slots: slots.count) }
        }
        let missing = groups.indices.filter { parts[$0] == nil }
        var computed = 0
        if !missing.isEmpty {
            for (g, result) in zip(missing, compute(bytes: bytes, key: key, groups: missing.map { groups[$0] })) {
                computed += result.features.count { $0 != nil }
                if let folder = cacheFolder(views: groups[g]), result.error == nil {
                    FusedEvaluationCache.write(result, path: folder + "/" + key + ".bin")
                }
                parts[g] = result
            }
        }
        var joined: FusedEvaluationInputs?
        for part in parts.compactMap({ $0 }) {
            guard part.error == nil else { return (part, computed) }
            guard var sum = joined else {
                joined = part
                continue
            }
            for s in sum.features.indices {
                if let a = sum.features[s], let b = part.features[s] { sum.features[s] = a + b } else { sum.features[s] = nil }
            }
            joined = sum
        }
        return (joined ?? .failed("the model names no views", slots: slots.count), computed)
    }

    /// Decodes the image, applies every slot and computes the hand-crafted probability of each
    /// version and, for each group in `groups`, the features of its views (averaged): one result per
    /// group, all with the same hand-crafted probabilities and short side.
    func compute(bytes: [UInt8], key: String, groups: [[EmbeddingView]]) -> [FusedEvaluationInputs] {
        let rgb: RGBImage
        switch startingPixels(bytes) {
        case .success(let pixels): rgb = pixels
        case .failure(let failure): return groups.map { _ in .failed(failure.message, slots: slots.count) }
        }
        let file = deep.detector.file
        var results = groups.map { _ in FusedEvaluationInputs.empty(slots: slots.count) }
        for (index, version) in versions(of: rgb, key: key).enumerated() {
            guard let image = version else { continue }
            let score = handcrafted.score(image)
            for (g, views) in groups.enumerated() {
                results[g].handcrafted[index] = score.tiles > 0 ? score.probability : nil
                results[g].features[index] = try? deep.embedder.encoder.features(of: image, views: views, kind: file.embedding.features)
            }
        }
        for g in results.indices { results[g].shortSide = min(rgb.width, rgb.height) }
        return results
    }
}

extension FusedEvaluationExtractor {
    /// The file's bytes and their SHA-256 (the cache key); the failure's message says why the file
    /// cannot be read.
    func keyedBytes(path: String) -> Result<(bytes: [UInt8], key: String), ReportError> {
        do {
            let bytes = try FileReader.read(path: path, maxBytes: limits.maxFileBytes)
            return .success((bytes, DeepStage.sha256Hex(bytes)))
        } catch {
            return .failure(ReportError(code: "io.read", message: error.description))
        }
    }

    /// The pixels every slot starts from: `bytes` decoded, any alpha composited on white; the
    /// failure's message (`decode.<code>: …`) says why they cannot be decoded.
    func startingPixels(_ bytes: [UInt8]) -> Result<RGBImage, ReportError> {
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(limits: limits))
        } catch {
            let code = "decode.\(error.code.rawValue)"
            return .failure(ReportError(code: code, message: "\(code): \(error.description)"))
        }
        guard let alpha = decoded.alpha else { return .success(decoded.rgb) }
        return .success(CLIPPreprocessor.compositedOnWhite(decoded.rgb, alpha: alpha))
    }

    /// The version of `rgb` each slot makes, in slot order (`nil` where the slot cannot be applied);
    /// random choices are seeded by ``seed``, the file's key and the slot's position, so every run
    /// (and the tower and the hand-crafted features) sees the same pixels.
    func versions(of rgb: RGBImage, key: String) -> [RGBImage?] {
        let fileSeed = UInt64(key.prefix(16), radix: 16) ?? 0
        return slots.enumerated().map { index, slot in
            var rng = SplitMix64(seed: seed ^ fileSeed ^ (UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15))
            switch slot {
            case .condition(let condition):
                return try? condition.apply(to: rgb, augmentation: AugmentationPolicy(), rng: &rng)
            case .platformCopy:
                return try? augmentation.augment(rgb, using: &rng)
            }
        }
    }

    /// The cache folder of the hand-crafted feature vectors (spec `spec`), when caching.
    func handcraftedCacheFolder(spec: FeatureSpec) -> String? {
        guard let cacheDirectory else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let specText = (try? encoder.encode(spec)).map { String(decoding: $0, as: UTF8.self) } ?? "\(spec)"
        let identity = ["handcrafted-v1", specText, slots.map(\.name).joined(separator: ","), "seed=\(seed)"].joined(separator: "\n")
        return cacheDirectory + "/hc-" + String(DeepStage.sha256Hex(Array(identity.utf8)).prefix(16))
    }

    /// The hand-crafted feature vector (`spec`) of every slot of the image at `path`, in the
    /// `features` of the result (no tower features, no probabilities), read from or written to
    /// ``handcraftedCacheFolder(spec:)``.
    func handcraftedFeatures(path: String, spec: FeatureSpec) -> FusedEvaluationInputs {
        let bytes: [UInt8]
        let key: String
        switch keyedBytes(path: path) {
        case .success(let read): (bytes, key) = read
        case .failure(let failure): return .failed(failure.message, slots: slots.count)
        }
        let folder = handcraftedCacheFolder(spec: spec)
        if let folder, let cached = FusedEvaluationCache.read(path: folder + "/" + key + ".bin", slots: slots.count) {
            return cached
        }
        let rgb: RGBImage
        switch startingPixels(bytes) {
        case .success(let pixels): rgb = pixels
        case .failure(let failure): return .failed(failure.message, slots: slots.count)
        }
        let extractor = FeatureExtractor(spec: spec)
        var result = FusedEvaluationInputs.empty(slots: slots.count)
        for (index, version) in versions(of: rgb, key: key).enumerated() {
            guard let image = version else { continue }
            let vector = extractor.features(image)
            if vector.tiles > 0 { result.features[index] = vector.values.map { Float($0) } }
        }
        result.shortSide = min(rgb.width, rgb.height)
        if let folder { FusedEvaluationCache.write(result, path: folder + "/" + key + ".bin") }
        return result
    }
}

/// The on-disk form of one image's ``FusedEvaluationInputs``: little-endian, per slot a presence
/// byte, the hand-crafted probability (`Float64`, NaN when absent), the feature count (`UInt32`)
/// and the features (`Float32`); then the short side (`UInt32`). Prefixed by `PVFE` and the slot count.
enum FusedEvaluationCache {
    static let magic: [UInt8] = Array("PVFE".utf8)

    static func write(_ inputs: FusedEvaluationInputs, path: String) {
        var out = magic
        append(UInt32(inputs.features.count), to: &out)
        for (features, handcrafted) in zip(inputs.features, inputs.handcrafted) {
            out.append(features == nil ? 0 : 1)
            append((handcrafted ?? .nan).bitPattern, to: &out)
            append(UInt32(features?.count ?? 0), to: &out)
            for value in features ?? [] { append(value.bitPattern, to: &out) }
        }
        append(UInt32(clamping: inputs.shortSide), to: &out)
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Written to a temporary file and renamed, so a reader never sees half a record.
        try? Data(out).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func read(path: String, slots: Int) -> FusedEvaluationInputs? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        var offset = 0
        func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }
        func u32() -> UInt32? { take(4).map { $0.reversed().reduce(0) { $0 << 8 | UInt32($1) } } }
        func u64() -> UInt64? { take(8).map { $0.reversed().reduce(0) { $0 << 8 | UInt64($1) } } }
        guard take(4).map(Array.init) == magic, let count = u32(), Int(count) == slots else { return nil }
        var result = FusedEvaluationInputs.empty(slots: slots)
        for index in 0..<slots {
            guard let present = take(1)?.first, let handcrafted = u64(), let width = u32(), width <= 1 << 16 else { return nil }
            let probability = Double(bitPattern: handcrafted)
            result.handcrafted[index] = probability.isNaN ? nil : probability
            var features: [Float] = []
            features.reserveCapacity(Int(width))
            for _ in 0..<width {
                guard let bits = u32() else { return nil }
                features.append(Float(bitPattern: bits))
            }
            result.features[index] = present == 1 ? features : nil
        }
        guard let side = u32(), offset == bytes.count else { return nil }
        result.shortSide = Int(side)
        return result
    }

    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }
}
