import Foundation
import Provenant
import ProvenantTestSupport
import Synchronization
import Testing

@testable import ProvenantService

/// Every error status, on a live server.
@Suite(.serialized) struct ServiceErrorTests {
    static func code(_ reply: HTTPTestClient.Reply) -> String? {
        ((try? reply.object())?["error"] as? [String: Any])?["code"] as? String
    }

    @Test func malformedRequestsAre400() async throws {
        try await ServiceHarness.withServer { client, _, _ in
            let jpeg = try TestImages.jpeg()
            let badDeep = try await client.request("POST", "/v1/check?deep=sometimes", body: jpeg)
            #expect(badDeep.status == 400)
            #expect(Self.code(badDeep) == "request.bad_parameter")
            #expect(try await client.request("POST", "/v1/check?detailed=maybe", body: jpeg).status == 400)
            #expect(Self.code(try await client.request("POST", "/v1/check", body: [])) == "request.empty")
            let noBoundary = try await client.request("POST", "/v1/check", headers: ["Content-Type": "multipart/form-data"], body: jpeg)
            #expect(Self.code(noBoundary) == "multipart.no_boundary")
            let broken = try await client.request(
                "POST", "/v1/check", headers: ["Content-Type": "multipart/form-data; boundary=xyz"], body: Array("--xyz\r\nno headers".utf8))
            #expect(broken.status == 400)
            #expect(Self.code(broken) == "multipart.malformed")
            let noFile = try await client.request(
                "POST", "/v1/check", headers: ["Content-Type": "multipart/form-data; boundary=xyz"],
                body: Array("--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--xyz--\r\n".utf8))
            #expect(Self.code(noFile) == "multipart.no_file")
            // Each of the three deep modes is accepted.
            for mode in ["auto", "always", "never"] {
                #expect(try await client.request("POST", "/v1/check?deep=\(mode)", body: jpeg).status == 200)
            }
        }
    }

