internal import CImageShims

/// Reads the C shims' results: status codes as ``DecodeError``, C strings, warnings and owned buffers.
enum ShimStatus {
    /// Converts a non-zero status and its message into an error. `dataEnd` is reported as the
    /// offset of truncation errors (the data ended there); `position`, how far the library had
    /// read, as the offset of corrupt-data errors.
    static func error(
        _ status: Int32, message: String, format: String, dataEnd: Int? = nil, position: Int? = nil
    ) -> DecodeError {
        let text = message.isEmpty ? "unknown failure (status \(status))" : message
        switch status {
        case Int32(IMG_ERR_TRUNCATED):
            return DecodeError(.truncated, at: dataEnd, "\(format) data is truncated: \(text)")
        case Int32(IMG_ERR_CORRUPT):
            return DecodeError(.corrupt, at: position, "\(format) data is corrupt: \(text)")
        case Int32(IMG_ERR_UNSUPPORTED):
            return DecodeError(.unsupportedFormat, "\(format) feature not supported: \(text)")
        case Int32(IMG_ERR_LIMIT):
            return DecodeError(.limitExceeded, "\(format) exceeds a limit: \(text)")
        case Int32(IMG_ERR_ARGUMENT):
            return DecodeError(.invalidArgument, "\(format): \(text)")
        default:
            return DecodeError(.libraryError, "\(format) library failure: \(text)")
        }
    }

    /// Reads a NUL-terminated C string the shims own, or "" for nil.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// A decoder's warnings as reported to callers: the first warning's text, then how many more
    /// there were (the shims keep only the first message).
    static func warnings(count: Int32, first: UnsafePointer<CChar>?) -> [String] {
        guard count > 0 else { return [] }
        let text = string(first)
        return count == 1 ? [text] : [text, "\(count - 1) more warning(s)"]
    }

    /// Copies a byte buffer a shim owns (an ICC profile): `size` bytes through `copy(out, capacity)`,
    /// which returns how many it wrote; nil when the buffer is empty.
    static func bytes(size: Int, copy: (UnsafeMutablePointer<UInt8>?, Int) -> Int) -> [UInt8]? {
        guard size > 0 else { return nil }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = min(copy(buffer.baseAddress, size), size)
        }
    }
}
