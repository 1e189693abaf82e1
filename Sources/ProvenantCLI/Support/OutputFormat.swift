import ArgumentParser

/// Output formats. `json` prints one indented object for one FILE and an array for several;
/// `jsonl` prints one compact object per line.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
    case jsonl
}

/// Output formats of `scan`.
enum ScanFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case jsonl
    case csv
}

/// Writes reports in the chosen JSON flavour.
enum JSONOutput {
    static func write<T: Encodable>(_ reports: [T], format: OutputFormat, console: any Console) throws {
        switch format {
        case .text:
            return
        case .jsonl:
            for report in reports { console.out(try ReportJSONBridge.line(report) + "\n") }
        case .json:
            if reports.count == 1, let only = reports.first {
                console.out(try ReportJSONBridge.pretty(only) + "\n")
            } else {
                console.out(try ReportJSONBridge.pretty(reports) + "\n")
            }
        }
    }
}