    @Test func unsupportedMediaIs415FromTheBytesNotTheHeader() async throws {
        try await ServiceHarness.withServer { client, _, _ in
            let text = try await client.request("POST", "/v1/check", headers: ["Content-Type": "image/jpeg"], body: Array("hello, not an image".utf8))
            #expect(text.status == 415)
            #expect(Self.code(text) == "format.unknown")
            let gif = try await client.request("POST", "/v1/check", headers: ["Content-Type": "image/gif"], body: Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 64))
            #expect(gif.status == 415)
            #expect(Self.code(gif) == "format.unsupported")
            // An MP4 header with nothing behind it: accepted as video (not 415), then refused by the video
            // reader with a typed decode error.
            let mp4 = [0, 0, 0, 24] + Array("ftypmp42".utf8) + [0, 0, 0, 0] + Array("mp42isom".utf8) + [UInt8](repeating: 0, count: 64)
            let video = try await client.request("POST", "/v1/check", headers: ["Content-Type": "video/mp4"], body: mp4)
            #expect(video.status == 422)
            #expect(Self.code(video)?.hasPrefix("decode.") == true)
            // A real JPEG sent as text/plain is analysed: the bytes decide.
            #expect(try await client.request("POST", "/v1/check", headers: ["Content-Type": "text/plain"], body: try TestImages.jpeg()).status == 200)
        }
    }

    @Test func hostileFilesAre422WithTheTypedCode() async throws {
        try await ServiceHarness.withServer { client, _, _ in
            // A JPEG cut short after its headers.
            let jpeg = try TestImages.jpeg(width: 256, height: 256)
            let truncated = try await client.request("POST", "/v1/check", body: Array(jpeg.prefix(jpeg.count / 3)))
            #expect(truncated.status == 422)
            let code = Self.code(truncated) ?? ""
            #expect(!code.isEmpty && !code.hasPrefix("format."))
            // A PNG whose header claims 100000 × 100000 pixels (a decompression bomb) is refused, not decoded.
            var png = try TestImages.png()
            png.replaceSubrange(16..<24, with: [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0])
            let bomb = try await client.request("POST", "/v1/check", body: png)
            #expect(bomb.status == 422)
            #expect(try await client.request("GET", "/healthz").status == 200)
        }
    }

    /// Offers up to `offered` bytes as a chunked body in 64 KiB chunks, stopping when the server answers or
    /// closes; the reply and the bytes sent.
    static func offerChunked(port: Int, offered: Int) async throws -> (reply: HTTPTestClient.Reply, sent: Int) {
        try await offThread { () throws -> (HTTPTestClient.Reply, Int) in
            let streaming = try HTTPTestClient.Connection(port: port)
            defer { streaming.close() }
            try streaming.send(Array("POST /v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
            let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0xAB, count: 65536) + Array("\r\n".utf8)
            var sent = 0
            while sent < offered, !streaming.readable {
                do { try streaming.send(chunk) } catch { break }
                sent += 65536
            }
            return (try streaming.readReply(), sent)
        }
    }

    @Test func oversizedUploadsAre413WithoutReadingThem() async throws {
        let limit = 2 * 1024 * 1024
        try await ServiceHarness.withServer(ServiceConfiguration(maxUploadBytes: limit)) { client, _, _ in
            // Declared too large: refused before the body is read.
            let early = try await offThread {
                let declared = try HTTPTestClient.Connection(port: client.port)
                defer { declared.close() }
                try declared.send(Array("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n".utf8))
                return try declared.readReply()
            }
            #expect(early.status == 413)
            #expect(Self.code(early) == "limit.upload_too_large")

            // Chunked, no length: up to 256 MiB offered. The server must answer 413 once the limit is crossed
            // and close the connection (its memory is measured on a separate process in the next test).
            let offered = 256 * 1024 * 1024
            let (refused, sent) = try await Self.offerChunked(port: client.port, offered: offered)
            #expect(refused.status == 413)
            #expect(Self.code(refused) == "limit.upload_too_large")
            #expect(refused.headers["connection"] == "close")
            #expect(sent < offered / 4, "the server kept reading past the limit (\(sent) bytes)")
            #expect(try await client.request("GET", "/healthz").status == 200)
        }
    }

    /// The same chunked upload against `provenant serve --max-upload-mb 2` in its own process, whose
    /// resident memory is measured alone: it must not grow by anything like the 256 MiB offered.
    @Test(.enabled(if: BuiltTool.provenant != nil, "the provenant executable was not built beside the tests"))
    func oversizedUploadsDoNotGrowTheServerProcess() async throws {
        let log = NSTemporaryDirectory() + "provenant-upload-" + UUID().uuidString + ".log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let server = try BuiltTool.Child(
            ["serve", "--port", "0", "--max-upload-mb", "2", "--deep", "never", "--concurrency", "1", "--log-level", "info"], stderr: log)
        defer { if server.process.isRunning { server.signal(SIGKILL) } }
        let port = try await ServeProcess.loggedPort(log)
        try await ServeProcess.waitFor("/readyz", port: port)
        // One ordinary request first, so the service's buffers and pools exist before the baseline.
        #expect(try await HTTPTestClient(port: port).request("POST", "/v1/check", body: try TestImages.jpeg()).status == 200)

        let pid = server.process.processIdentifier
        let before = try #require(ServeProcess.residentBytes(of: pid))
        let offered = 256 * 1024 * 1024
        let (refused, sent) = try await Self.offerChunked(port: port, offered: offered)
        let after = try #require(ServeProcess.residentBytes(of: pid))
        #expect(refused.status == 413)
        #expect(sent < offered / 4, "the server kept reading past the limit (\(sent) bytes)")
        #expect(after - before < 32 * 1024 * 1024, "the server's RSS grew by \(after - before) bytes")
        #expect(try await HTTPTestClient(port: port).request("GET", "/healthz").status == 200)
    }

    @Test func apiKeyIsRequiredWhenConfigured() async throws {
        try await ServiceHarness.withServer(ServiceConfiguration(apiKey: "s3cret-token")) { client, _, _ in
            let jpeg = try TestImages.jpeg()
            let missing = try await client.request("POST", "/v1/check", body: jpeg)
            #expect(missing.status == 401)
            #expect(Self.code(missing) == "auth.required")
            #expect(try await client.request("POST", "/v1/check", headers: ["Authorization": "Bearer wrong-token"], body: jpeg).status == 401)
            #expect(try await client.request("POST", "/v1/check", headers: ["Authorization": "Bearer s3cret-token"], body: jpeg).status == 200)
            // The page and health routes stay open; the page shows the key field.
            #expect(try await client.request("GET", "/healthz").status == 200)
            #expect(try await client.request("GET", "/").text.contains(#"{"auth_required": true}"#))
            // CORS is off by default: no Access-Control headers.
            let preflight = try await client.request("OPTIONS", "/v1/check", headers: ["Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"])
            #expect(preflight.headers["access-control-allow-origin"] == nil)
        }
    }

    @Test func fullQueueIs429WithRetryAfterAndOverBudgetIs504() async throws {
        let configuration = ServiceConfiguration(concurrency: 1, queueDepth: 1, timeoutSeconds: 0.5)
        try await ServiceHarness.withServer(configuration) { client, server, _ in
            // Occupy the only worker until released.
            let release = Mutex(false)
            let blocker = Task {
                try await server.workers.run {
                    while !release.withLock({ $0 }) { usleep(5_000) }
                    return 0
                }
            }
            while server.workers.load.running == 0 { try await Task.sleep(for: .milliseconds(5)) }
            let jpeg = try TestImages.jpeg()
            // One request may wait in the queue; it times out there (504).
            let queued = Task { try await client.request("POST", "/v1/check", body: jpeg) }
            while server.workers.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
            // The queue is full: 429 at once, with Retry-After.
            let busy = try await client.request("POST", "/v1/check", body: jpeg)
            #expect(busy.status == 429)
            #expect(Self.code(busy) == "limit.busy")
            #expect(Int(busy.headers["retry-after"] ?? "") ?? 0 >= 1)
            let timedOut = try await queued.value
            #expect(timedOut.status == 504)
            #expect(Self.code(timedOut) == "limit.timeout")
            // The blocker itself ran past the budget: its caller got 504 while the worker kept it until done.
            await #expect(throws: ServiceError.timedOut(seconds: 0.5)) { try await blocker.value }
            #expect(server.workers.load.running == 1)
            release.withLock { $0 = true }
            while server.workers.load.running > 0 { try await Task.sleep(for: .milliseconds(5)) }
            // The service takes work again (the deep stage off, so the answer fits the 0.5 s budget).
            #expect(try await client.request("POST", "/v1/check?deep=never", body: jpeg).status == 200)
        }
    }

    @Test func notReadyIs503() async throws {
        var analysis = AnalyzerConfiguration()
        analysis.modelPath = "/nonexistent/model.json"
        try await ServiceHarness.withServer(ServiceConfiguration(analysis: analysis), waitReady: false) { client, _, _ in
            var ready = try await client.request("GET", "/readyz")
            for _ in 0..<50 where ready.status == 200 {
                try await Task.sleep(for: .milliseconds(20))
                ready = try await client.request("GET", "/readyz")
            }
            #expect(ready.status == 503)
            #expect(ready.headers["retry-after"] != nil)
            let check = try await client.request("POST", "/v1/check", body: try TestImages.jpeg())
            #expect(check.status == 503)
            #expect(Self.code(check) == "service.not_ready")
            #expect(try await client.request("GET", "/healthz").status == 200)
        }
    }

    /// SIGTERM's graceful shutdown: a request in progress finishes; the service then stops.
    @Test func gracefulShutdownFinishesRequestsInProgress() async throws {
        let jpeg = try TestImages.jpeg()
        try await ServiceHarness.withServer { client, _, group in
            let connection = try HTTPTestClient.Connection(port: client.port)
            defer { connection.close() }
            try connection.send(Array("POST /v1/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: \(jpeg.count)\r\n\r\n".utf8))
            try connection.send(Array(jpeg.prefix(100)))
            try await Task.sleep(for: .milliseconds(100))
            await group.triggerGracefulShutdown()
            try await Task.sleep(for: .milliseconds(100))
            try connection.send(Array(jpeg.dropFirst(100)))
            let reply = try await offThread { try connection.readReply() }
            #expect(reply.status == 200)
            #expect(try reply.object()["verdict"] != nil)
        }
    }
}
