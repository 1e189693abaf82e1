import ArgumentParser
import Forensics
import Foundation

/// `provenant train`: trains the pixel detector and writes a model file.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the pixel detector from labelled images and write a model file.",
        discussion: """
            Both classes pass through the same random crops, downscales (to a 384-768 px long side, or mild) \
            and JPEG re-encodes (quality 60-95) or stay lossless; only decoded pixels are used, never metadata. \
            Calibration (Platt) is fitted on source-grouped out-of-fold predictions.
            """)

    @OptionGroup var dataset: DatasetOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .long, help: "Where to write the model file.")
    var output: String = "Models/provenant-detector-v1.json"

    @Option(name: .long, help: "Source-grouped folds for the calibration.")
    var folds: Int = 5

    func validate() throws {
        if folds < 2 || folds > 20 { throw ValidationError("--folds must be 2...20") }
    }

    func run() async throws {
        let images = try dataset.load()
        var configuration = training.configuration
        configuration.calibrationFolds = folds
        let command = (["provenant"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let start = Date()
        let outcome = try await DetectorTrainer(configuration: configuration)
            .train(images: images, command: command, progress: reportProgress)
        let model = try DetectorModel(file: outcome.file)
        try model.save(path: output)
        let info = outcome.file.training
        print("wrote \(output) (\(outcome.file.modelVersion), sha256 \(outcome.file.checksum.value))")
        print("images: \(info.realImages) real, \(info.aiImages) AI, \(info.sources) sources, \(info.copies) copies each")
        print(String(format: "out-of-fold on augmented copies: AUC %.3f, ECE %.3f (Platt a=%.4f b=%.4f)",
                     info.outOfFoldAUC, info.calibrationECE, outcome.file.calibration.a, outcome.file.calibration.b))
        print(String(format: "provisional thresholds: likely_ai >= %.4f, likely_authentic <= %.4f (run `provenant eval --write-thresholds` to set them from all conditions)",
                     outcome.file.thresholds.likelyAI, outcome.file.thresholds.likelyAuthentic))
        print(String(format: "elapsed %.1f s", Date().timeIntervalSince(start)))
    }
}
