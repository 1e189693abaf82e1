import Foundation

/// Encodes and decodes reports in their JSON contract form.
///
/// Keys are written in sorted order and no key is ever omitted: absent values are `null`.
/// The output is therefore identical, byte for byte, for identical reports.
public enum ReportJSON {
    /// Encodes a report on one line (JSON Lines), without a trailing newline.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Encodes a report indented for people, without a trailing newline.
    public static func pretty<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a report from JSON text.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
