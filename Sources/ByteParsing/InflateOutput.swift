/// The inflater's output buffer: grows geometrically up to a hard cap and copies back-references
/// through a raw buffer so debug builds stay fast. Callers check the cap before writing.
struct InflateOutput {
    private var storage: [UInt8]
    private(set) var count = 0
    private let limit: Int

    /// Creates an empty buffer that will never grow beyond `limit` bytes.
    init(limit: Int, expected: Int) {
        self.limit = max(limit, 0)
        storage = [UInt8](repeating: 0, count: min(self.limit, max(expected, 1024)))
    }

    private mutating func reserve(_ extra: Int) {
        let needed = count + extra
        guard needed > storage.count else { return }
        let grown = min(limit, max(needed, storage.count * 2))
        storage.append(contentsOf: [UInt8](repeating: 0, count: grown - storage.count))
    }

    /// Appends one byte (the caller has checked `count < limit`).
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    /// Appends a run of bytes (the caller has checked the cap).
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        reserve(bytes.count)
        storage.replaceSubrange(count..<(count + bytes.count), with: bytes)
        count += bytes.count
    }

    /// Appends `length` bytes copied from `distance` bytes back (1 ≤ distance ≤ count, checked by the caller).
    mutating func copy(length: Int, distance: Int) {
        reserve(length)
        let start = count
        storage.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            // The output is periodic with period `distance` from `start - distance` on, so the run is
            // written as non-overlapping block copies of doubling size (multiples of `distance`).
            let source = base + (start - distance)
            var copied = 0
            while copied < length {
                let chunk = min(length - copied, copied + distance)
                (base + start + copied).copyMemory(from: source, byteCount: chunk)
                copied += chunk
            }
        }
        count += length
    }

    /// The bytes written, trimmed to ``count``.
    mutating func finish() -> [UInt8] {
        storage.removeSubrange(count...)
        return storage
    }
}
