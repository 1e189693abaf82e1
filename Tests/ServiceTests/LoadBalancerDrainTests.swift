import Foundation
import ProvenantTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A simulation of replicas behind a load balancer (docs/scale-out.md): two `provenant serve` processes
/// behind nginx (round robin on loopback, configuration generated here, nginx as a foreground child with
/// its own pid and log files). Requests flow through nginx while one instance gets SIGTERM; none may fail.
@Suite(.serialized) struct LoadBalancerDrainTests {
    static let nginx = BuiltTool.which("nginx")

    /// The nginx configuration: the two instances as one upstream, and the retry rules that make a
    /// replica's shutdown invisible to clients (explained in docs/scale-out.md).
    static func configuration(prefix: String, listen: Int, upstreams: [Int]) -> String {
        """
        daemon off;
        master_process off;
        pid \(prefix)/nginx.pid;
        error_log \(prefix)/error.log info;
        events { worker_connections 256; }
        http {
            log_format upstream '$status $upstream_addr $upstream_status';
            access_log \(prefix)/access.log upstream;
            client_body_temp_path \(prefix)/client_body;
            proxy_temp_path \(prefix)/proxy;
            fastcgi_temp_path \(prefix)/fastcgi;
            uwsgi_temp_path \(prefix)/uwsgi;
            scgi_temp_path \(prefix)/scgi;
            client_max_body_size 50m;
            upstream provenant {
        \(upstreams.map { "        server 127.0.0.1:\($0) max_fails=1 fail_timeout=10s;" }.joined(separator: "\n"))
            }
            server {
                listen 127.0.0.1:\(listen);
                location / {
                    proxy_pass http://provenant;
                    proxy_next_upstream error timeout http_502 http_503 non_idempotent;
                    proxy_next_upstream_tries 2;
                    proxy_connect_timeout 2s;
                    proxy_read_timeout 60s;
                }
            }
        }

        """
    }

    /// A TCP port that was free a moment ago (the kernel picks it; the socket is closed again).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { _ = Glibc.close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw HTTPTestClient.ClientError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test(
        .enabled(if: nginx != nil, "nginx is not installed (Debian package nginx): load-balanced drain not simulated"),
        .enabled(if: BuiltTool.provenant != nil, "the provenant executable was not built beside the tests"))
    func sigtermOnOneReplicaLosesNoRequest() async throws {
        let prefix = NSTemporaryDirectory() + "provenant-lb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: prefix) }

        var instances: [BuiltTool.Child] = []
        var ports: [Int] = []
        for index in 0..<2 {
            let log = prefix + "/serve-\(index).log"
            instances.append(
                try BuiltTool.Child(
                    ["serve", "--port", "0", "--concurrency", "1", "--deep", "never", "--log-level", "info"], stderr: log))
            ports.append(try await ServeProcess.loggedPort(log))
        }
        defer { for instance in instances where instance.process.isRunning { instance.signal(SIGKILL) } }
        for port in ports { try await ServeProcess.waitFor("/readyz", port: port) }

        let listen = try Self.freePort()
        let configuration = prefix + "/nginx.conf"
        try Self.configuration(prefix: prefix, listen: listen, upstreams: ports).write(toFile: configuration, atomically: true, encoding: .utf8)
        let nginx = try BuiltTool.Child(
            executable: Self.nginx ?? "nginx", ["-p", prefix, "-e", prefix + "/error.log", "-c", configuration], stderr: prefix + "/nginx.stderr")
        // SIGKILL, not SIGTERM: nginx inherits the test process's signal mask (Foundation's Process keeps it,
        // and Dispatch's threads block SIGTERM), and in single-process mode it never unblocks it, so a SIGTERM
        // stays pending and nginx outlives the test.
        defer { nginx.signal(SIGKILL) }
        try await ServeProcess.waitFor("/healthz", port: listen, seconds: 30)

        let image = try TestImages.jpeg(width: 64, height: 48, quality: 85)
        let balancer = HTTPTestClient(port: listen)
        let statuses = DrainStatuses()
        let replicas = instances
        let clients = 4
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while !statuses.stopped {
                        let status: Int
                        do {
                            status = try await balancer.request(
                                "POST", "/v1/check?deep=never", headers: ["Content-Type": "image/jpeg"], body: image
                            ).status
                        } catch {
                            status = -1  // no reply at all
                        }
                        statuses.record(status)
                    }
                }
            }
            group.addTask {
                // Let both replicas serve, stop one, then keep the traffic going on the other.
                while statuses.count < 24 { try await Task.sleep(for: .milliseconds(20)) }
                replicas[0].signal(SIGTERM)
                let ended = await replicas[0].wait()
                statuses.markStopped(exitStatus: ended.status, signalled: ended.signalled)
                let after = statuses.count
                while statuses.count < after + 24 { try await Task.sleep(for: .milliseconds(20)) }
                statuses.stop()
            }
            try await group.waitForAll()
        }

        let record = statuses.snapshot
        #expect(record.all.count >= 48)
        #expect(record.all.allSatisfy { $0 == 200 }, "statuses through nginx: \(Dictionary(grouping: record.all) { $0 }.mapValues(\.count))")
        #expect(record.exitStatus == 0 && record.signalled == false, "the stopped replica must drain and exit 0")
        #expect(record.all.count - record.countAtStop >= 24)
        // Both replicas served before the stop (round robin), and only the other one after it.
        let access = (try? String(contentsOfFile: prefix + "/access.log", encoding: .utf8)) ?? ""
        #expect(access.contains("127.0.0.1:\(ports[0])") && access.contains("127.0.0.1:\(ports[1])"))
    }
}

/// The statuses the clients got, shared between their tasks.
final class DrainStatuses: Sendable {
    struct Record: Sendable {
        var all: [Int] = []
        var stopped = false
        var countAtStop = 0
        var exitStatus: Int32 = -1
        var signalled = true
    }

    private let state = Mutex(Record())

    var count: Int { state.withLock { $0.all.count } }
    var stopped: Bool { state.withLock { $0.stopped } }
    var snapshot: Record { state.withLock { $0 } }

    func record(_ status: Int) { state.withLock { $0.all.append(status) } }
    func stop() { state.withLock { $0.stopped = true } }
    func markStopped(exitStatus: Int32, signalled: Bool) {
        state.withLock {
            $0.countAtStop = $0.all.count
            $0.exitStatus = exitStatus
            $0.signalled = signalled
        }
    }
}
