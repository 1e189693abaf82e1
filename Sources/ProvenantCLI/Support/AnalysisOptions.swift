import ArgumentParser
import Provenant

/// Options shared by the commands that run the pixel detector and fusion (`check`, `detect`, `scan`).
struct AnalysisOptions: ParsableArguments {
    @Option(name: [.customShort("m"), .long], help: "Detector model file (default: PROVENANT_MODEL, then the Models directory found as `provenant doctor` shows).")
    var model: String?

    @OptionGroup(title: "Limits") var limits: LimitOptions

    @OptionGroup(title: "Decode budget") var budget: DecodeBudgetOptions

    @OptionGroup(title: "Video") var video: VideoOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Deep stage (CLIP ViT-B/16 embedding + fused probe): auto, always or never.",
            discussion: "auto runs it only where it can change the verdict: no decisive C2PA, watermark or metadata "
                + "evidence and a pixel-statistics probability inside the fused model's cascade band. "
                + "Default: always for check and detect, auto for scan."))
    var deep: DeepMode?

    @Option(name: .long, help: "Fused deep model file (default: PROVENANT_DEEP_MODEL, then Models/provenant-detector-v2.json).")
    var deepModel: String?

    @Option(name: .long, help: "Probability at or below which the verdict is likely_authentic (default: the model file's threshold, else 0.2).")
    var authenticBelow: Double?

    @Option(name: .long, help: "Probability at or above which the verdict is likely_ai (default: the model file's threshold, else 0.8).")
    var aiAbove: Double?

    func validate() throws {
        for value in [authenticBelow, aiAbove].compactMap({ $0 }) where !(0...1).contains(value) {
            throw ValidationError("probabilities must be between 0 and 1")
        }
        if let low = authenticBelow, let high = aiAbove, low > high {
            throw ValidationError("--authentic-below must not exceed --ai-above")
        }
    }

    /// Builds an analyzer configuration running the given stages; `defaultDeep` applies when `--deep` is not given.
    func configuration(
        stages: AnalysisStages, trust: TrustConfiguration = TrustConfiguration(), defaultDeep: DeepMode = .always
    ) -> AnalyzerConfiguration {
        var configuration = AnalyzerConfiguration(
            trust: trust, modelPath: model, stages: stages, deep: deep ?? defaultDeep, deepModelPath: deepModel)
        configuration.authenticBelow = authenticBelow
        configuration.aiAbove = aiAbove
        limits.apply(to: &configuration)
        budget.apply(to: &configuration)
        video.apply(to: &configuration)
        return configuration
    }
}

extension DeepMode: ExpressibleByArgument {}
