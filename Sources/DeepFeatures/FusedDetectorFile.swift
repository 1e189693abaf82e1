import Forensics
import Foundation

/// The on-disk form of the fused deep detector (`Models/provenant-detector-v2.json`), written by
/// the training tooling (`scripts/deep/modelfile.py`, `Models/README.md`):
/// ```
/// { "format": "provenant-fused-detector", "version": 2, "model_version": "...",
///   "embedding": {"model": "clip-vit-b16-image", "weights_file", "weights_sha256", "dim": D, "views": [...],
///                 "features": {"kind": "class_tokens", "layers": [...]}},
///   "probe": {"mean": [D], "std": [D], "weights": [D], "bias": b},
///   "stack": {"inputs": ["probe_logit", "handcrafted_logit"], "weights": [w1, w2], "bias": c},
///   "calibration": {"method": "platt", "a": A, "b": B},
///   "thresholds": {"likely_ai": p_hi, "likely_authentic": p_lo},
///   "cascade": {"skip_deep_below": q_lo, "skip_deep_above": q_hi},
///   "min_short_side": N, "checksum": {"algorithm": "sha256", "value": "<hex>"}, "training": {...} }
/// ```
/// Version 1 files have no `features` and read the projected embedding (`dim` 512); version 2
/// names its ``TowerFeatures`` and `dim` is their width; version 3 adds `"view_combination":
/// "concatenate"` (``ViewCombination``): each view gives its own vector and `dim` is the features'
/// width times the number of views; version 4 adds `"handcrafted_model_sha256"` to `stack`: the
/// checksum of the hand-crafted model file whose logit the stack weighs, which must be the one loaded
/// beside it. Provenant writes version 2, 3 and 4 files itself
/// (`provenant eval --deep --write-model`, ``encodedJSON(training:)``); `training` is not read back.
public struct FusedDetectorFile: Sendable, Codable, Equatable {
    /// The format name every fused model carries.
    public static let formatName = "provenant-fused-detector"
    /// The newest format version this library reads (it reads every version from 1).
    public static let currentVersion = 4

    /// Which embedding the probe was trained on.
    public struct Embedding: Sendable, Codable, Equatable {
        /// Always `clip-vit-b16-image`.
        public var model: String
        /// The weight file's name, in the same directory as the model file.
        public var weightsFile: String
        /// SHA-256 of the weight file, lowercase hex.
        public var weightsSHA256: String
        /// Feature width: the features' width (512 for the projected embedding, 768 per layer for
        /// class tokens, …) times ``ViewCombination/vectorCount(views:)``.
        public var dim: Int
        /// The views, combined into the probe's input by ``viewCombination``.
        public var views: [EmbeddingView]
        /// What the probe reads; absent in version 1 files, which read the projected embedding.
        public var features: TowerFeatures
        /// How the views' features are combined; absent (averaged) in version 1 and 2 files.
        public var viewCombination: ViewCombination

        enum CodingKeys: String, CodingKey {
            case model, dim, views, features
            case weightsFile = "weights_file"
            case weightsSHA256 = "weights_sha256"
            case viewCombination = "view_combination"
        }

        /// The probe's input width for a tower of `configuration`.
        public func expectedDim(for configuration: CLIPConfiguration) -> Int {
            features.width(for: configuration) * viewCombination.vectorCount(views: views)
        }

        /// Decodes the keys above; a missing `features` means ``TowerFeatures/projectedEmbedding``.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            model = try container.decode(String.self, forKey: .model)
            weightsFile = try container.decode(String.self, forKey: .weightsFile)
            weightsSHA256 = try container.decode(String.self, forKey: .weightsSHA256)
            dim = try container.decode(Int.self, forKey: .dim)
            views = try container.decode([EmbeddingView].self, forKey: .views)
            features = try container.decodeIfPresent(TowerFeatures.self, forKey: .features) ?? .projectedEmbedding
            hasFeaturesKey = container.contains(.features)
            viewCombination = try container.decodeIfPresent(ViewCombination.self, forKey: .viewCombination) ?? .average
            hasViewCombinationKey = container.contains(.viewCombination)
        }

