public import DeepFeatures
import ByteParsing
import Foundation
import ImageDecoding

/// The CLIP image embedding of a file, as the deep stage computes it: read, decode, composite any
/// alpha on white, then ``CLIPImageEncoder``.
///
/// Also the tooling entry point behind `provenant embed`, which the reference script compares
/// with onnxruntime.
public struct ImageEmbedder: Sendable {
    /// The default weight file name in `Models/`.
    public static let defaultWeightsFileName = "clip-vit-b16-image.pvw"
    /// The environment variable that overrides the weight file's path.
    public static let environmentVariable = "PROVENANT_CLIP_WEIGHTS"

    /// The encoder in use.
    public let encoder: CLIPImageEncoder
    /// The weight file that was loaded.
    public let weightsPath: String

    /// Loads the weights at `weightsPath`, or the default ones (`PROVENANT_CLIP_WEIGHTS`, then
    /// `clip-vit-b16-image.pvw` in the `Models` directory the ``ResourceLocator`` finds).
    public init(weightsPath: String? = nil, emulateActivationQuantization: Bool = true) throws(ReportError) {
        let path: String
        if let weightsPath {
            path = weightsPath
        } else {
            path = try Self.defaultWeightsPath()
        }
        do {
            let file = try CLIPWeightFile(contentsOfFile: path)
            encoder = CLIPImageEncoder(
                tower: try CLIPVisionTower(weights: file, emulateActivationQuantization: emulateActivationQuantization))
        } catch {
            throw ReportError(code: "deep.\(error.code.rawValue)", message: "cannot load CLIP weights \(path): \(error)")
        }
        self.weightsPath = path
    }

    /// The default weight file path.
    static func defaultWeightsPath() throws(ReportError) -> String {
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty {
            return override
        }
        if let directory = ResourceLocator().modelsDirectory(),
            FileManager.default.fileExists(atPath: directory.path + "/" + defaultWeightsFileName)
        {
            return directory.path + "/" + defaultWeightsFileName
        }
        throw ReportError(
            code: "deep.not_found",
            message: "no \(defaultWeightsFileName) found; set \(environmentVariable) or place it in Models/ next to the executable")
    }

    /// The L2-normalised embedding of the image file at `path`.
    public func embedding(path: String, views: [EmbeddingView] = [.resize224], limits: ParseLimits = .default) throws(ReportError) -> [Float] {
        try features(path: path, views: views, kind: .projectedEmbedding, limits: limits)
    }

    /// The L2-normalised embedding of the image file at `path`, or the other ``TowerFeatures`` a
    /// probe reads.
    public func features(
        path: String, views: [EmbeddingView] = [.resize224], kind: TowerFeatures, limits: ParseLimits = .default
    ) throws(ReportError) -> [Float] {
        let bytes = try FileReader.read(path: path, maxBytes: limits.maxFileBytes)
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(limits: limits))
        } catch {
            throw ReportError(code: "decode.\(error.code.rawValue)", message: error.description)
        }
        return try features(of: decoded, views: views, kind: kind)
    }

    /// The ``TowerFeatures`` of decoded pixels (alpha composited on white first), the views combined
    /// by `combination`.
    func features(
        of decoded: DecodedImage, views: [EmbeddingView], kind: TowerFeatures, combination: ViewCombination = .average
    ) throws(ReportError) -> [Float] {
        var rgb = decoded.rgb
        if let alpha = decoded.alpha { rgb = CLIPPreprocessor.compositedOnWhite(rgb, alpha: alpha) }
        do {
            return try encoder.features(of: rgb, views: views, kind: kind, combination: combination)
        } catch {
            throw ReportError(code: "deep.\(error.code.rawValue)", message: error.description)
        }
    }
}
