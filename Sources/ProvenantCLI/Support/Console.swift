import Foundation

/// Where a command writes: standard output for results, standard error for progress and diagnostics.
protocol Console: Sendable {
    /// Writes to standard output.
    func out(_ text: String)
    /// Writes to standard error.
    func err(_ text: String)
    /// Whether standard error is a terminal (progress bars are drawn only then).
    var stderrIsTerminal: Bool { get }
}

/// The process's standard output and error.
struct StandardConsole: Console {
    func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
