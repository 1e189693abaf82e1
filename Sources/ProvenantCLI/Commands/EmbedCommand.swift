import ArgumentParser
import DeepFeatures
import Provenant

/// `provenant embed`: the deep stage's CLIP image embedding (or class tokens, token means or token moments) of each file
/// (tooling and debugging).
struct EmbedCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the CLIP ViT-B/16 image embedding (L2-normalised, 512 values), or the class tokens, token means or token moments the deep stage computes.",
        discussion: """
            JSON per file: {"path", "embedding": [512 numbers], "milliseconds", "error"}. With \
            --class-tokens L1,L2,..., "embedding" is replaced by "class_tokens": the residual stream's class \
            token after each listed block (0-based), 768 numbers per layer, concatenated. With \
            --token-means L1,L2,..., it is replaced by "token_means": per listed block its class token and \
            then the mean of its 196 patch tokens, 1,536 numbers per layer. With --token-moments L1,L2,..., \
            it is replaced by "token_moments": per listed block its class token, the mean and then the \
            population standard deviation of its patch tokens, 2,304 numbers per layer (the shipped fused model \
            reads --token-moments 0,1,...,11 of --view resize224 followed by the same of --view native-crop-1). scripts/clip_reference.py and scripts/deep/swift_parity.py \
            compare the embedding and class tokens with onnxruntime.

            Exit status: 0 every file embedded, 1 some file failed, 64 usage.
            """
    )

    /// Which views to embed.
    enum View: String, ExpressibleByArgument, CaseIterable {
        case resize224 = "resize224"
        case resize224Mirrored = "resize224-mirrored"
        case nativeCrop1 = "native-crop-1"
        case nativeCrops3 = "native-crops-3"

        var views: [EmbeddingView] {
            switch self {
            case .resize224: [.resize224]
            case .resize224Mirrored: [.resize224Mirrored]
            case .nativeCrop1: [.nativeCrops(count: 1)]
            case .nativeCrops3: [.nativeCrops(count: 3)]
            }
        }
    }

    /// One file's result.
    struct Line: Encodable {
        var path: String
        var embedding: [Float]?
        var classTokens: [Float]?
        var tokenMeans: [Float]?
        var tokenMoments: [Float]?
        var milliseconds: Double?
        var error: ReportError?

        enum CodingKeys: String, CodingKey {
            case path, embedding, milliseconds, error
            case classTokens = "class_tokens"
            case tokenMeans = "token_means"
            case tokenMoments = "token_moments"
        }
    }

    @Argument(help: "Image files.")
    var files: [String]

    @Option(name: .long, help: "CLIP weight file (default: PROVENANT_CLIP_WEIGHTS, then Models/clip-vit-b16-image.pvw).")
    var weights: String?

    @Option(name: .long, help: "View: resize224, resize224-mirrored (the same crop mirrored left to right), native-crop-1 (the centre 224 × 224 at native resolution) or native-crops-3 (three such crops averaged).")
    var view: View = .resize224

    @Option(name: .long, help: "Print the class tokens after these comma-separated blocks (0-11) instead of the embedding.")
    var classTokens: String?

    @Option(name: .long, help: "Print the token means (class token, then patch-token mean) after these comma-separated blocks (0-11) instead.")
    var tokenMeans: String?

    @Option(name: .long, help: "Print the token moments (class token, patch-token mean, patch-token deviation) after these comma-separated blocks (0-11) instead.")
    var tokenMoments: String?

    @Flag(name: .long, help: "Do not quantise activations before each INT8 product (for measuring the difference).")
    var floatActivations = false

    @Option(name: .long, help: "Output format: json or jsonl.")
    var format: OutputFormat = .jsonl

    func execute(console: any Console) async throws -> Int32 {
        let embedder = try ImageEmbedder(weightsPath: weights, emulateActivationQuantization: !floatActivations)
        let kind = features() ?? .projectedEmbedding  // validate() refused an unusable list
        var lines: [Line] = []
        let clock = ContinuousClock()
        for file in files {
            let start = clock.now
            do {
                let values = try embedder.features(path: file, views: view.views, kind: kind)
                let elapsed = clock.now - start
                let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) * 1e-15
                switch kind {
                case .projectedEmbedding: lines.append(Line(path: file, embedding: values, milliseconds: ms))
                case .classTokens: lines.append(Line(path: file, classTokens: values, milliseconds: ms))
                case .tokenMeans: lines.append(Line(path: file, tokenMeans: values, milliseconds: ms))
                case .tokenMoments: lines.append(Line(path: file, tokenMoments: values, milliseconds: ms))
                }
            } catch {
                lines.append(Line(path: file, error: error))
            }
        }
        try JSONOutput.write(lines, format: format == .text ? .jsonl : format, console: console)
        return lines.contains { $0.error != nil } ? ExitStatus.failure : ExitStatus.ok
    }

    func validate() throws {
        if [classTokens, tokenMeans, tokenMoments].count(where: { $0 != nil }) > 1 {
            throw ValidationError("give one of --class-tokens, --token-means and --token-moments")
        }
        if features() == nil {
            throw ValidationError("--class-tokens, --token-means and --token-moments need strictly increasing block numbers 0-11")
        }
    }

    /// The features `--class-tokens`, `--token-means` or `--token-moments` asks for (the projected
    /// embedding without any); nil when the list is not strictly increasing block numbers within the tower.
    func features() -> TowerFeatures? {
        guard let list = classTokens ?? tokenMeans ?? tokenMoments else { return .projectedEmbedding }
        let layers = list.split(separator: ",").map { Int($0.filter { $0 != " " }) }
        let numbers = layers.compactMap { $0 }
        let kind: TowerFeatures =
            if classTokens != nil { .classTokens(layers: numbers) }
            else if tokenMeans != nil { .tokenMeans(layers: numbers) }
            else { .tokenMoments(layers: numbers) }
        return !layers.contains(nil) && kind.isValid(for: .vitB16) ? kind : nil
    }
}
