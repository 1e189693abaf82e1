import ArgumentParser
import DeepFeatures
import Forensics
import Foundation
import Provenant

/// `provenant eval`: source-grouped cross-validation of the pixel detector.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Cross-validate the pixel detector, or with --deep the fused deep detector, by source.",
        discussion: """
            Without --deep: each fold's hand-crafted model is trained like `provenant train` on the other \
            folds' sources and scores the held-out images as-is, as PNG, as a centre crop 512 at JPEG 90, \
            downscaled to 512 at JPEG 75, as WebP social (short side 720/1080 + WebP 75/80) and as one \
            augmented copy. Prints n, AUC, TPR at 1 % and 5 % FPR, accuracy, ECE, recall per family and \
            FPR per real source, and the derived verdict thresholds.

            With --deep: the fused detector's recipe, computed natively. Every image is decoded and put \
            through the four test conditions (as-is, crop 512 + JPEG 90, downscale 512 + JPEG 75, WebP \
            social) and --platform-copies platform-style augmented copies; the CLIP tower computes the \
            features the fused model reads and the hand-crafted model scores the same pixels. Per fold one \
            probe per tower block of the features (--joint-probe: one on them all) is trained on the other \
            folds' images (all versions), then one stack of the block logits and the hand-crafted logit \
            and a Platt map on the pooled out-of-fold logits. Prints AUC, TPR at 1 % and 5 % FPR, ECE, and at the bands \
            derived by the model's rule (≤ 3 % of real photos, ≤ 5 % of human-made non-photos flagged) and \
            at the shipped bands: photos, non-photos and AI flagged likely_ai; then per content type, \
            generator family, real source and image size (content types and families also at the shipped \
            band when it differs). Real images whose family is not `real` count \
            as human-made non-photos of that content type. About 6 forward passes per image and view: use --cache \
            (a --deep-model that concatenates two views, format version 3, caches each view where a one-view \
            model would, so adding a view reuses the first view's cache).

            With --deep --write-model FILE: also trains the model file on every image (the probe on all \
            versions, the block probes summed with the stack's weights into the file's one probe; the stack and Platt map from the first split's out-of-fold \
            scores; the bands the strictest any split derives (--bands), and the cascade band derived at those bands; min_short_side from the images' sizes) and writes it with its checksum and a training \
            record. The shipped provenant-detector-v2.json (v2.8, two views concatenated) is made this way with --splits 5 --source-weight-power 0.75 --bands strictest-per-type (Models/README.md).
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

    @Option(name: .long, help: "Hand-crafted model file for --benchmark and --deep (default: the default model lookup).")
    var model: String?

    @Flag(name: .long, help: "Also cross-validate each feature family alone (same cached features).")
    var ablation = false

    @Option(name: .long, help: "Also cross-validate these comma-separated L2 strengths (same cached features).")
    var l2Grid: String?

    @Flag(name: .long, help: "Cross-validate the fused deep detector (CLIP probe + hand-crafted stack) instead.")
    var deep = false

    @Option(name: .long, help: "With --deep: the fused model whose features and bands are used (default: the default lookup).")
    var deepModel: String?

    @Option(name: .long, help: "With --deep: cache folder for per-image features (reused when the models, seed and conditions match).")
    var cache: String?

    @Option(name: .long, help: "With --deep: the probes' L2 strength, or comma-separated strengths (a ladder: each block's probe is fitted at each, and the stack weighs them all).")
    var probeL2: String = "0.03"

    @Flag(name: .long, help: "With --deep: one probe on all the features instead of one per tower block stacked (the v2.1 recipe).")
    var jointProbe = false

    @Option(name: .long, help: "With --deep: platform-augmented training copies per image.")
    var platformCopies: Int = 2

    @Option(name: .long, help: "With --deep: source splits to cross-validate (seeds --split-seed, the next, ...); tables from the first, AUC and TPR of each listed.")
    var splits: Int = 1

    @Option(name: .long, help: "With --deep: seed of the first source split (default: --seed + 1); e.g. --split-seed 4 --splits 3 adds splits 4-6 to an earlier run of 2 and 3.")
    var splitSeed: UInt64?

    @Option(name: .long, help: "With --write-model: the file's bands: strictest (the highest likely_ai and lowest likely_authentic any split derives, so the flag budgets hold on every split), strictest-per-type (as strictest, and every human-made content type with at least 30 images within 5 % on every split), or first-split (that split's alone, as files up to v2.4).")
    var bands: FusedEvaluationReport.BandRule = .strictest

    @Option(name: .long, help: "With --deep: labels CSV of the hand-crafted model's training set; its sources are left out of the stack fit (in-sample scores; with --refit-handcrafted too).")
    var handcraftedTrainingLabels: String?

    @Flag(name: .long, help: "With --deep: refit the hand-crafted detector in every fold (L2 logistic regression on its features, --handcrafted-l2) and stack its out-of-fold logit instead of the loaded model's.")
    var refitHandcrafted = false

    @Option(name: .long, help: "With --refit-handcrafted: L2 strength of the refitted regression.")
    var handcraftedL2: Double = 0.03

    @Option(name: .long, help: "With --refit-handcrafted and --write-model: write the refitted hand-crafted model here; the fused model's stack was fitted against it, so they ship together.")
    var writeHandcraftedModel: String?

    @Option(name: .long, help: "With --write-handcrafted-model: its model_version (default: the --model's).")
    var handcraftedModelVersion: String?

    @Option(name: .long, help: "With --deep: sample-weight shares of AI images, real photos and human-made non-photos (comma-separated).")
    var groupShares: String = "0.5,0.25,0.25"

    @Option(name: .long, help: "With --deep: within a group, weigh each image 1/(source size)^P (0.5: large sources count more, less than in proportion; 1: every source the same total).")
    var sourceWeightPower: Double = 0.5

    @Option(name: .long, help: "With --deep: also train the model on every image and write it here (stack, calibration and cascade from the first split's out-of-fold scores, bands by --bands, the cascade at those bands).")
    var writeModel: String?

    @Option(name: .long, help: "With --write-model: the model_version to write (default: the --deep-model's).")
    var modelVersion: String?

    @Option(name: .long, help: "SPAM truncation threshold T (feature spec).")
    var spamThreshold: Int = 2

    @Option(name: .long, help: "Tiles the residual spectrum is computed on (feature spec).")
    var spectrumTiles: Int = 4

    func validate() throws {
        if !(1...4).contains(spamThreshold) { throw ValidationError("--spam-threshold must be 1...4") }
        if folds < 2 || folds > 20 { throw ValidationError("--folds must be 2...20") }
        if !(0...8).contains(platformCopies) { throw ValidationError("--platform-copies must be 0...8") }
        if parsedProbeL2s == nil { throw ValidationError("--probe-l2 must be one or more positive numbers, e.g. 0.03 or 0.01,0.03,0.1") }
        if !(1...20).contains(splits) { throw ValidationError("--splits must be 1...20") }
        if parsedGroupShares == nil { throw ValidationError("--group-shares must be three positive numbers, e.g. 0.5,0.25,0.25") }
        if !(0...1).contains(sourceWeightPower) { throw ValidationError("--source-weight-power must be 0...1") }
        if writeModel != nil && !deep { throw ValidationError("--write-model needs --deep") }
        if refitHandcrafted && !deep { throw ValidationError("--refit-handcrafted needs --deep") }
        if !(handcraftedL2 > 0 && handcraftedL2.isFinite) { throw ValidationError("--handcrafted-l2 must be a positive number") }
        if refitHandcrafted && writeModel != nil && writeHandcraftedModel == nil {
            throw ValidationError("--refit-handcrafted with --write-model needs --write-handcrafted-model: the fused model's stack is fitted against the refitted hand-crafted model")
        }
        if writeHandcraftedModel != nil && (!refitHandcrafted || writeModel == nil) {
            throw ValidationError("--write-handcrafted-model needs --refit-handcrafted and --write-model")
        }
    }

    /// `--probe-l2` as one or more distinct positive, finite numbers, or nil.
    var parsedProbeL2s: [Double]? {
        let values = probeL2.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 0).isFinite }) else { return nil }
        let strengths = values.compactMap { $0 }
        return Set(strengths).count == strengths.count ? strengths : nil
    }

    /// `--group-shares` as three positive numbers, or nil.
    var parsedGroupShares: [Double]? {
        let values = groupShares.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == 3, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.compactMap { $0 }
    }

    func run() async throws {
        let images = try dataset.load()
        if deep {
            try await runDeep(images: images)
            return
        }
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
            try printJSON(report)
        }
        if let path = writeThresholds {
            var file = try DetectorModel.load(path: path).file
            file.thresholds = report.thresholds
            file.updateChecksum()
            try DetectorModel(file: file).save(path: path)
            FileHandle.standardError.write(Data("updated thresholds in \(path)\n".utf8))
        }
    }

    func runDeep(images: [LabeledImage]) async throws {
        var evaluation = FusedEvaluation()
        evaluation.folds = folds
        evaluation.seed = training.seed
        evaluation.jobs = training.jobs
        evaluation.probeL2s = parsedProbeL2s ?? [0.03]
        evaluation.layerwiseProbes = !jointProbe
        evaluation.copies = platformCopies
        evaluation.splits = splits
        evaluation.firstSplitSeed = splitSeed
        evaluation.bandRule = bands
        evaluation.cacheDirectory = cache
        evaluation.groupShares = parsedGroupShares ?? evaluation.groupShares
        evaluation.sourceWeightPower = sourceWeightPower
        evaluation.refitHandcrafted = refitHandcrafted
        evaluation.handcraftedL2 = handcraftedL2
        evaluation.handcraftedModelVersion = handcraftedModelVersion
        if let handcraftedTrainingLabels {
            evaluation.handcraftedInSampleSources = Set(try LabeledDataset.load(csvPath: handcraftedTrainingLabels).map(\.source))
        }
        let configuration = AnalyzerConfiguration(modelPath: model, deepModelPath: deepModel)
        let progress: @Sendable (Int, Int) -> Void = { done, total in
            if done % 50 == 0 || done == total {
                FileHandle.standardError.write(Data("images: \(done)/\(total)\n".utf8))
            }
        }
        let report: FusedEvaluationReport
        if let writeModel {
            let trained = try await evaluation.runAndTrainBoth(
                images: images, configuration: configuration, modelVersion: modelVersion, progress: progress)
            report = trained.report
            try writeFusedModel(trained.model, report: report, images: images, evaluation: evaluation, to: writeModel)
            if let path = writeHandcraftedModel, var handcrafted = trained.handcrafted {
                handcrafted.training.command = (["provenant"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
                handcrafted.updateChecksum()
                try DetectorModel(file: handcrafted).save(path: path)
                FileHandle.standardError.write(Data("wrote \(path) (checksum \(handcrafted.checksum.value))\n".utf8))
            }
        } else {
            report = try await evaluation.run(images: images, configuration: configuration, progress: progress)
        }
        switch format {
        case .text:
            print(report.markdown(), terminator: "")
        case .json:
            try printJSON(report)
        }
    }

    /// Writes the trained fused model with its training record, and says where the weight file it
    /// names must be.
    func writeFusedModel(
        _ model: FusedDetectorFile, report: FusedEvaluationReport, images: [LabeledImage], evaluation: FusedEvaluation,
        to path: String
    ) throws {
        var sources: [String: Set<String>] = [:]
        let used = Set(images.map(\.path))
        for csv in dataset.labels {
            let name = URL(fileURLWithPath: csv).deletingLastPathComponent().lastPathComponent
            for image in try LabeledDataset.load(csvPath: csv) where used.contains(image.path) {
                sources[name, default: []].insert(image.source)
            }
        }
        let formatter = ISO8601DateFormatter()
        let training = FusedModelTraining(
            command: (["provenant"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
            date: formatter.string(from: Date()), sources: sources.mapValues { $0.sorted() }, images: images, report: report,
            evaluation: evaluation)
        let bytes = try model.encodedJSON(training: training)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw ReportError(code: "io.write", message: "cannot write \(path)")
        }
        let weights = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(model.embedding.weightsFile).path
        FileHandle.standardError.write(Data("wrote \(path) (checksum \(model.checksum.value))\n".utf8))
        if !FileManager.default.fileExists(atPath: weights) {
            FileHandle.standardError.write(Data("note: the model reads \(model.embedding.weightsFile) from its own folder; copy it to \(weights)\n".utf8))
        }
    }

    func runBenchmark(images: [LabeledImage]) throws {
        let detector = try model.map { try DetectorModel.load(path: $0) } ?? DetectorModel.loadDefault()
        let (samples, summary) = DetectorBenchmark.run(paths: images.map(\.path), model: detector)
        switch format {
        case .json:
            try printJSON(summary)
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

    /// Prints `value` as pretty, key-sorted JSON; non-finite numbers as the strings "inf", "-inf", "nan".
    func printJSON<Value: Encodable>(_ value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

extension FusedEvaluationReport.BandRule: ExpressibleByArgument {}
