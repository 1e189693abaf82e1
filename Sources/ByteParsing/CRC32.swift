/// The CRC-32 used by PNG and zlib (ISO 3309, polynomial 0xEDB88320, reflected).
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var value = UInt32(index)
        for _ in 0..<8 { value = (value & 1) != 0 ? (0xEDB8_8320 ^ (value >> 1)) : (value >> 1) }
        return value
    }

    /// Computes the CRC of `bytes`, continuing from `crc` (pass the result of a previous call to chain).
    public static func checksum<C: Collection>(_ bytes: C, continuing crc: UInt32 = 0) -> UInt32
    where C.Element == UInt8 {
        if let fast = bytes.withContiguousStorageIfAvailable({ buffer in update(~crc, buffer) }) {
            return ~fast
        }
        return ~update(~crc, Array(bytes))
    }

    /// Computes the CRC of a contiguous slice (the common case, kept non-generic so it is fast in debug builds).
    public static func checksum(_ bytes: ArraySlice<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        ~bytes.withUnsafeBufferPointer { buffer in update(~crc, buffer) }
    }

    private static func update(_ start: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        table.withUnsafeBufferPointer { table in
            var value = start
            for byte in buffer { value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8) }
            return value
        }
    }

    private static func update(_ start: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in update(start, buffer) }
    }
}
