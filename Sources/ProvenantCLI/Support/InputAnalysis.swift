import Provenant

/// How the per-file commands read one input: `-` is standard input, anything else a path.
enum InputAnalysis {
    /// The analysis of one input.
    static func analyze(_ analyzer: Analyzer, _ input: String) async -> AnalysisReport {
        input == "-" ? await analyzer.analyzeStandardInput() : await analyzer.analyze(path: input)
    }

    /// The container inspection of one input.
    static func inspect(_ analyzer: Analyzer, _ input: String) async -> InspectReport {
        input == "-" ? analyzer.inspectStandardInput() : await analyzer.inspect(path: input)
    }
}
