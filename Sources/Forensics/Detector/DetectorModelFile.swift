/// The on-disk form of a detector model (`Models/provenant-detector-v1.json`).
///
/// A versioned JSON document; keys are snake_case and part of the format:
/// ```
/// { "format": "provenant-detector", "version": 1, "model_version": "...",
///   "features": FeatureSpec, "standardization": {"mean": [...], "std": [...]},
///   "classifier": {"kind": "logistic", "weights": [...], "bias": b},
///   "calibration": {"method": "platt", "a": a, "b": b},
///   "thresholds": {"likely_ai": t1, "likely_authentic": t0},
///   "training": {...}, "checksum": {"algorithm": "sha256", "value": "<hex>"} }
/// ```
/// The checksum is SHA-256 over ``canonicalPayload()``: every field that changes a score or a
/// verdict (format, version, model version, feature spec, standardisation, weights, calibration,
/// thresholds), written as text with each number in Swift's shortest round-trip form. Training
/// metadata is descriptive and not covered.
public struct DetectorModelFile: Sendable, Codable, Equatable {
    /// The format name every model file carries.
    public static let formatName = "provenant-detector"
    /// The format version this library reads and writes.
    public static let currentVersion = 1

    /// Classifier parameters.
    public struct Classifier: Sendable, Codable, Equatable {
        /// Model kind; only `logistic` in version 1.
        public var kind: String
        /// One weight per standardised feature.
        public var weights: [Double]
        /// Intercept.
        public var bias: Double
        /// Creates classifier parameters.
        public init(kind: String = "logistic", weights: [Double], bias: Double) {
            self.kind = kind
            self.weights = weights
            self.bias = bias
        }
    }

    /// Calibration of the decision value into a probability.
    public struct Calibration: Sendable, Codable, Equatable {
        /// Method; only `platt` in version 1.
        public var method: String
        /// Slope.
        public var a: Double
        /// Offset.
        public var b: Double
        /// Creates calibration parameters.
        public init(method: String = "platt", a: Double, b: Double) {
            self.method = method
            self.a = a
            self.b = b
        }
    }

    /// Verdict bands on the calibrated probability.
    public struct Thresholds: Sendable, Codable, Equatable {
        /// At or above: `likely_ai` (set so that cross-validated FPR on real photos is at most 5 %).
        public var likelyAI: Double
        /// At or below: `likely_authentic`; in between: `inconclusive`.
        public var likelyAuthentic: Double
        /// Creates thresholds.
        public init(likelyAI: Double, likelyAuthentic: Double) {
            self.likelyAI = likelyAI
            self.likelyAuthentic = likelyAuthentic
        }
        enum CodingKeys: String, CodingKey {
            case likelyAI = "likely_ai"
            case likelyAuthentic = "likely_authentic"
        }
    }

    /// How the model was trained (descriptive; not covered by the checksum).
    public struct TrainingInfo: Sendable, Codable, Equatable {
        /// The command line or API call that produced the model.
        public var command: String
        /// Random seed.
        public var seed: UInt64
        /// Augmented copies per image.
        public var copies: Int
        /// Images used, per label.
        public var realImages: Int
        /// AI images used.
        public var aiImages: Int
        /// Distinct sources (groups).
        public var sources: Int
        /// L2 strength.
        public var l2: Double
        /// Folds used for the out-of-fold calibration.
        public var calibrationFolds: Int
        /// ECE (10 bins) of the calibrated out-of-fold probabilities on augmented copies.
        public var calibrationECE: Double
        /// AUC of the out-of-fold decision values on augmented copies.
        public var outOfFoldAUC: Double
        /// Free-form notes (augmentation description, data set).
        public var notes: String
        /// Creates training metadata.
        public init(
            command: String, seed: UInt64, copies: Int, realImages: Int, aiImages: Int, sources: Int,
            l2: Double, calibrationFolds: Int, calibrationECE: Double, outOfFoldAUC: Double, notes: String
        ) {
            self.command = command
            self.seed = seed
            self.copies = copies
            self.realImages = realImages
            self.aiImages = aiImages
            self.sources = sources
            self.l2 = l2
            self.calibrationFolds = calibrationFolds
            self.calibrationECE = calibrationECE
            self.outOfFoldAUC = outOfFoldAUC
            self.notes = notes
        }
        enum CodingKeys: String, CodingKey {
            case command, seed, copies, sources, l2, notes
            case realImages = "real_images"
            case aiImages = "ai_images"
            case calibrationFolds = "calibration_folds"
            case calibrationECE = "calibration_ece"
            case outOfFoldAUC = "out_of_fold_auc"
        }
    }

