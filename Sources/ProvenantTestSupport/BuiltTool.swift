import Foundation

/// The built `provenant` executable and a way to run it as a child process, for tests that need real
/// processes (sharded scans in parallel, a shard killed mid-run, services behind a load balancer).
///
/// Test-only support: no product depends on this module.
public enum BuiltTool {
    /// The `provenant` binary of this build: beside the test bundle's executable (SwiftPM puts every
    /// product of a build in one folder), looking up to three folders above it for bundle layouts.
    public static let provenant: String? = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("provenant").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    /// A started child process; `exit` resolves when it ends.
    public final class Child: @unchecked Sendable {  // the Process is only touched by the test that owns it
        /// The child process.
        public let process: Process
        private let ended: AsyncStream<Void>

        /// Starts `provenant` with `arguments`, the environment plus `environment`, standard error to the
        /// file `stderr` (discarded when `nil`).
        public convenience init(_ arguments: [String], environment: [String: String] = [:], stderr: String? = nil) throws {
            guard let tool = BuiltTool.provenant else { throw ToolMissing() }
            try self.init(executable: tool, arguments, environment: environment, stderr: stderr)
        }

        /// Starts another program (nginx in the load-balancer test) the same way.
        public init(executable: String, _ arguments: [String], environment: [String: String] = [:], stderr: String? = nil) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            if let stderr {
                _ = FileManager.default.createFile(atPath: stderr, contents: nil)
                process.standardError = FileHandle(forWritingAtPath: stderr)
            } else {
                process.standardError = FileHandle.nullDevice
            }
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            ended = stream
            process.terminationHandler = { _ in
                continuation.yield()
                continuation.finish()
            }
            try process.run()
        }

        /// Waits for the end: the exit status, and whether a signal ended it.
        public func wait() async -> (status: Int32, signalled: Bool) {
            for await _ in ended {}
            return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
        }

        /// Sends a signal (SIGKILL, SIGTERM) to the child.
        public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Kills the child with SIGKILL as soon as `condition` holds, and says whether it did (`false`: the
        /// child ended first). The child is held with SIGSTOP while `condition` is checked and let run only
        /// in short slices between checks, and the checks run on a thread of their own rather than on the
        /// test's cooperative pool, so a loaded machine delays the kill without letting the child run to
        /// its end meanwhile (a `Task.sleep` poll once missed a whole 333-image shard on a busy CI runner).
        public func killAsSoonAs(_ condition: @escaping @Sendable () -> Bool) async -> Bool {
            await withCheckedContinuation { continuation in
                let watcher = Thread {
                    while true {
                        self.signal(SIGSTOP)
                        if condition() {
                            self.signal(SIGKILL)
                            continuation.resume(returning: true)
                            return
                        }
                        guard self.process.isRunning else {
                            continuation.resume(returning: false)
                            return
                        }
                        self.signal(SIGCONT)
                        usleep(2_000)
                    }
                }
                watcher.start()
            }
        }
    }

    /// The first executable called `name` on `PATH` (and in /usr/sbin, where Debian puts nginx).
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs to the end and returns the exit status.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Int32 {
        await (try Child(arguments, environment: environment)).wait().status
    }

    /// The executable is not where ``provenant`` looks.
    public struct ToolMissing: Error, CustomStringConvertible {
        /// What is missing.
        public var description: String { "the provenant executable is not beside the test bundle (run swift build --build-tests)" }
    }
}
