/// One logged status: code, the JUMBF URL it concerns, and an explanation.
public struct StatusEntry: Sendable, Hashable, Codable {
    /// The status code.
    public let code: StatusCode
    /// The JUMBF URL of the item concerned, if any.
    public let url: String?
    /// A human-readable explanation.
    public let explanation: String
}

/// Success, informational and failure status lists.
public struct StatusLog: Sendable, Hashable, Codable {
    /// Success codes.
    public var success: [StatusEntry] = []
    /// Informational codes.
    public var informational: [StatusEntry] = []
    /// Failure codes.
    public var failure: [StatusEntry] = []

    /// An empty log.
    public init() {}

    /// Records a success.
    public mutating func success(_ code: StatusCode, url: String?, _ explanation: String) {
        success.append(StatusEntry(code: code, url: url, explanation: explanation))
    }

    /// Records an informational status.
    public mutating func info(_ code: StatusCode, url: String?, _ explanation: String) {
        informational.append(StatusEntry(code: code, url: url, explanation: explanation))
    }

    /// Records a failure.
    public mutating func failure(_ code: StatusCode, url: String?, _ explanation: String) {
        failure.append(StatusEntry(code: code, url: url, explanation: explanation))
    }

    /// Appends another log.
    public mutating func merge(_ other: StatusLog) {
        success += other.success
        informational += other.informational
        failure += other.failure
    }

    /// Unique codes of a list, in first-seen order.
    static func codes(_ entries: [StatusEntry]) -> [String] {
        var seen: Set<String> = []
        return entries.compactMap { seen.insert($0.code.rawValue).inserted ? $0.code.rawValue : nil }
    }
}
