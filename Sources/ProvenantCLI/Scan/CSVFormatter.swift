import Provenant

/// The scan CSV format: one header line, then one line per image.
enum CSVFormatter {
    static let header =
        "path,ai_probability,verdict,c2pa_state,digital_source_type,watermark,metadata,detector_probability,error_code,error_message"

    static func row(_ report: AnalysisReport) -> String {
        let watermark = report.signals.first { $0.kind == .watermark }
        let metadata = report.signals.filter { $0.kind == .metadata && $0.detected == true }.map(\.name)
        let detector = report.signals.first { $0.kind == .detector }
        let fields: [String] = [
            report.path,
            report.aiProbability.map { "\($0)" } ?? "",
            report.verdict?.rawValue ?? "",
            report.provenance?.c2pa.state.rawValue ?? "",
            report.provenance?.c2pa.digitalSourceType ?? "",
            watermark.map { $0.detected == true ? $0.name : "none" } ?? "",
            metadata.joined(separator: ";"),
            detector?.score.map { "\($0)" } ?? "",
            report.error?.code ?? "",
            report.error?.message ?? "",
        ]
        return fields.map(escape).joined(separator: ",")
    }

    /// Quotes a field when it holds a comma, quote or line break.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The first field of a CSV line (unquoting it), or `nil` when the line is malformed.
    static func firstField(of line: String) -> String? {
        guard line.first == "\"" else { return line.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) }
        var field = ""
        var index = line.index(after: line.startIndex)
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if character == "\"" {
                if next < line.endIndex, line[next] == "\"" {
                    field.append("\"")
                    index = line.index(after: next)
                    continue
                }
                return field
            }
            field.append(character)
            index = next
        }
        return nil
    }
}
