import ArgumentParser
import DeepFeatures
import Provenant

/// `provenant embed`: the deep stage's CLIP image embedding of each file (tooling and debugging).
struct EmbedCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the CLIP ViT-B/16 image embedding the deep stage computes (L2-normalised, 512 values).",
        discussion: """
            JSON per file: {"path", "embedding": [512 numbers], "milliseconds", "error"}. \
            scripts/clip_reference.py compares these with onnxruntime.

            Exit status: 0 every file embedded, 1 some file failed, 64 usage.
            """
    )

    /// Which views to embed.
    enum View: String, ExpressibleByArgument, CaseIterable {
        case resize224 = "resize224"
        case nativeCrops3 = "native-crops-3"

        var views: [EmbeddingView] {
            switch self {
            case .resize224: [.resize224]
            case .nativeCrops3: [.nativeCrops(count: 3)]
            }
        }
    }

    /// One file's result.
    struct Line: Encodable {
        var path: String
        var embedding: [Float]?
        var milliseconds: Double?
        var error: ReportError?
    }

    @Argument(help: "Image files.")
    var files: [String]

    @Option(name: .long, help: "CLIP weight file (default: PROVENANT_CLIP_WEIGHTS, then Models/clip-vit-b16-image.pvw).")
    var weights: String?

    @Option(name: .long, help: "View: resize224 or native-crops-3.")
    var view: View = .resize224

    @Flag(name: .long, help: "Do not quantise activations before each INT8 product (for measuring the difference).")
    var floatActivations = false

    @Option(name: .long, help: "Output format: json or jsonl.")
    var format: OutputFormat = .jsonl

    func execute(console: any Console) async throws -> Int32 {
        let embedder = try ImageEmbedder(weightsPath: weights, emulateActivationQuantization: !floatActivations)
        var lines: [Line] = []
        let clock = ContinuousClock()
        for file in files {
            let start = clock.now
            do {
                let e = try embedder.embedding(path: file, views: view.views)
                let elapsed = clock.now - start
                let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) * 1e-15
                lines.append(Line(path: file, embedding: e, milliseconds: ms))
            } catch {
                lines.append(Line(path: file, error: error))
            }
        }
        try JSONOutput.write(lines, format: format == .text ? .jsonl : format, console: console)
        return lines.contains { $0.error != nil } ? ExitStatus.failure : ExitStatus.ok
    }
}
