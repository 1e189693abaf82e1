import Foundation
import ProvenantTestSupport
import Synchronization
import Testing

@testable import ProvenantService

/// A client that disconnects while its request waits in the queue or is being analysed gives its place up.
@Suite(.serialized) struct ClientDepartureTests {
    /// Polls `condition` every 5 ms for up to 10 s.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<2000 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return try await condition()
    }

    /// The value of an unlabelled gauge or counter in Prometheus text.
    static func value(_ metrics: String, _ name: String) -> Double? {
        metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
    }

    @Test func queuedRequestOfADisconnectedClientLeavesTheQueue() async throws {
        let configuration = ServiceConfiguration(concurrency: 1, queueDepth: 1, timeoutSeconds: 60)
        try await ServiceHarness.withServer(configuration) { client, server, _ in
            let release = Mutex(false)
            let blocker = Task {
                try await server.workers.run {
                    while !release.withLock({ $0 }) { usleep(5_000) }
                    return 0
                }
            }
            #expect(try await Self.eventually { server.workers.load.running == 1 })
            let jpeg = try TestImages.jpeg()
            // A client sends a whole request, waits in the queue, then hangs up.
            let connection = try HTTPTestClient.Connection(port: client.port)
            try connection.send(
                Array("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: \(jpeg.count)\r\n\r\n".utf8) + jpeg)
            #expect(try await Self.eventually { server.workers.load.waiting == 1 })
            let before = try await client.request("GET", "/metrics").text
            #expect(Self.value(before, "provenant_requests_queued") == 1)
            #expect(Self.value(before, "provenant_requests_in_flight") == 1)
            connection.close()
            // Its place is free while the worker is still busy; the metrics say so and count a 499.
            #expect(try await Self.eventually { server.workers.load.waiting == 0 })
            #expect(server.workers.load.running == 1)
            var after = ""
            #expect(
                try await Self.eventually {
                    after = try await client.request("GET", "/metrics").text
                    return after.contains(#"provenant_http_requests_total{route="/v1/check",status="499"} 1"#)
                })
            #expect(Self.value(after, "provenant_requests_queued") == 0)
            // The freed place takes the next request (no 429), which is then served.
            let next = Task { try await client.request("POST", "/v1/check?deep=never", body: jpeg) }
            #expect(try await Self.eventually { server.workers.load.waiting == 1 })
            release.withLock { $0 = true }
            #expect(try await next.value.status == 200)
            #expect(try await blocker.value == 0)
            #expect(try await Self.eventually { server.workers.load.running == 0 && server.workers.load.waiting == 0 })
            let idle = try await client.request("GET", "/metrics").text
            #expect(Self.value(idle, "provenant_requests_queued") == 0)
            #expect(Self.value(idle, "provenant_requests_in_flight") == 0)
            #expect(idle.contains(#"provenant_http_requests_total{route="/v1/check",status="200"} 1"#))
            // Every connection has closed: no watch is left behind.
            #expect(try await Self.eventually { server.departures.count == 0 })
        }
    }

    @Test func departedClientsAreAnsweredAtOnceAndTheirWorkSkipped() async throws {
        let pool = WorkerPool(concurrency: 1, queueDepth: 2, timeoutSeconds: 60, metrics: ServiceMetrics())
        let state = WorkState()
        let inFlight = ClientDeparture()
        let running = Task {
            try await pool.run(until: inFlight) {
                state.started.withLock { $0 += 1 }
                while !state.release.withLock({ $0 }) { usleep(5_000) }
                return 1
            }
        }
        #expect(try await Self.eventually { state.started.withLock { $0 } == 1 })
        let queuedDeparture = ClientDeparture()
        let queued = Task {
            try await pool.run(until: queuedDeparture) {
                state.started.withLock { $0 += 1 }
                return 2
            }
        }
        #expect(try await Self.eventually { pool.load.waiting == 1 })
        // The client of the running analysis leaves: answered at once, the worker stays busy until done.
        inFlight.signal()
        await #expect(throws: ServiceError.clientGone) { try await running.value }
        #expect(pool.load.running == 1)
        // The queued client leaves: out of the queue at once; its work never starts.
        queuedDeparture.signal()
        await #expect(throws: ServiceError.clientGone) { try await queued.value }
        #expect(pool.load.waiting == 0)
        state.release.withLock { $0 = true }
        #expect(try await Self.eventually { pool.load.running == 0 })
        #expect(state.started.withLock { $0 } == 1)
        // A client already gone takes no place at all.
        let gone = ClientDeparture()
        gone.signal()
        await #expect(throws: ServiceError.clientGone) { try await pool.run(until: gone) { 3 } }
        // A client that stays gets its answer, and leaves no observer behind (keep-alive connections
        // serve many requests with one departure).
        let staying = ClientDeparture()
        #expect(try await pool.run(until: staying) { 4 } == 4)
        #expect(try await pool.run(until: staying) { 5 } == 5)
        #expect(staying.observerCount == 0)
        #expect(inFlight.observerCount == 0 && queuedDeparture.observerCount == 0)
        #expect(pool.load.running == 0 && pool.load.waiting == 0)
        try await pool.shutdown()
    }
}

/// What the pool test's work closures share: when to finish, and how many started.
private final class WorkState: Sendable {
    let release = Mutex(false)
    let started = Mutex(0)
}
