/// Encodes ``CBORValue``s in the preferred (shortest) serialization of RFC 8949 §4.1.
///
/// Used to build the COSE `Sig_structure`; maps are written in the order given.
public enum CBOREncoder {
    /// Returns the encoding of `value`.
    public static func encode(_ value: CBORValue) -> [UInt8] {
        var output: [UInt8] = []
        append(value, to: &output, depth: 0)
        return output
    }

    private static func head(_ major: UInt8, _ argument: UInt64, to output: inout [UInt8]) {
        let prefix = major << 5
        switch argument {
        case 0..<24: output.append(prefix | UInt8(argument))
        case 24...0xFF:
            output.append(prefix | 24)
            output.append(UInt8(argument))
        case 0x100...0xFFFF:
            output.append(prefix | 25)
            for shift in stride(from: 8, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: argument >> UInt64(shift))) }
        case 0x1_0000...0xFFFF_FFFF:
            output.append(prefix | 26)
            for shift in stride(from: 24, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: argument >> UInt64(shift))) }
        default:
            output.append(prefix | 27)
            for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: argument >> UInt64(shift))) }
        }
    }

    private static func append(_ value: CBORValue, to output: inout [UInt8], depth: Int) {
        // Values built in memory are finite trees; the guard only stops pathological inputs.
        guard depth < 1_000 else { return }
        switch value {
        case .unsigned(let number): head(0, number, to: &output)
        case .negative(let number): head(1, number, to: &output)
        case .bytes(let bytes):
            head(2, UInt64(bytes.count), to: &output)
            output.append(contentsOf: bytes)
        case .text(let text):
            let utf8 = Array(text.utf8)
            head(3, UInt64(utf8.count), to: &output)
            output.append(contentsOf: utf8)
        case .array(let items):
            head(4, UInt64(items.count), to: &output)
            for item in items { append(item, to: &output, depth: depth + 1) }
        case .map(let entries):
            head(5, UInt64(entries.count), to: &output)
            for entry in entries {
                append(entry.key, to: &output, depth: depth + 1)
                append(entry.value, to: &output, depth: depth + 1)
            }
        case .tagged(let tag, let inner):
            head(6, tag, to: &output)
            append(inner, to: &output, depth: depth + 1)
        case .bool(let flag): output.append(flag ? 0xF5 : 0xF4)
        case .null: output.append(0xF6)
        case .undefined: output.append(0xF7)
        case .simple(let simple):
            if simple < 24 {
                output.append(0xE0 | simple)
            } else {
                output.append(0xF8)
                output.append(simple)
            }
        case .float(let number): appendFloat(number, to: &output)
        }
    }

    private static func appendFloat(_ number: Double, to output: inout [UInt8]) {
        if let half = halfBits(number) {
            output.append(0xF9)
            output.append(UInt8(half >> 8))
            output.append(UInt8(half & 0xFF))
            return
        }
        let single = Float(number)
        if Double(single) == number {
            output.append(0xFA)
            let bits = single.bitPattern
            for shift in stride(from: 24, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
            return
        }
        output.append(0xFB)
        let bits = number.bitPattern
        for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// The half-precision bit pattern of `number` when the conversion is exact.
    static func halfBits(_ number: Double) -> UInt16? {
        if number.isNaN { return 0x7E00 }
        if number.isInfinite { return number < 0 ? 0xFC00 : 0x7C00 }
        let sign: UInt16 = number.sign == .minus ? 0x8000 : 0
        let magnitude = abs(number)
        if magnitude == 0 { return sign }
        // Try every half exponent; exact match only.
        for exponent in -24...15 {
            let scaled = magnitude / Double(sign: .plus, exponent: exponent, significand: 1)
            guard scaled == scaled.rounded(), scaled < 2048 else { continue }
            let integer = Int(scaled)
            if exponent == -24 && integer < 1024 { return sign | UInt16(integer) }
            if integer >= 1024 && integer < 2048 {
                let biased = exponent + 10 + 15
                guard biased >= 1 && biased <= 30 else { continue }
                return sign | UInt16(biased) << 10 | UInt16(integer - 1024)
            }
        }
        return nil
    }
}
