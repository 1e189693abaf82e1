import ArgumentParser
import Provenant

/// One shard of a scan: `index` of `count` (0 ≤ index < count). A scan with a shard handles exactly the
/// inputs whose ``ShardKey`` hashes to `index` modulo `count`; the shards of one count partition the inputs.
struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    /// The shard's number, from 0.
    var index: Int
    /// How many shards the inputs are split into.
    var count: Int

    /// The most shards (a Kubernetes Indexed Job allows 100,000 completions).
    static let maxCount = 100_000

    /// The names of the environment variables that carry the shard index, in the order they are read.
    static let indexVariables = ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]
    /// The environment variable that carries the shard count when `--shard-count` is not given.
    static let countVariable = "PROVENANT_SHARD_COUNT"

    var description: String { "\(index)/\(count)" }

    /// Whether the input with key `key` belongs to this shard.
    func contains(key: String) -> Bool {
        ShardKey.fnv1a64(key.utf8) % UInt64(count) == UInt64(index)
    }

    /// Checks `index` and `count`; `source` names where they came from, for the message.
    init(index: Int, count: Int, source: String) throws(ReportError) {
        guard (1...Self.maxCount).contains(count) else {
            throw ReportError(code: "shard.count_invalid", message: "\(source): the shard count must be between 1 and \(Self.maxCount), not \(count)")
        }
        guard (0..<count).contains(index) else {
            throw ReportError(
                code: "shard.index_out_of_range", message: "\(source): the shard index must be between 0 and \(count - 1), not \(index)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (as `--shard` takes it).
    static func parse(_ text: String, source: String = "--shard") throws(ReportError) -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ReportError(code: "shard.invalid", message: "\(source): expected I/N (for example 3/8), not \(text)")
        }
        return try ShardSpec(index: index, count: count, source: source)
    }

    /// The shard named by the environment: the index from the first of ``indexVariables`` that is set,
    /// the count from `count` (`--shard-count`) or else ``countVariable``.
    static func fromEnvironment(_ environment: [String: String], count explicitCount: Int?) throws(ReportError) -> ShardSpec {
        guard let variable = indexVariables.first(where: { environment[$0] != nil }), let text = environment[variable] else {
            throw ReportError(
                code: "shard.index_missing",
                message: "--shard-from-env: none of \(indexVariables.joined(separator: ", ")) is set")
        }
        guard let index = Int(text.trimmingWhitespace()) else {
            throw ReportError(code: "shard.index_invalid", message: "\(variable) must be a whole number, not \(text)")
        }
        if let explicitCount { return try ShardSpec(index: index, count: explicitCount, source: "--shard-count") }
        guard let countText = environment[countVariable] else {
            throw ReportError(
                code: "shard.count_missing", message: "--shard-from-env needs --shard-count or \(countVariable)")
        }
        guard let count = Int(countText.trimmingWhitespace()) else {
            throw ReportError(code: "shard.count_invalid", message: "\(countVariable) must be a whole number, not \(countText)")
        }
        return try ShardSpec(index: index, count: count, source: "\(variable)/\(countVariable)")
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
