import Foundation

/// Reads a scan output file line by line in fixed-size chunks, so a merge never holds a whole part.
struct PartLineReader {
    /// The longest line accepted (a report line is a few KiB; 64 MiB bounds a corrupt file).
    static let maxLineBytes = 64 << 20
    private static let chunkBytes = 1 << 20

    /// One line without its newline; `terminated` is false for a last line with no newline (cut off).
    struct Line {
        var text: String
        var terminated: Bool
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    let path: String

    init(path: String) throws(MergeError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw MergeError(code: "merge.part_unreadable", message: "cannot open \(path)")
        }
        self.handle = handle
        self.path = path
    }

    /// The next line, or `nil` at the end of the file.
    mutating func next() throws(MergeError) -> Line? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return Line(text: line, terminated: true)
            }
            if buffer.count - start > Self.maxLineBytes {
                throw MergeError(code: "merge.line_too_long", message: "\(path) has a line longer than \(Self.maxLineBytes) bytes")
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return Line(text: line, terminated: false)
            }
            buffer.removeFirst(start)
            start = 0
            do {
                let chunk = try handle.read(upToCount: Self.chunkBytes) ?? Data()
                if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
            } catch {
                throw MergeError(code: "merge.part_unreadable", message: "cannot read \(path): \(error)")
            }
        }
    }

    func close() { try? handle.close() }
}

/// Why a merge stopped: a part that cannot be read or holds a line that is not a scan result.
struct MergeError: Error, Sendable, CustomStringConvertible {
    /// A stable `merge.reason` code.
    var code: String
    /// A message for people.
    var message: String
    /// The 1-based line of the part where the problem is, when it is about one line.
    var line: Int?
    var description: String { "\(code): \(message)" }
}
