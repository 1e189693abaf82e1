import Foundation

/// Locates the team's shared development data (`../shared` next to the package root).
enum SignalsSharedData {
    /// The `shared` directory, or `nil` when it is absent (tests then skip with a message).
    static func directory(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    /// The bytes of a file under the shared directory.
    static func bytes(_ relativePath: String, in shared: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: shared.appendingPathComponent(relativePath)))
    }

    /// The rows of a CSV file with a header line, as dictionaries (double-quoted fields supported).
    static func csvRows(_ text: String) -> [[String: String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(field)
                field = ""
                rows.append(row)
                row = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { values in
            var dictionary: [String: String] = [:]
            for (index, name) in header.enumerated() where index < values.count { dictionary[name] = values[index] }
            return dictionary
        }
    }
}
