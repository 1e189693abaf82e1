import Foundation
import Provenant

/// A list of input paths (`--files-from`): one path per line, or NUL-separated (as `find -print0` writes)
/// when the list contains a NUL byte. Empty lines are ignored; a trailing `\r` is removed from each line.
///
/// One reader for every command that takes a list, so sharding (`--shard`) can split the same sequence.
enum InputList {
    /// The largest list read (64 MiB).
    static let maxBytes = 64 << 20

    /// Reads the list at `source` (`-` for standard input).
    static func read(_ source: String) throws(ReportError) -> [String] {
        let bytes: [UInt8]
        do {
            bytes = try source == "-"
                ? FileReader.readStandardInput(maxBytes: maxBytes)
                : FileReader.read(path: source, maxBytes: maxBytes)
        } catch {
            throw ReportError(code: "input.list_unreadable", message: "cannot read the --files-from list: \(error.message)")
        }
        return parse(bytes)
    }

    /// Splits list bytes into paths.
    static func parse(_ bytes: [UInt8]) -> [String] {
        let separator: UInt8 = bytes.contains(0) ? 0 : 0x0A
        return bytes.split(separator: separator, omittingEmptySubsequences: true).compactMap { line in
            var text = String(decoding: line, as: UTF8.self)
            if separator == 0x0A, text.hasSuffix("\r") { text.removeLast() }
            return text.isEmpty ? nil : text
        }
    }
}
