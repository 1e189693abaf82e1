/// Estimates the IJG (libjpeg `-quality`) setting that produced a set of quantization tables.
public enum JPEGQuality {
    /// The IJG standard luminance table (ITU T.81 Table K.1), natural order.
    public static let standardLuminance: [UInt16] = [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ]

    /// The IJG standard chrominance table (ITU T.81 Table K.2), natural order.
    public static let standardChrominance: [UInt16] = [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ]

    /// The table libjpeg builds for `quality` (1...100) from a standard table, with baseline clamping to 1...255.
    public static func scaledTable(_ base: [UInt16], quality: Int) -> [UInt16] {
        let quality = min(max(quality, 1), 100)
        let scale = quality < 50 ? 5000 / quality : 200 - quality * 2
        return base.map { value in
            let scaled = (Int(value) * scale + 50) / 100
            return UInt16(min(max(scaled, 1), 255))
        }
    }

    /// The scaled standard tables for qualities 1...100 (index = quality - 1), computed once.
    private static let scaledTables: [(luminance: [UInt16], chrominance: [UInt16])] = (1...100).map { quality in
        (scaledTable(standardLuminance, quality: quality), scaledTable(standardChrominance, quality: quality))
    }

    /// Returns the quality 1...100 whose scaled standard tables are nearest (sum of absolute
    /// differences) to `tables`: the first table is compared with the luminance table and the
    /// second, when present, with the chrominance table. Returns nil when no table has 64 values.
    ///
    /// Exact for files written by libjpeg at any quality; an approximation for other encoders.
    public static func estimate(_ tables: [[UInt16]]) -> Int? {
        guard let luminance = tables.first, luminance.count == 64 else { return nil }
        let chrominance = tables.count > 1 && tables[1].count == 64 ? tables[1] : nil
        var best: (quality: Int, error: Int)?
        for quality in 1...100 {
            let reference = scaledTables[quality - 1]
            var error = distance(luminance, reference.luminance)
            if let chrominance { error += distance(chrominance, reference.chrominance) }
            if best.map({ error < $0.error }) ?? true { best = (quality, error) }
        }
        return best?.quality
    }

    private static func distance(_ lhs: [UInt16], _ rhs: [UInt16]) -> Int {
        var total = 0
        for index in 0..<min(lhs.count, rhs.count) { total += abs(Int(lhs[index]) - Int(rhs[index])) }
        return total
    }
}
