import ArgumentParser
import Provenant

/// Options shared by the commands that analyse images.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .long, help: "Detector model file (default: PROVENANT_MODEL, then Models/ next to the executable or repository).")
    var model: String?

    @OptionGroup var trust: TrustOptions

    @OptionGroup(title: "Limits") var limits: LimitOptions

    @OptionGroup(title: "Decode budget") var budget: DecodeBudgetOptions

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

    /// Builds an analyzer configuration running the given stages.
    func configuration(stages: AnalysisStages, detailed: Bool = false) throws -> AnalyzerConfiguration {
        var configuration = AnalyzerConfiguration(
            trust: try trust.load(), modelPath: model, stages: stages, detailedProvenance: detailed)
        configuration.authenticBelow = authenticBelow
        configuration.aiAbove = aiAbove
        limits.apply(to: &configuration)
        budget.apply(to: &configuration)
        return configuration
    }
}
