import ArgumentParser
import Provenant

/// A command whose work writes to a ``Console`` and returns an exit status, so tests can run it in process.
protocol ConsoleCommand: AsyncParsableCommand {
    /// Runs the command; returns the exit status.
    func execute(console: any Console) async throws -> Int32
}

extension ConsoleCommand {
    /// Runs the command; a ``ReportError`` escaping it is a start-up configuration error (per-file
    /// problems are in the reports), written to standard error with exit status 78.
    func executeReportingConfiguration(console: any Console) async throws -> Int32 {
        do {
            return try await execute(console: console)
        } catch let error as ReportError {
            console.err("provenant: configuration error: \(TerminalText.escape(error.code)): \(TerminalText.escape(error.message))\n")
            return ExitStatus.configuration
        }
    }

    /// Runs against the standard console and exits with the status.
    mutating func run() async throws {
        let status = try await executeReportingConfiguration(console: StandardConsole())
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
