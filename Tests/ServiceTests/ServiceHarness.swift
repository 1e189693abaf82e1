import Foundation
import Logging
import Provenant
import ServiceLifecycle
import Testing

@testable import ProvenantService

/// Starts a ``ProvenantServer`` on a free loopback port for one test and shuts it down gracefully after.
enum ServiceHarness {
    static let logger = Logger(label: "provenant.test") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `body` against a live server; waits for `/readyz` first unless `waitReady` is false.
    static func withServer(
        _ configuration: ServiceConfiguration = ServiceConfiguration(), waitReady: Bool = true,
        _ body: (HTTPTestClient, ProvenantServer, ServiceGroup) async throws -> Void
    ) async throws {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = try ProvenantServer(configuration: configuration, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [server], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw HTTPTestClient.ClientError("the server did not start") }
            let client = HTTPTestClient(port: port)
            if waitReady {
                var ready = false
                for _ in 0..<400 where !ready {
                    ready = (try? await client.request("GET", "/readyz").status) == 200
                    if !ready { try await Task.sleep(for: .milliseconds(25)) }
                }
                #expect(ready, "the server did not become ready")
            }
            do {
                try await body(client, server, group)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// A file under Samples/, or `nil` (with a printed skip) when absent.
    static func sample(_ relative: String) -> String? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipping: Samples/\(relative) not found")
            return nil
        }
        return url.path
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
