import Provenant

/// The library's contract encoder, named for the CLI.
enum ReportJSONBridge {
    static func line<T: Encodable>(_ value: T) throws -> String { try ReportJSON.line(value) }
    static func pretty<T: Encodable>(_ value: T) throws -> String { try ReportJSON.pretty(value) }
}
