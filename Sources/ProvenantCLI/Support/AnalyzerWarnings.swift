import Provenant

/// Start-up warnings shared by the analysing commands.
enum AnalyzerWarnings {
    /// Warns on standard error when the detector cannot run.
    static func report(_ analyzer: Analyzer, console: any Console) {
        if let problem = analyzer.detectorUnavailable {
            console.err("warning: the statistical detector is off (\(problem.code): \(problem.message)); pass --model FILE\n")
        }
        if let problem = analyzer.deepUnavailable {
            console.err("warning: the deep stage is off (\(problem.code): \(problem.message)); pass --deep-model FILE or --deep never\n")
        }
    }
}
