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

    @Flag(name: .long, help: "Instead of cross-validating, time decode and detector per image with the --model (or default) model.")
    var benchmark = false

    @Option(name: .long, help: "Model file for --benchmark (default: the default model lookup).")
    var model: String?

    @Flag(name: .long, help: "Also cross-validate each feature family alone (same cached features).")
    var ablation = false

    @Option(name: .long, help: "Also cross-validate these comma-separated L2 strengths (same cached features).")
    var l2Grid: String?

    @Option(name: .long, help: "SPAM truncation threshold T (feature spec).")
    var spamThreshold: Int = 2

    @Option(name: .long, help: "Tiles the residual spectrum is computed on (feature spec).")
    var spectrumTiles: Int = 4

    func validate() throws {
        if !(1...4).contains(spamThreshold) { throw ValidationError("--spam-threshold must be 1...4") }
        if folds < 2 || folds > 20 { throw ValidationError("--folds must be 2...20") }
    }

    func run() async throws {
        let images = try dataset.load()
        if benchmark {
            try runBenchmark(images: images)
            return
        }
        var configuration = training.configuration
        configuration.calibrationFolds = folds
        configuration.features.spamThreshold = spamThreshold
        configuration.features.spectrumTiles = spectrumTiles
        let start = Date()
        let evaluator = DetectorEvaluator(configuration: configuration, folds: folds)
        let records = await DetectorTrainer(configuration: configuration)
            .extractFeatures(images: images, conditions: evaluator.conditions, progress: reportProgress)
        let featureSeconds = Date().timeIntervalSince(start)
        let report = try evaluator.evaluate(records: records)
        var variants: [(String, EvaluationReport)] = []
        if ablation {
            for family in configuration.features.families {
                variants.append(("only \(family)", try evaluator.evaluate(records: records, keeping: [family])))
            }
        }
        if let l2Grid {
            for value in l2Grid.split(separator: ",").compactMap({ Double($0) }) {
                var variant = evaluator
                variant.configuration.l2 = value
                variants.append(("l2=\(value)", try variant.evaluate(records: records)))
            }
        }
        switch format {
        case .text:
            print(report.markdown(), terminator: "")
            if !variants.isEmpty {
                print("")
                print("Variants (AUC per condition; ECE and TPR@5%FPR on augmented copies):")
                print("")
                print("| variant | " + report.conditions.map(\.condition.label).joined(separator: " | ") + " | ECE aug | TPR@5% aug |")
                print("|---|" + report.conditions.map { _ in "---" }.joined(separator: "|") + "|---|---|")
                for (name, variant) in [("main", report)] + variants {
                    let aucs = variant.conditions.map { String(format: "%.3f", $0.auc) }.joined(separator: " | ")
                    let augmented = variant.conditions.first { $0.condition == .augmented }
                    print("| \(name) | \(aucs) | " + String(format: "%.3f | %.3f |", augmented?.ece ?? .nan, augmented?.tprAt5FPR ?? .nan))
                }
            }
            print(String(format: "elapsed %.1f s (features %.1f s), mean decode %.1f ms/image",
                         Date().timeIntervalSince(start), featureSeconds, report.meanDecodeMilliseconds))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
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

    func runBenchmark(images: [LabeledImage]) throws {
        let detector = try model.map { try DetectorModel.load(path: $0) } ?? DetectorModel.loadDefault()
        let (samples, summary) = DetectorBenchmark.run(paths: images.map(\.path), model: detector)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        case .text:
            let megapixels = samples.map(\.megapixels).reduce(0, +)
            print("images: \(summary.images), \(String(format: "%.1f", megapixels)) MP total; single thread, best of 3 runs per image")
            print("| | mean ms/image | ms/MP |")
            print("|---|---|---|")
            print(String(format: "| decode (full, to RGB) | %.2f | %.2f |", summary.meanDecodeMilliseconds, summary.decodeMillisecondsPerMegapixel))
            print(String(format: "| detector (features + score) | %.2f | %.2f |", summary.meanDetectorMilliseconds, summary.detectorMillisecondsPerMegapixel))
            print(String(format: "median detector ms/image %.2f; detector <= decode on %.1f%% of images",
                         summary.medianDetectorMilliseconds, 100 * summary.fractionDetectorNotSlowerThanDecode))
            print("| long side | images | mean decode ms | mean detector ms |")
            print("|---|---|---|---|")
            for name in ["<=256", "257-512", "513-1024", ">1024"] {
                guard let row = summary.bySize[name], row.count == 3 else { continue }
                print("| \(name) | \(Int(row[0])) | " + String(format: "%.2f | %.2f |", row[1], row[2]))
            }
        }
    }
}
