import Foundation

/// Why a labelled data set could not be read.
public struct DatasetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable code (`not_found`, `malformed`, `empty`).
    public let code: String
    /// Line number in a CSV file (1-based), when known.
    public let line: Int?
    /// A human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(code: String, line: Int? = nil, _ message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    /// `code at line N: message`.
    public var description: String {
        if let line { return "\(code) at line \(line): \(message)" }
        return "\(code): \(message)"
    }
}

/// Reads labelled images from a labels CSV or from a pair of folders.
public enum LabeledDataset {
    /// Image file extensions picked up from folders (lowercased).
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "jpe", "jfif"]

    /// Reads a CSV with a header naming at least `file` and `label` (`real` or `ai`), and optionally
    /// `source` and `family`. Paths are relative to the CSV's directory unless absolute. A missing
    /// `source` falls back to the file's parent directory.
    public static func load(csvPath: String) throws(DatasetError) -> [LabeledImage] {
        guard let data = FileManager.default.contents(atPath: csvPath) else {
            throw DatasetError(code: "not_found", "cannot read \(csvPath)")
        }
        let root = (csvPath as NSString).deletingLastPathComponent
        return try parse(csv: String(decoding: data, as: UTF8.self), root: root)
    }

    /// Parses labels CSV text; relative paths are resolved against `root`.
    public static func parse(csv text: String, root: String) throws(DatasetError) -> [LabeledImage] {
        let rows = CSVReader.rows(text)
        guard let header = rows.first else { throw DatasetError(code: "empty", "labels CSV is empty") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let fileColumn = names.firstIndex(of: "file"), let labelColumn = names.firstIndex(of: "label") else {
            throw DatasetError(code: "malformed", line: 1, "header must name `file` and `label` columns")
        }
        let sourceColumn = names.firstIndex(of: "source")
        let familyColumn = names.firstIndex(of: "family")
        var result: [LabeledImage] = []
        for (offset, row) in rows.dropFirst().enumerated() {
            if row.count == 1 && row[0].isEmpty { continue }
            let line = offset + 2
            guard row.count > max(fileColumn, labelColumn) else {
                throw DatasetError(code: "malformed", line: line, "row has \(row.count) fields")
            }
            let label = row[labelColumn].trimmingCharacters(in: .whitespaces).lowercased()
            guard label == "ai" || label == "real" else {
                throw DatasetError(code: "malformed", line: line, "label must be `ai` or `real`, found `\(label)`")
            }
            let file = row[fileColumn]
            let path = file.hasPrefix("/") ? file : (root as NSString).appendingPathComponent(file)
            let parent = (file as NSString).deletingLastPathComponent
            let source = sourceColumn.flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil } ?? parent
            let family = familyColumn.flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil }
                ?? (label == "ai" ? "ai" : "real")
            result.append(LabeledImage(path: path, isAI: label == "ai", source: source, family: family))
        }
        guard !result.isEmpty else { throw DatasetError(code: "empty", "labels CSV has no rows") }
        return result
    }

    /// Collects images under a folder of real photos and a folder of AI images (recursively).
    /// The source of each image is its parent directory relative to the class folder (the class
    /// folder itself for files directly inside it); the family of AI images is the first
    /// sub-directory, or `ai`.
    public static func load(realDirectory: String, aiDirectory: String) throws(DatasetError) -> [LabeledImage] {
        let real = try scan(realDirectory, isAI: false)
        let ai = try scan(aiDirectory, isAI: true)
        guard !real.isEmpty, !ai.isEmpty else {
            throw DatasetError(code: "empty", "both folders must contain images (\(real.count) real, \(ai.count) AI)")
        }
        return real + ai
    }

    private static func scan(_ directory: String, isAI: Bool) throws(DatasetError) -> [LabeledImage] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw DatasetError(code: "not_found", "cannot list \(directory)")
        }
        var relativePaths: [String] = []
        while let item = enumerator.nextObject() as? String {
            let ext = (item as NSString).pathExtension.lowercased()
            if imageExtensions.contains(ext) { relativePaths.append(item) }
        }
        let prefix = isAI ? "ai" : "real"
        return relativePaths.sorted().map { relative in
            let parent = (relative as NSString).deletingLastPathComponent
            let components = relative.split(separator: "/")
            let family = isAI ? (components.count > 1 ? String(components[0]) : "ai") : "real"
            return LabeledImage(
                path: (directory as NSString).appendingPathComponent(relative), isAI: isAI,
                source: parent.isEmpty ? prefix : "\(prefix)/\(parent)", family: family)
        }
    }
}

/// A minimal RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF line ends).
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func nextScalar() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return iterator.next()
        }
        while let scalar = nextScalar() {
            if quoted {
                if scalar == "\"" {
                    if let following = iterator.next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            case "\r": continue
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