    /// The stored checksum.
    public struct Checksum: Sendable, Codable, Equatable {
        /// Always `sha256`.
        public var algorithm: String
        /// 64 lowercase hex digits.
        public var value: String
        /// Creates a checksum record.
        public init(algorithm: String = "sha256", value: String) {
            self.algorithm = algorithm
            self.value = value
        }
    }

    /// Always ``formatName``.
    public var format: String
    /// Format version.
    public var version: Int
    /// The model's name and version, reported with every score.
    public var modelVersion: String
    /// Features the model expects.
    public var features: FeatureSpec
    /// Standardisation applied before the classifier.
    public var standardization: Standardizer
    /// Classifier parameters.
    public var classifier: Classifier
    /// Calibration parameters.
    public var calibration: Calibration
    /// Verdict bands.
    public var thresholds: Thresholds
    /// Training metadata.
    public var training: TrainingInfo
    /// Checksum of ``canonicalPayload()``.
    public var checksum: Checksum

    /// Creates a model file and computes its checksum.
    public init(
        modelVersion: String, features: FeatureSpec, standardization: Standardizer, classifier: Classifier,
        calibration: Calibration, thresholds: Thresholds, training: TrainingInfo
    ) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.modelVersion = modelVersion
        self.features = features
        self.standardization = standardization
        self.classifier = classifier
        self.calibration = calibration
        self.thresholds = thresholds
        self.training = training
        self.checksum = Checksum(value: "")
        self.checksum = Checksum(value: computedChecksum())
    }

    /// Recomputes the checksum after parameters were changed (for example new thresholds).
    public mutating func updateChecksum() {
        checksum = Checksum(value: computedChecksum())
    }

    /// The SHA-256 of ``canonicalPayload()`` in hex.
    public func computedChecksum() -> String {
        SHA256Digest.hexDigest(canonicalPayload())
    }

    /// The text the checksum covers: one `key=value` line per scoring parameter.
    public func canonicalPayload() -> String {
        func list(_ values: [Double]) -> String { values.map { "\($0)" }.joined(separator: ",") }
        var lines: [String] = []
        lines.append("format=\(format)")
        lines.append("version=\(version)")
        lines.append("model_version=\(modelVersion)")
        lines.append("tile_size=\(features.tileSize)")
        lines.append("max_tiles=\(features.maxTiles)")
        lines.append("spam_threshold=\(features.spamThreshold)")
        lines.append("spectrum_tiles=\(features.spectrumTiles)")
        lines.append("spectrum_bins=\(features.spectrumBins)")
        lines.append("families=\(features.families.map(\.rawValue).joined(separator: ","))")
        lines.append("mean=\(list(standardization.mean))")
        lines.append("std=\(list(standardization.std))")
        lines.append("classifier=\(classifier.kind)")
        lines.append("weights=\(list(classifier.weights))")
        lines.append("bias=\(classifier.bias)")
        lines.append("calibration=\(calibration.method),\(calibration.a),\(calibration.b)")
        lines.append("thresholds=\(thresholds.likelyAI),\(thresholds.likelyAuthentic)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Checks format, version, dimensions and checksum.
    public func validate() throws(DetectorModelError) {
        guard format == Self.formatName else {
            throw DetectorModelError(.unsupportedVersion, "format is \"\(format)\", expected \"\(Self.formatName)\"")
        }
        guard version == Self.currentVersion else {
            throw DetectorModelError(.unsupportedVersion, "model format version \(version) is not supported (reads \(Self.currentVersion))")
        }
        guard classifier.kind == "logistic", calibration.method == "platt" else {
            throw DetectorModelError(.unsupportedVersion, "classifier \(classifier.kind) / calibration \(calibration.method) not supported")
        }
        guard let dimension = features.dimension else {
            throw DetectorModelError(.malformed, "feature spec is invalid or names an unknown family")
        }
        guard standardization.mean.count == dimension, standardization.std.count == dimension,
            classifier.weights.count == dimension
        else {
            throw DetectorModelError(
                .dimensionMismatch,
                "feature spec has \(dimension) features but mean/std/weights have \(standardization.mean.count)/\(standardization.std.count)/\(classifier.weights.count)")
        }
        guard checksum.algorithm == "sha256", checksum.value == computedChecksum() else {
            throw DetectorModelError(.checksumMismatch, "model parameters do not match their SHA-256 checksum")
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, version, features, standardization, classifier, calibration, thresholds, training, checksum
        case modelVersion = "model_version"
    }
}
