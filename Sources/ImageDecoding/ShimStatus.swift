internal import CImageShims

/// Maps the C shims' status codes to ``DecodeError``.
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
}
