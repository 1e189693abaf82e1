import Foundation
import ProvenantTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers for tests that run `provenant serve` as its own process: its logged port, its readiness, and
/// its memory, measured on that process alone (the test process's own memory moves with whatever other
/// tests allocate at the same moment).
enum ServeProcess {
    /// The port a `serve` instance logged (`port=N`), waiting up to `seconds`. The log is read once more
    /// after the deadline: on a loaded machine the sleeping task can be woken only after the deadline has
    /// passed (the full suite keeps the cooperative pool busy), and the port is usually there by then.
    static func loggedPort(_ log: String, seconds: Double = 120) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"port=(\d+)"#, options: .regularExpression),
                let port = Int(text[range].dropFirst("port=".count))
            {
                return port
            }
            if ContinuousClock.now >= deadline {
                throw HTTPTestClient.ClientError("no port in \(log) after \(seconds) s; it holds: \(text.suffix(500))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until `path` on `port` answers 200.
    static func waitFor(_ path: String, port: Int, seconds: Double = 120) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            if let reply = try? await HTTPTestClient(port: port).request("GET", path), reply.status == 200 { return }
            if ContinuousClock.now >= deadline {
                throw HTTPTestClient.ClientError("\(path) on port \(port) never answered 200")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The resident set size of process `pid` (this process when `nil`), in bytes (Linux), or `nil`.
    static func residentBytes(of pid: Int32? = nil) -> Int? {
        let path = pid.map { "/proc/\($0)/statm" } ?? "/proc/self/statm"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
