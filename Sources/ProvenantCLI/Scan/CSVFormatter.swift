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
            watermark.map { $0.detected == nil ? "not_checked" : $0.detected == true ? $0.name : "none" } ?? "",
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

    /// The fields of one CSV line (RFC 4180 quoting), or `nil` when a quoted field is not closed.
    static func fields(of line: String) -> [String]? {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if quoted {
                if character == "\"" {
                    if next < line.endIndex, line[next] == "\"" {
                        field.append("\"")
                        index = line.index(after: next)
                        continue
                    }
                    quoted = false
                } else {
                    field.append(character)
                }
            } else if character == "\"", field.isEmpty {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            index = next
        }
        if quoted { return nil }
        fields.append(field)
        return fields
    }

    /// The report fields a CSV row keeps (path, probability, verdict, error code and message), for `--resume`.
    static func report(fromRow line: String) -> AnalysisReport? {
        guard let fields = fields(of: line), fields.count == header.split(separator: ",").count else { return nil }
        var report = AnalysisReport(path: fields[0])
        report.aiProbability = Double(fields[1])
        report.verdict = Verdict(rawValue: fields[2])
        if !fields[8].isEmpty { report.error = ReportError(code: fields[8], message: fields[9]) }
        return report
    }
}

extension CSVFormatter {
    /// The first field of a CSV line (unquoting it), or `nil` when the line is malformed.
    static func firstField(of line: String) -> String? { fields(of: line)?.first }
}
