import Foundation

/// A loaded, verified pixel detector: features → standardisation → logistic regression →
/// Platt calibration.
public struct DetectorModel: Sendable {
    /// The verified model file.
    public let file: DetectorModelFile
    private let extractor: FeatureExtractor

    /// The default model file name.
    public static let defaultFileName = "provenant-detector-v1.json"
    /// The environment variable that overrides the default model path.
    public static let environmentVariable = "PROVENANT_MODEL"

    /// Wraps a model file after checking its version, dimensions and checksum.
    public init(file: DetectorModelFile) throws(DetectorModelError) {
        try file.validate()
        self.file = file
        self.extractor = FeatureExtractor(spec: file.features)
    }

    /// The model's name and version.
    public var modelVersion: String { file.modelVersion }

    /// Verdict bands.
    public var thresholds: DetectorModelFile.Thresholds { file.thresholds }

    /// Decodes and verifies a model from JSON bytes.
    public static func decode(_ bytes: [UInt8]) throws(DetectorModelError) -> DetectorModel {
        let file: DetectorModelFile
        do {
            file = try JSONDecoder().decode(DetectorModelFile.self, from: Data(bytes))
        } catch {
            throw DetectorModelError(.malformed, "not a detector model file: \(error)")
        }
        return try DetectorModel(file: file)
    }

    /// Loads and verifies the model at `path`.
    public static func load(path: String) throws(DetectorModelError) -> DetectorModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw DetectorModelError(.ioError, "cannot read \(path)")
            }
            throw DetectorModelError(.notFound, "no model file at \(path)")
        }
        return try decode([UInt8](data))
    }

    /// Loads the default model: `$PROVENANT_MODEL` if set; otherwise the first
    /// `Models/provenant-detector-v1.json` found next to the executable or in one of its parent
    /// directories; otherwise the source checkout's `Models/` (found from this file's path).
    public static func loadDefault() throws(DetectorModelError) -> DetectorModel {
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty {
            return try load(path: override)
        }
        for candidate in defaultCandidates() where FileManager.default.fileExists(atPath: candidate) {
            return try load(path: candidate)
        }
        throw DetectorModelError(
            .notFound,
            "no \(defaultFileName) found; set \(environmentVariable) or place it in a Models/ directory next to the executable")
    }

    /// Candidate default paths, in lookup order.
    static func defaultCandidates() -> [String] {
        var result: [String] = []
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable.resolvingSymlinksInPath().deletingLastPathComponent()) }
        let sourceFile = URL(fileURLWithPath: #filePath)
        starts.append(sourceFile.deletingLastPathComponent())
        for start in starts {
            var directory = start
            for _ in 0..<8 {
                result.append(directory.appendingPathComponent("Models").appendingPathComponent(defaultFileName).path)
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return result
    }

    /// Encodes the model file as pretty-printed JSON with sorted keys.
    public func encoded() throws(DetectorModelError) -> [UInt8] {
        try Self.encode(file)
    }

    /// Encodes a model file as pretty-printed JSON with sorted keys.
    public static func encode(_ file: DetectorModelFile) throws(DetectorModelError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return [UInt8](try encoder.encode(file)) + [0x0a]
        } catch {
            throw DetectorModelError(.malformed, "cannot encode model: \(error)")
        }
    }

    /// Writes the model file to `path`.
    public func save(path: String) throws(DetectorModelError) {
        let bytes = try encoded()
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw DetectorModelError(.ioError, "cannot write \(path)")
        }
    }

    /// The classifier's decision value for a feature vector.
    public func logit(features: [Double]) -> Double {
        let standardized = file.standardization.apply(features)
        var sum = file.classifier.bias
        for j in 0..<min(standardized.count, file.classifier.weights.count) {
            sum += file.classifier.weights[j] * standardized[j]
        }
        return sum
    }

    /// The calibrated probability for a decision value.
    public func probability(logit: Double) -> Double {
        LogisticFunction.sigmoid(file.calibration.a * logit + file.calibration.b)
    }

    /// The verdict band of a calibrated probability.
    public func verdict(probability: Double) -> DetectorVerdict {
        if probability >= file.thresholds.likelyAI { return .likelyAI }
        if probability <= file.thresholds.likelyAuthentic { return .likelyAuthentic }
        return .inconclusive
    }

    /// Scores an already computed feature vector.
    public func score(features: FeatureVector) -> DetectorScore {
        let value = logit(features: features.values)
        return DetectorScore(
            probability: probability(logit: value), logit: value, tiles: features.tiles, modelVersion: modelVersion)
    }

    /// Scores interleaved RGB pixels (`width * height * 3` bytes).
    public func score(rgb pixels: [UInt8], width: Int, height: Int) -> DetectorScore {
        score(features: extractor.features(rgb: pixels, width: width, height: height))
    }
}
