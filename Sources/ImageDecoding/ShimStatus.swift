internal import CImageShims

/// Reads the C shims' results: status codes as ``DecodeError``, C strings, warnings and owned buffers.
enum ShimStatus {
    /// Converts a non-zero status and its message into an error. `dataEnd` is reported as the
    /// offset of truncation errors (the data ended there); `position`, how far the library had
    /// read, as the offset of corrupt-data errors.
    static func error(
        _ status: Int32, message: String, format: String, dataEnd: Int? = nil, position: Int? = nil,
        work: DecodeWork? = nil
    ) -> DecodeError {
        let text = message.isEmpty ? "unknown failure (status \(status))" : message
        switch status {
        case Int32(IMG_ERR_TRUNCATED):
            return DecodeError(.truncated, at: dataEnd, "\(format) data is truncated: \(text)", work: work)
        case Int32(IMG_ERR_CORRUPT):
            return DecodeError(.corrupt, at: position, "\(format) data is corrupt: \(text)", work: work)
        case Int32(IMG_ERR_UNSUPPORTED):
            return DecodeError(.unsupportedFormat, "\(format) feature not supported: \(text)", work: work)
        case Int32(IMG_ERR_LIMIT):
            return DecodeError(.limitExceeded, "\(format) exceeds a limit: \(text)", work: work)
        case Int32(IMG_ERR_MEMORY_BUDGET):
            return DecodeError(.memoryBudgetExceeded, at: position, "\(format): \(text)", work: work)
        case Int32(IMG_ERR_SCAN_BUDGET):
            return DecodeError(.scanBudgetExceeded, at: position, "\(format): \(text)", work: work)
        case Int32(IMG_ERR_TIME_BUDGET):
            return DecodeError(.timeBudgetExceeded, "\(format): \(text)", work: work)
        case Int32(IMG_ERR_ARGUMENT):
            return DecodeError(.invalidArgument, "\(format): \(text)", work: work)
        default:
            return DecodeError(.libraryError, "\(format) library failure: \(text)", work: work)
        }
    }

    /// The C form of a budget; `scans` is the scan limit already scaled to the image (0 = none yet).
    static func budget(_ budget: DecodeBudget, memory: Int, scans: Int = 0) -> img_budget {
        img_budget(
            max_memory: UInt64(max(0, memory)), max_scans: Int32(clamping: max(0, scans)),
            max_trailing_bytes: UInt64(max(0, budget.maxTrailingImageDataBytes)))
    }

    /// Work counters as reported by a shim.
    static func work(_ raw: img_work) -> DecodeWork {
        DecodeWork(
            bytesRead: Int(clamping: raw.bytes_read), trailingBytes: Int(clamping: raw.trailing_bytes),
            scans: Int(raw.scans), rows: Int(raw.rows), stoppedAfterLastRow: raw.stopped_early != 0,
            dataEnded: raw.data_ended != 0)
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