        /// An embedding record; `features` is written (and required) from version 2, and a
        /// `viewCombination` other than averaging makes the file version 3.
        public init(
            model: String = "clip-vit-b16-image", weightsFile: String, weightsSHA256: String, dim: Int,
            views: [EmbeddingView], features: TowerFeatures, writesFeatures: Bool = true,
            viewCombination: ViewCombination = .average
        ) {
            self.model = model
            self.weightsFile = weightsFile
            self.weightsSHA256 = weightsSHA256
            self.dim = dim
            self.views = views
            self.features = features
            self.hasFeaturesKey = writesFeatures
            self.viewCombination = viewCombination
            self.hasViewCombinationKey = viewCombination != .average
        }

        /// Encodes the keys ``init(from:)`` reads; `features` only when the record carries it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(model, forKey: .model)
            try container.encode(weightsFile, forKey: .weightsFile)
            try container.encode(weightsSHA256, forKey: .weightsSHA256)
            try container.encode(dim, forKey: .dim)
            try container.encode(views, forKey: .views)
            if hasFeaturesKey { try container.encode(features, forKey: .features) }
            if hasViewCombinationKey { try container.encode(viewCombination, forKey: .viewCombination) }
        }

        /// Whether the file spelt out `features` (versions 2 and 3 must, version 1 must not).
        let hasFeaturesKey: Bool
        /// Whether the file spelt out `view_combination` (versions 3 and 4 must, earlier versions must not).
        var hasViewCombinationKey: Bool

        /// The format version this record needs.
        var formatVersion: Int { hasViewCombinationKey ? 3 : hasFeaturesKey ? 2 : 1 }
    }

    /// The linear probe on the standardised features: `z = w · ((f − mean) / std) + bias`.
    public struct Probe: Sendable, Codable, Equatable {
        /// Per-dimension mean.
        public var mean: [Double]
        /// Per-dimension standard deviation.
        public var std: [Double]
        /// Per-dimension weight.
        public var weights: [Double]
        /// Intercept.
        public var bias: Double

        /// A probe record.
        public init(mean: [Double], std: [Double], weights: [Double], bias: Double) {
            self.mean = mean
            self.std = std
            self.weights = weights
            self.bias = bias
        }
    }

    /// The stacking layer: `z = w1 · probe_logit + w2 · handcrafted_logit + bias`.
    public struct Stack: Sendable, Codable, Equatable {
        /// Input names, in order: `probe_logit`, `handcrafted_logit`.
        public var inputs: [String]
        /// One weight per input.
        public var weights: [Double]
        /// Intercept.
        public var bias: Double
        /// The checksum (lowercase hex) of the hand-crafted model file `handcrafted_logit` was fitted
        /// on; version 4 files carry it, earlier ones do not.
        public var handcraftedModelSHA256: String?

        /// A stack record over the two inputs the format allows, pinned to a hand-crafted model file's
        /// checksum when `handcraftedModelSHA256` is given (which makes the file version 4).
        public init(weights: [Double], bias: Double, handcraftedModelSHA256: String? = nil) {
            self.inputs = ["probe_logit", "handcrafted_logit"]
            self.weights = weights
            self.bias = bias
            self.handcraftedModelSHA256 = handcraftedModelSHA256
        }

        enum CodingKeys: String, CodingKey {
            case inputs, weights, bias
            case handcraftedModelSHA256 = "handcrafted_model_sha256"
        }
    }

    /// Platt calibration `p = sigmoid(a · z + b)`: the same record, keys and rule as the hand-crafted
    /// model's (`calibration`: `method`, `a`, `b`).
    public typealias Calibration = DetectorModelFile.Calibration

    /// Verdict bands on the fused probability: the same record and keys as the hand-crafted model's
    /// (`thresholds`: `likely_ai`, `likely_authentic`).
    public typealias Thresholds = DetectorModelFile.Thresholds

    /// When `--deep auto` skips the stage: the hand-crafted probability outside `[below, above]`.
    public struct Cascade: Sendable, Codable, Equatable {
        /// Skip when the hand-crafted probability is below this.
        public var skipBelow: Double
        /// Skip when the hand-crafted probability is above this.
        public var skipAbove: Double

        /// A cascade band.
        public init(skipBelow: Double, skipAbove: Double) {
            self.skipBelow = skipBelow
            self.skipAbove = skipAbove
        }

        enum CodingKeys: String, CodingKey {
            case skipBelow = "skip_deep_below"
            case skipAbove = "skip_deep_above"
        }
    }

    /// The stored checksum: the same record and keys as the hand-crafted model's (`algorithm`, `value`).
    public typealias Checksum = DetectorModelFile.Checksum

    /// Always ``formatName``.
    public var format: String
    /// Format version.
    public var version: Int
    /// The model's name and version, reported with every score.
    public var modelVersion: String
    /// The embedding the probe reads.
    public var embedding: Embedding
    /// The probe.
    public var probe: Probe
    /// The stacking layer.
    public var stack: Stack
    /// The calibration.
    public var calibration: Calibration
    /// The verdict band.
    public var thresholds: Thresholds
    /// The cascade band.
    public var cascade: Cascade
    /// Images whose shorter side is below this get a caveat and are never `likely_ai` on pixels alone.
    public var minShortSide: Int
    /// SHA-256 of ``canonicalPayload()``.
    public var checksum: Checksum

    enum CodingKeys: String, CodingKey {
        case format, version, embedding, probe, stack, calibration, thresholds, cascade, checksum
        case modelVersion = "model_version"
        case minShortSide = "min_short_side"
    }

    /// A version 2 file (version 1 when `embedding` does not carry `features`, version 3 when it
    /// concatenates its views, version 4, with `view_combination` spelt out, when the stack is pinned
    /// to a hand-crafted model) with its checksum computed by `sha256` (lowercase hex of the bytes given).
    public init(
        modelVersion: String, embedding: Embedding, probe: Probe, stack: Stack, calibration: Calibration,
        thresholds: Thresholds, cascade: Cascade, minShortSide: Int, sha256: ([UInt8]) -> String
    ) {
        var embedding = embedding
        format = Self.formatName
        if stack.handcraftedModelSHA256 != nil {
            embedding.hasViewCombinationKey = true
            version = 4
        } else {
            version = embedding.formatVersion
        }
        self.modelVersion = modelVersion
        self.embedding = embedding
        self.probe = probe
        self.stack = stack
        self.calibration = calibration
        self.thresholds = thresholds
        self.cascade = cascade
        self.minShortSide = minShortSide
        checksum = Checksum(value: "")
        checksum = Checksum(value: sha256(Array(canonicalPayload().utf8)))
    }

    /// The file as pretty-printed JSON with sorted keys and a final newline, with `training` (any
    /// record of how the model was made; not covered by the checksum) under the key `training`.
    /// Numbers are written in their shortest round-trip form, so ``decode(_:sha256:)`` reads back
    /// exactly these parameters and the checksum holds.
    public func encodedJSON<Training: Encodable>(training: Training?) throws(DeepFeaturesError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return [UInt8](try encoder.encode(Document(file: self, training: training))) + [0x0a]
        } catch {
            throw DeepFeaturesError(.malformed, "cannot encode the fused model: \(error)")
        }
    }

    /// The file's keys plus `training`, as one JSON object.
    private struct Document<Training: Encodable>: Encodable {
        var file: FusedDetectorFile
        var training: Training?

        enum Key: String, CodingKey { case training }

        func encode(to encoder: any Encoder) throws {
            try file.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(training, forKey: .training)
        }
    }

    /// Parses the JSON without checking it (see ``decode(_:sha256:)``).
    public static func parse(_ bytes: [UInt8]) throws(DeepFeaturesError) -> FusedDetectorFile {
        do {
            return try JSONDecoder().decode(FusedDetectorFile.self, from: Data(bytes))
        } catch {
            throw DeepFeaturesError(.malformed, "fused model is not valid JSON of the expected shape: \(error)")
        }
    }

    /// Parses and validates a fused model file: format, version, dimensions and the checksum, which
    /// is SHA-256 (lowercase hex, computed by `sha256`) over ``canonicalPayload()``.
    public static func decode(_ bytes: [UInt8], sha256: ([UInt8]) -> String) throws(DeepFeaturesError) -> FusedDetectorFile {
        let file = try parse(bytes)
        try file.validate()
        guard file.checksum.algorithm == "sha256", sha256(Array(file.canonicalPayload().utf8)) == file.checksum.value.lowercased()
        else {
            throw DeepFeaturesError(.checksumMismatch, "fused model parameters do not match their SHA-256 checksum")
        }
        return file
    }

    /// The text the checksum covers (the same rule as the v1 model's): one `key=value` line per
    /// scoring parameter, numbers in Swift's shortest round-trip form (identical to Python's
    /// `repr(float)`), lists comma-separated, a final newline; version 2 adds a `features=` line
    /// after `views=`, version 3 a `view_combination=` line after that, and version 4 a
    /// `stack_handcrafted_model_sha256=` line after `stack_bias=`. Zero is written `0.0` whatever its sign (JSON readers disagree on `-0`). Training
    /// notes are not covered.
    public func canonicalPayload() -> String {
        func number(_ value: Double) -> String { value == 0 ? "0.0" : "\(value)" }
        func list(_ values: [Double]) -> String { values.map(number).joined(separator: ",") }
        let views = embedding.views.map(\.canonicalText)
        let lines = [
            "format=\(format)", "version=\(version)", "model_version=\(modelVersion)",
            "embedding_model=\(embedding.model)", "weights_file=\(embedding.weightsFile)",
            "weights_sha256=\(embedding.weightsSHA256)", "dim=\(embedding.dim)", "views=\(views.joined(separator: ","))",
        ] + (version >= 2 ? ["features=\(embedding.features.canonicalText)"] : [])
            + (version >= 3 ? ["view_combination=\(embedding.viewCombination.rawValue)"] : []) + [
            "probe_mean=\(list(probe.mean))", "probe_std=\(list(probe.std))", "probe_weights=\(list(probe.weights))",
            "probe_bias=\(number(probe.bias))", "stack_inputs=\(stack.inputs.joined(separator: ","))",
            "stack_weights=\(list(stack.weights))", "stack_bias=\(number(stack.bias))",
        ] + (version >= 4 ? ["stack_handcrafted_model_sha256=\(stack.handcraftedModelSHA256 ?? "")"] : []) + [
            "calibration=\(calibration.method),\(number(calibration.a)),\(number(calibration.b))",
            "thresholds=\(number(thresholds.likelyAI)),\(number(thresholds.likelyAuthentic))",
            "cascade=\(number(cascade.skipBelow)),\(number(cascade.skipAbove))", "min_short_side=\(minShortSide)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Checks format, version, kinds and dimensions.
    public func validate() throws(DeepFeaturesError) {
        guard format == Self.formatName, (1...Self.currentVersion).contains(version),
            embedding.hasFeaturesKey == (version >= 2), embedding.hasViewCombinationKey == (version >= 3),
            (stack.handcraftedModelSHA256 != nil) == (version >= 4)
        else {
            throw DeepFeaturesError(
                .unsupportedVersion,
                "fused model format \(format) v\(version) is not supported (versions 2 to 4 name their features, version 1 does not; "
                    + "versions 3 and 4 name their view combination; version 4 alone pins the hand-crafted model)")
        }
        if let pin = stack.handcraftedModelSHA256,
            pin.count != 64 || !pin.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        {
            throw DeepFeaturesError(.malformed, "stack.handcrafted_model_sha256 must be 64 lowercase hex digits")
        }
        guard embedding.model == "clip-vit-b16-image", calibration.method == "platt",
            stack.inputs == ["probe_logit", "handcrafted_logit"]
        else {
            throw DeepFeaturesError(.unsupportedVersion, "unsupported embedding, calibration or stack inputs")
        }
        let d = embedding.dim
        let expected = embedding.expectedDim(for: .vitB16)
        guard embedding.features.isValid(for: .vitB16), d == expected, probe.mean.count == d, probe.std.count == d, probe.weights.count == d, stack.weights.count == 2,
            !embedding.views.isEmpty, probe.std.allSatisfy({ $0 > 0 })
        else {
            throw DeepFeaturesError(
                .dimensionMismatch, "features \(embedding.features.canonicalText) over \(embedding.views.count) view(s) (view combination \(embedding.viewCombination.rawValue)) need dim \(expected); "
                    + "probe vectors must have dim entries (std > 0) and the stack 2 weights")
        }
        guard checksum.value.count == 64, minShortSide >= 0 else {
            throw DeepFeaturesError(.malformed, "checksum must be 64 hex digits and min_short_side non-negative")
        }
    }
}
