/// The CRC-32 used by PNG and zlib (ISO 3309, polynomial 0xEDB88320, reflected).
///
/// Computed eight bytes at a time with the slicing-by-8 method (eight derived 256-entry tables).
public enum CRC32 {
    /// Table k (entries k*256 ..< (k+1)*256) gives the CRC contribution of a byte followed by k zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = (value & 1) != 0 ? (0xEDB8_8320 ^ (value >> 1)) : (value >> 1) }
            tables[index] = value
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// Computes the CRC of `bytes`, continuing from `crc` (pass the result of a previous call to chain).
    public static func checksum<C: Collection>(_ bytes: C, continuing crc: UInt32 = 0) -> UInt32
    where C.Element == UInt8 {
        if let fast = bytes.withContiguousStorageIfAvailable({ buffer in update(~crc, buffer) }) {
            return ~fast
        }
        return ~Array(bytes).withUnsafeBufferPointer { buffer in update(~crc, buffer) }
    }

    /// Computes the CRC of a contiguous slice (the common case, kept non-generic so it is fast in debug builds).
    public static func checksum(_ bytes: ArraySlice<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        ~bytes.withUnsafeBufferPointer { buffer in update(~crc, buffer) }
    }

    private static func update(_ start: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var value = start
            var index = 0
            let count = buffer.count
            while index + 8 <= count {
                let low = value ^ (UInt32(buffer[index]) | UInt32(buffer[index + 1]) << 8
                    | UInt32(buffer[index + 2]) << 16 | UInt32(buffer[index + 3]) << 24)
                let high = UInt32(buffer[index + 4]) | UInt32(buffer[index + 5]) << 8
                    | UInt32(buffer[index + 6]) << 16 | UInt32(buffer[index + 7]) << 24
                value = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                index += 8
            }
            while index < count {
                value = table[Int((value ^ UInt32(buffer[index])) & 0xFF)] ^ (value >> 8)
                index += 1
            }
            return value
        }
    }
}
