import ProvenantTestSupport
import ByteParsing
import Testing

@Suite("Checksums")
struct ChecksumTests {
    @Test("CRC-32 known answers")
    func crc32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        // PNG IEND chunk CRC.
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
        // Chaining equals one pass; slices keep their meaning.
        let data = Array("The quick brown fox".utf8)
        #expect(CRC32.checksum(data[4...], continuing: CRC32.checksum(data[..<4])) == CRC32.checksum(data))
        // The eight-byte path agrees with a bit-at-a-time reference at every length and alignment.
        var generator = SplitMix64(seed: 3)
        let random = (0..<300).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for start in 0..<9 {
            for end in stride(from: start, through: random.count, by: 7) {
                #expect(CRC32.checksum(random[start..<end]) == Self.bitwiseCRC(random[start..<end]))
            }
        }
        // The generic entry point (non-contiguous collection) agrees too.
        #expect(CRC32.checksum(random.lazy.map { $0 }) == Self.bitwiseCRC(random[...]))
    }

    static func bitwiseCRC(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test("Adler-32 known answers")
    func adler32() {
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([UInt8]()) == 1)
        // Long input exercises the modular reduction.
        let zeros = [UInt8](repeating: 0xFF, count: 100_000)
        var low: UInt32 = 1
        var high: UInt32 = 0
        for byte in zeros {
            low = (low + UInt32(byte)) % 65_521
            high = (high + low) % 65_521
        }
        #expect(Adler32.checksum(zeros) == high << 16 | low)
    }
}
