import C2PA
import Crypto
import Foundation
import Testing

/// The data hash excludes the manifest store's byte span. If anything other than the store's own
/// APP11 segments sits inside that span, it is covered by no hash: merging two APP11 packets frees
/// their per-packet overhead, and a segment of exactly that size (a comment here; a quantization
/// table would change the pixels) fits in between without changing the span.
@Suite("Segments injected inside the manifest store's span")
struct SpanInjectionTests {
    /// The APP11 segments right after SOI, as byte ranges.
    static func app11Segments(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var position = 2
        while position + 4 <= bytes.count, bytes[position] == 0xFF, bytes[position + 1] == 0xEB {
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            ranges.append(position..<(position + 2 + length))
            position += 2 + length
        }
        return ranges
    }

    @Test("two packets merged and a comment injected in the freed bytes: the data hash no longer matches")
    func shrinkAndInject() throws {
        let pki = try TestPKI()
        let key = TestKey.p256(P256.Signing.PrivateKey())
        var builder = FixtureBuilder(key: key, chain: [try pki.leaf(for: key)])
        builder.segmentSize = 300
        let original = try builder.jpeg()
        #expect(C2PAVerifier().verify(original).state == .valid)
        let segments = Self.app11Segments(original)
        try #require(segments.count >= 3)
        let first = Array(original[segments[0]])
        let second = Array(original[segments[1]])
        // Continuation payload: "JP", instance, sequence (8 bytes), then the repeated 8-byte box header.
        let mergedPayload = Array(first.dropFirst(4)) + Array(second.dropFirst(4 + 8 + 8))
        let mergedLength = mergedPayload.count + 2
        let merged: [UInt8] = [0xFF, 0xEB, UInt8(mergedLength >> 8), UInt8(mergedLength & 0xFF)] + mergedPayload
        let freed = first.count + second.count - merged.count
        let comment: [UInt8] = [0xFF, 0xFE, 0x00, UInt8(freed - 2)] + [UInt8](repeating: 0x41, count: freed - 4)
        let forged = Array(original[..<segments[0].lowerBound]) + merged + comment + Array(original[segments[1].upperBound...])
        #expect(forged.count == original.count)
        let result = C2PAVerifier().verify(forged)
        #expect(result.state == .invalid)
        #expect(result.failures.contains("assertion.dataHash.mismatch"))
    }
}
