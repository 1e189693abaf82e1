import Provenant

/// Start-up warnings shared by the analysing commands.
enum AnalyzerWarnings {
    /// Warns on standard error when the detector cannot run.
    static func report(_ analyzer: Analyzer, console: any Console) {
        if let problem = analyzer.detectorUnavailable {
            console.err("warning: the statistical detector is off (\(problem.code): \(problem.message)); pass --model FILE\n")
        }
    }
}
