import Crypto
import Foundation
import X509

/// Builds minimal RFC 3161 time-stamp tokens (CMS SignedData over a TSTInfo, signed without signed
/// attributes) so tests can attach `sigTst2` time-stamps from authorities of their choosing.
enum TestTimeStamp {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        if content.count < 0x80 {
            length = [UInt8(content.count)]
        } else {
            var bytes: [UInt8] = []
            var remaining = content.count
            while remaining > 0 {
                bytes.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            length = [0x80 | UInt8(bytes.count)] + bytes
        }
        return [tag] + length + content
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }

    /// DER of a dotted OID with small arcs (each below 2^21).
    static func oid(_ arcs: [Int]) -> [UInt8] {
        var body: [UInt8] = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            body += chunk
        }
        return tlv(0x06, body)
    }

    /// `YYYYMMDDHHMMSSZ` for `time` (UTC), by civil-from-days arithmetic (no shared formatter state).
    static func generalizedTime(_ time: Date) -> String {
        let total = Int(time.timeIntervalSince1970)
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)\(two(month))\(two(day))\(two(secondOfDay / 3_600))\(two(secondOfDay / 60 % 60))\(two(secondOfDay % 60))Z"
    }

    /// A token asserting `time` over `imprintInput` (hashed with SHA-256), signed by `authority`.
    /// `contentType` is the encapsulated content type (id-ct-TSTInfo unless a test wants another).
    static func token(
        imprintInput: [UInt8], time: Date, authority: TestIssuer, contentType: [Int] = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
    ) throws -> [UInt8] {
        let sha256 = sequence(oid([2, 16, 840, 1, 101, 3, 4, 2, 1]))
        let tstInfo = sequence(
            tlv(0x02, [1]), oid([1, 2, 3, 4]),
            sequence(sha256, tlv(0x04, Array(SHA256.hash(data: imprintInput)))),
            tlv(0x02, [7]), tlv(0x18, Array(generalizedTime(time).utf8)))
        guard case .p256(let key) = authority.key else { throw CocoaError(.featureUnsupported) }
        // DER ECDSA signatures vary in length (70-72 bytes for P-256). The fixture builder sizes the
        // manifest store before the token exists, so a token of a different length would move the data
        // hash exclusion; signing is randomised, so re-sign until the signature has the maximum length.
        var signature = Array(try key.signature(for: SHA256.hash(data: tstInfo)).derRepresentation)
        var attempts = 1
        while signature.count != 72 && attempts < 512 {
            signature = Array(try key.signature(for: SHA256.hash(data: tstInfo)).derRepresentation)
            attempts += 1
        }
        let signerInfo = sequence(
            tlv(0x02, [1]), sequence(tlv(0x02, [1])), sha256, sequence(oid([1, 2, 840, 10045, 4, 3, 2])), tlv(0x04, signature))
        let signedData = sequence(
            tlv(0x02, [3]), tlv(0x31, sha256),
            sequence(oid(contentType), tlv(0xA0, tlv(0x04, tstInfo))),
            tlv(0xA0, try authority.certificate.derBytes), tlv(0x31, signerInfo))
        return sequence(oid([1, 2, 840, 113549, 1, 7, 2]), tlv(0xA0, signedData))
    }
}
