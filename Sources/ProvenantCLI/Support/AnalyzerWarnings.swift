import Provenant

/// Start-up warnings shared by the analysing commands.
enum AnalyzerWarnings {
    /// Warns on standard error when the deep stage was asked for but no fused model is available.
    static func report(_ analyzer: Analyzer, console: any Console) {
        if let problem = analyzer.deepUnavailable {
            console.err(
                "warning: the deep stage is off (\(problem.code): \(problem.message)); pixel statistics only. "
                    + "Pass --deep-model FILE, or --deep never to silence this\n")
        }
    }
}
