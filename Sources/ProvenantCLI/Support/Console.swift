import Foundation
import Synchronization

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

/// A console that keeps what is written, for tests.
final class BufferConsole: Console {
    private let storage = Mutex<(out: String, err: String)>((out: "", err: ""))

    func out(_ text: String) { storage.withLock { $0.out += text } }
    func err(_ text: String) { storage.withLock { $0.err += text } }
    var stderrIsTerminal: Bool { false }

    /// Everything written to standard output.
    var output: String { storage.withLock { $0.out } }
    /// Everything written to standard error.
    var errors: String { storage.withLock { $0.err } }
}
