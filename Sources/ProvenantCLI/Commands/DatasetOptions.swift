import ArgumentParser
import Forensics
import Foundation

/// Where labelled images come from: a labels CSV or a pair of folders.
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: "Labels CSV with columns file,label(real|ai)[,source,family]; paths relative to the CSV. Repeat to combine data sets.")
    var labels: [String] = []

    @Option(name: .long, help: "Folder of real photos (recursive; sub-folders are sources).")
    var real: String?

    @Option(name: .long, help: "Folder of AI-generated images (recursive; first sub-folder is the family).")
    var ai: String?

    @Option(name: .long, help: "Use only N images spread evenly over the data set (quick runs).")
    var sample: Int?

    func validate() throws {
        if labels.isEmpty && (real == nil || ai == nil) {
            throw ValidationError("give --labels CSV, or both --real DIR and --ai DIR")
        }
        if !labels.isEmpty && (real != nil || ai != nil) {
            throw ValidationError("--labels cannot be combined with --real/--ai")
        }
        if let sample, sample < 4 { throw ValidationError("--sample must be at least 4") }
    }

    func load() throws -> [LabeledImage] {
        var images: [LabeledImage]
        if !labels.isEmpty {
            images = try labels.flatMap { try LabeledDataset.load(csvPath: $0) }
        } else if let real, let ai {
            images = try LabeledDataset.load(realDirectory: real, aiDirectory: ai)
        } else {
            throw ValidationError("no data set given")
        }
        if let sample, sample < images.count {
            images = (0..<sample).map { images[$0 * images.count / sample] }
        }
        return images
    }
}

/// Model-training settings shared by `train` and `eval`.
struct TrainingOptions: ParsableArguments {
    @Option(name: .long, help: "Random seed (augmentation and folds).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Augmented copies per image.")
    var copies: Int = 4

    @Option(name: .long, help: "L2 regularisation strength.")
    var l2: Double = 0.1

    @Option(name: .long, help: "Images processed in parallel.")
    var jobs: Int = 2

    @Flag(inversion: .prefixedNo, help: "Weigh sources by 1/sqrt(size) so large sources do not dominate.")
    var sourceBalanced = true

    func validate() throws {
        if copies < 1 || copies > 64 { throw ValidationError("--copies must be 1...64") }
        if l2 < 0 { throw ValidationError("--l2 must be non-negative") }
        if jobs < 1 || jobs > 64 { throw ValidationError("--jobs must be 1...64") }
    }

    var configuration: DetectorTrainer.Configuration {
        var configuration = DetectorTrainer.Configuration()
        configuration.seed = seed
        configuration.copies = copies
        configuration.l2 = l2
        configuration.concurrency = jobs
        configuration.sourceBalanced = sourceBalanced
        return configuration
    }
}

/// Writes progress to standard error every 50 images.
@Sendable func reportProgress(done: Int, total: Int) {
    if done % 50 == 0 || done == total {
        FileHandle.standardError.write(Data("features: \(done)/\(total)\n".utf8))
    }
}

extension DatasetError: LocalizedError {
    public var errorDescription: String? { description }
}

extension DetectorModelError: LocalizedError {
    public var errorDescription: String? { description }
}
