import Foundation
import Provenant

/// A list of input paths (`--files-from`): one path per line, or NUL-separated (as `find -print0` writes)
/// when the first MiB of the list contains a NUL byte. Empty lines are ignored; a trailing `\r` is removed
/// from each line; a line that starts with `{` is an NDJSON record whose `path` field is the path.
///
/// The list is read as a stream in 1 MiB chunks. A filter (`keep`) drops paths as they are read, so a
/// shard reading the list of a whole bucket holds only its own share: the limit applies to the paths
/// kept, not to the list's size. One reader for every command that takes a list.
enum InputList {
    /// The most bytes of paths kept from one list (64 MiB).
    static let maxBytes = 64 << 20
    private static let chunkBytes = 1 << 20

    /// Reads the list at `source` (`-` for standard input), keeping the paths `keep` accepts, at most
    /// `maxBytes` of them.
    ///
    /// - Throws: `input.list_unreadable` when the list cannot be read or keeps more than `maxBytes`;
    ///   `input.list_invalid` for an NDJSON line without a `path` string.
    static func read(
        _ source: String, maxBytes: Int = maxBytes, option: String = "--files-from", keep: (String) -> Bool = { _ in true }
    ) throws(ReportError) -> [String] {
        let handle: FileHandle
        if source == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let file = FileHandle(forReadingAtPath: source) else {
                let reason = FileManager.default.fileExists(atPath: source) ? "permission denied" : "no such file"
                throw ReportError(code: "input.list_unreadable", message: "cannot read the \(option) list \(source): \(reason)")
            }
            handle = file
        }
        defer { if source != "-" { try? handle.close() } }
        var splitter = Splitter(option: option)
        var paths: [String] = []
        var keptBytes = 0
        func take(_ line: ArraySlice<UInt8>) throws(ReportError) {
            guard let path = try splitter.path(of: line), keep(path) else { return }
            keptBytes += path.utf8.count
            guard keptBytes <= maxBytes else {
                throw ReportError(
                    code: "input.list_unreadable", message: "the \(option) list keeps more than \(maxBytes) bytes of paths")
            }
            paths.append(path)
        }
        var pending: [UInt8] = []
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkBytes) ?? Data()
            } catch {
                throw ReportError(code: "input.list_unreadable", message: "cannot read the \(option) list: \(FileReader.reason(error))")
            }
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            if splitter.separator == nil { splitter.separator = pending.contains(0) ? 0 : 0x0A }
            guard let separator = splitter.separator, let last = pending.lastIndex(of: separator) else { continue }
            for line in pending[..<last].split(separator: separator, omittingEmptySubsequences: false) { try take(line) }
            pending.removeSubrange(...last)
            guard pending.count <= PartLineReader.maxLineBytes else {
                throw ReportError(code: "input.list_invalid", message: "the \(option) list has a line longer than \(PartLineReader.maxLineBytes) bytes")
            }
        }
        if !pending.isEmpty { try take(pending[...]) }
        return paths
    }

    /// Splits list bytes held in memory into paths (as ``read(_:maxBytes:option:keep:)`` does).
    static func parse(_ bytes: [UInt8]) throws(ReportError) -> [String] {
        var splitter = Splitter(option: "--files-from")
        splitter.separator = bytes.contains(0) ? 0 : 0x0A
        var paths: [String] = []
        for line in bytes.split(separator: splitter.separator ?? 0x0A, omittingEmptySubsequences: false) {
            if let path = try splitter.path(of: line) { paths.append(path) }
        }
        return paths
    }

    /// Turns one line into a path, counting lines for error messages.
    private struct Splitter {
        let option: String
        /// NUL or line feed, decided from the first chunk.
        var separator: UInt8?
        var lineNumber = 0

        mutating func path(of line: ArraySlice<UInt8>) throws(ReportError) -> String? {
            lineNumber += 1
            var text = String(decoding: line, as: UTF8.self)
            if separator == 0x0A, text.hasSuffix("\r") { text.removeLast() }
            if text.isEmpty { return nil }
            guard separator == 0x0A, text.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("{") else { return text }
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            guard let object else {
                throw ReportError(code: "input.list_invalid", message: "\(option) line \(lineNumber) starts with { but is not a JSON object")
            }
            guard let path = object["path"] as? String, !path.isEmpty else {
                throw ReportError(code: "input.list_invalid", message: "\(option) line \(lineNumber) has no \"path\" string")
            }
            return path
        }
    }
}
