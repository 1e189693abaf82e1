import Synchronization

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
