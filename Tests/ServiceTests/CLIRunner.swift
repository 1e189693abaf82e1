import Testing

@testable import ProvenantCLI

/// Runs a `provenant` command in process, as `CLITests` does, for comparing the service with the CLI.
enum CommandTests {
    static func run(_ arguments: [String]) async throws -> (status: Int32, console: BufferConsole) {
        let console = BufferConsole()
        let command = try ProvenantCommand.parseAsRoot(arguments)
        guard let runnable = command as? any ConsoleCommand else {
            Issue.record("not a console command: \(arguments)")
            return (-1, console)
        }
        return (try await runnable.execute(console: console), console)
    }
}
