import ArgumentParser
import Forensics
import Foundation

/// `provenant eval`: source-grouped cross-validation of the pixel detector.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Cross-validate the pixel detector by source under four test conditions.",
        discussion: """
            Each fold's model is trained like `provenant train` on the other folds' sources and scores \
            the held-out images as-is, as PNG, as a centre crop 512 at JPEG 90, downscaled to 512 at \
            JPEG 75, and as one augmented copy. Prints n, AUC, TPR at 1 % and 5 % FPR, accuracy, ECE, \
            recall per family and FPR per real source, and the derived verdict thresholds.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var dataset: DatasetOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .long, help: "Source-grouped folds.")
    var folds: Int = 5

    @Option(name: .long, help: "Output format: text (Markdown tables) or json.")
    var format: Format = .text

    @Option(name: .long, help: "Write the derived thresholds into this model file (checksum updated).")
    var writeThresholds: String?

    func validate() throws {
        if folds < 2 || folds > 20 { throw ValidationError("--folds must be 2...20") }
    }

    func run() async throws {
        let images = try dataset.load()
        var configuration = training.configuration
        configuration.calibrationFolds = folds
        let start = Date()
        let report = try await DetectorEvaluator(configuration: configuration, folds: folds)
            .evaluate(images: images, progress: reportProgress)
        switch format {
        case .text:
            print(report.markdown(), terminator: "")
            print(String(format: "elapsed %.1f s, mean decode %.1f ms/image", Date().timeIntervalSince(start), report.meanDecodeMilliseconds))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        if let path = writeThresholds {
            var file = try DetectorModel.load(path: path).file
            file.thresholds = report.thresholds
            file.updateChecksum()
            try DetectorModel(file: file).save(path: path)
            FileHandle.standardError.write(Data("updated thresholds in \(path)\n".utf8))
        }
    }
}
