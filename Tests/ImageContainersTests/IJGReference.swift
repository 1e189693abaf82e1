/// The IJG reference tables and scaling, written out independently of the library for tests.
enum IJG {
    static let luminance: [UInt16] = [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ]
    static let chrominance: [UInt16] = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99] + [UInt16](repeating: 99, count: 32)

    /// libjpeg's jpeg_quality_scaling + jpeg_add_quant_table with force_baseline.
    static func scaled(_ table: [UInt16], quality: Int) -> [UInt16] {
        let scale = quality < 50 ? 5000 / quality : 200 - 2 * quality
        return table.map { UInt16(min(255, max(1, (Int($0) * scale + 50) / 100))) }
    }
}
