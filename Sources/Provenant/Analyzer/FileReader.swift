import Foundation

/// Reads a whole file once, refusing files larger than a limit before allocating.
///
/// Directories are refused with `io.is_directory`. Regular files are sized first; pipes, FIFOs and
/// character devices (`/dev/stdin`, `<(…)`) are read in chunks until the limit.
public enum FileReader {
    /// Reads the file at `path` (at most `maxBytes`); throws `io.*` or `limit.file_too_large`.
    public static func read(path: String, maxBytes: Int) throws(ReportError) -> [UInt8] {
        let type: FileAttributeType?
        do {
            type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw ReportError(code: "io.not_found", message: "no such file: \(path)")
            }
            throw ReportError(code: "io.unreadable", message: "cannot open \(path): \(Self.reason(error))")
        }
        if type == .typeDirectory {
            throw ReportError(code: "io.is_directory", message: "\(path) is a directory")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw ReportError(code: "io.unreadable", message: "cannot open \(path): \(Self.reason(error))")
        }
        defer { try? handle.close() }
        if type == .typeRegular {
            return try readRegular(handle, path: path, maxBytes: maxBytes)
        }
        return try readStream(handle, name: path, maxBytes: maxBytes)
    }

    /// Reads a stream (standard input, a pipe) up to `maxBytes`, refusing anything longer.
    public static func readStream(_ handle: FileHandle, name: String, maxBytes: Int) throws(ReportError) -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            while true {
                guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
                guard bytes.count + chunk.count <= maxBytes else {
                    throw ReportError(
                        code: "limit.file_too_large", message: "\(name) is longer than the limit of \(maxBytes) bytes")
                }
                bytes += chunk
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(code: "io.read_failed", message: "cannot read \(name): \(Self.reason(error))")
        }
        return bytes
    }

    /// Reads standard input (at most `maxBytes`).
    public static func readStandardInput(maxBytes: Int) throws(ReportError) -> [UInt8] {
        try readStream(FileHandle.standardInput, name: "standard input", maxBytes: maxBytes)
    }

    private static func readRegular(_ handle: FileHandle, path: String, maxBytes: Int) throws(ReportError) -> [UInt8] {
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
            throw ReportError(code: "io.read_failed", message: "cannot read \(path): \(Self.reason(error))")
        }
    }

    /// The operating system's reason (errno text) rather than a Foundation domain message.
    public static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain, let text = strerror(Int32(posix.code)) {
            return String(cString: text)
        }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain, let text = strerror(Int32(nsError.code)) { return String(cString: text) }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError { return "permission denied" }
        return nsError.localizedDescription
    }
}
