import ArgumentParser

/// A command whose work writes to a ``Console`` and returns an exit status, so tests can run it in process.
protocol ConsoleCommand: AsyncParsableCommand {
    /// Runs the command; returns the exit status.
    func execute(console: any Console) async throws -> Int32
}

extension ConsoleCommand {
    /// Runs against the standard console and exits with the status.
    mutating func run() async throws {
        let status = try await execute(console: StandardConsole())
        if status != ExitStatus.ok { throw ExitCode(status) }
    }
}
