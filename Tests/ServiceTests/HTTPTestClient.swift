import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 client over a POSIX socket to 127.0.0.1, so the tests exercise the real server
/// socket without another HTTP stack (and can stream bodies chunk by chunk, or stall mid-body).
struct HTTPTestClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body)) }
        func object() throws -> [String: Any] {
            guard let object = try json() as? [String: Any] else { throw ClientError("not a JSON object: \(text)") }
            return object
        }
    }

    struct ClientError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    let port: Int

    /// Sends a whole request and reads the whole reply, on a thread of its own (the blocking socket calls
    /// must not occupy Swift's cooperative pool, which the server in the same process needs).
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []
    ) async throws -> Reply {
        try await offThread { try requestBlocking(method, path, headers: headers, body: body) }
    }

    /// Sends a whole request and reads the whole reply (the connection is closed after it).
    func requestBlocking(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []
    ) throws -> Reply {
        let connection = try Connection(port: port)
        defer { connection.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if headers.keys.first(where: { $0.lowercased() == "content-length" }) == nil {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        try connection.send(Array(head.utf8) + body)
        return try connection.readReply()
    }

    /// One open connection.
    final class Connection: @unchecked Sendable {  // used by one thread at a time in the tests
        let socket: Int32

        init(port: Int) throws {
            #if canImport(Glibc)
                socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
                socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard socket >= 0 else { throw ClientError("socket() failed") }
            var timeout = timeval(tv_sec: 60, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                _ = Glibc.close(socket)
                throw ClientError("connect to port \(port) failed")
            }
        }

        /// Sends bytes; throws when the peer has closed the connection.
        func send(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { throw ClientError("send failed (errno \(errno))") }
                offset += sent
            }
        }

        /// Whether the server has sent something (or closed) and it can be read without blocking.
        var readable: Bool {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            return poll(&descriptor, 1, 0) > 0
        }

        /// Reads until the server closes, then parses status, headers and body (plain or chunked).
        func readReply() throws -> Reply {
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                data.append(contentsOf: buffer[0..<count])
                if let reply = try? Self.parse(data), reply.complete { return reply.reply }
            }
            guard let parsed = try? Self.parse(data) else { throw ClientError("no HTTP reply (\(data.count) bytes)") }
            return parsed.reply
        }

        static func parse(_ data: [UInt8]) throws -> (reply: Reply, complete: Bool) {
            let separator: [UInt8] = [13, 10, 13, 10]
            guard let end = (0..<max(0, data.count - 3)).first(where: { Array(data[$0..<($0 + 4)]) == separator }) else {
                throw ClientError("incomplete head")
            }
            let lines = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
            let statusParts = lines[0].split(separator: " ")
            guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientError("bad status line") }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            var body = Array(data[(end + 4)...])
            if let length = headers["content-length"].flatMap(Int.init) {
                let complete = body.count >= length
                body = Array(body.prefix(length))
                return (Reply(status: status, headers: headers, body: body), complete)
            }
            if headers["transfer-encoding"]?.lowercased() == "chunked" {
                var decoded: [UInt8] = []
                var position = 0
                while true {
                    guard let lineEnd = (position..<max(position, body.count - 1)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }),
                        let size = Int(String(decoding: body[position..<lineEnd], as: UTF8.self), radix: 16)
                    else { return (Reply(status: status, headers: headers, body: decoded), false) }
                    if size == 0 { return (Reply(status: status, headers: headers, body: decoded), true) }
                    let start = lineEnd + 2
                    guard body.count >= start + size + 2 else { return (Reply(status: status, headers: headers, body: decoded), false) }
                    decoded += body[start..<(start + size)]
                    position = start + size + 2
                }
            }
            return (Reply(status: status, headers: headers, body: body), false)
        }

        func close() { _ = Glibc.close(socket) }
    }
}

/// Runs blocking work on a new thread and waits for it without blocking the caller's thread.
func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// A multipart/form-data body with the given files in `file` fields.
func multipartBody(boundary: String, files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
    var body: [UInt8] = []
    for file in files {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file.bytes
        body += Array("\r\n".utf8)
    }
    body += Array("--\(boundary)--\r\n".utf8)
    return body
}
