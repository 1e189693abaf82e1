import Foundation

/// Reads a whole file once, refusing files larger than a limit before allocating.
enum FileReader {
    static func read(path: String, maxBytes: Int) throws(ReportError) -> [UInt8] {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw ReportError(code: "io.not_found", message: "no such file: \(path)")
            }
            if isDirectory.boolValue {
                throw ReportError(code: "io.is_directory", message: "\(path) is a directory")
            }
            throw ReportError(code: "io.unreadable", message: "cannot open \(path): \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        do {
            let size = try handle.seekToEnd()
            guard size <= UInt64(maxBytes) else {
                throw ReportError(
                    code: "limit.file_too_large", message: "\(path) is \(size) bytes; the limit is \(maxBytes)")
            }
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            guard data.count <= maxBytes else {
                throw ReportError(
                    code: "limit.file_too_large", message: "\(path) grew past the limit of \(maxBytes) bytes")
            }
            return [UInt8](data)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(code: "io.read_failed", message: "cannot read \(path): \(error.localizedDescription)")
        }
    }
}
