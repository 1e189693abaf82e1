/// The Adler-32 checksum that ends every zlib stream (RFC 1950, section 8.2).
public enum Adler32 {
    private static let modulus: UInt32 = 65_521
    /// The largest run that can be summed before the 32-bit accumulators must be reduced.
    private static let blockLength = 5_552

    /// Computes the Adler-32 checksum of `bytes`, continuing from `adler` (1 for a fresh checksum).
    public static func checksum(_ bytes: ArraySlice<UInt8>, continuing adler: UInt32 = 1) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var low = adler & 0xFFFF
            var high = adler >> 16
            var index = 0
            while index < buffer.count {
                let end = min(index + blockLength, buffer.count)
                while index < end {
                    low &+= UInt32(buffer[index])
                    high &+= low
                    index += 1
                }
                low %= modulus
                high %= modulus
            }
            return (high << 16) | low
        }
    }

    /// Computes the Adler-32 checksum of an array.
    public static func checksum(_ bytes: [UInt8], continuing adler: UInt32 = 1) -> UInt32 {
        checksum(bytes[...], continuing: adler)
    }
}
