/// Recognises C2PA manifest stores in JPEG APP11 JUMBF segments without parsing them fully.
enum JUMBFProbe {
    /// The `c2pa` type UUID prefix of a C2PA manifest store description box.
    private static let c2paUUIDPrefix: [UInt8] = Array("c2pa".utf8)

    /// Whether an APP11 payload is a JUMBF segment (`JP` + instance + sequence + a `jumb` box).
    static func isJUMBF(_ payload: ArraySlice<UInt8>) -> Bool {
        guard payload.count >= 16, TextDecoding.hasPrefix(payload, JPEGApplicationIdentifier.jumbf) else { return false }
        return TextDecoding.hasPrefix(payload.dropFirst(12), "jumb")
    }

    /// Whether an APP11 JUMBF payload's superbox is labelled `c2pa` (or carries the C2PA type UUID).
    static func isC2PAManifestStore(_ payload: ArraySlice<UInt8>) -> Bool {
        guard isJUMBF(payload) else { return false }
        let start = payload.startIndex
        let boxLength = readUInt32(payload, at: start + 8)
        // The description box follows the superbox header (8 bytes, or 16 with an extended length).
        let descriptionStart = start + (boxLength == 1 ? 24 : 16)
        let description = payload.dropFirst(descriptionStart - start)
        if description.count >= 8 + 16 + 1, TextDecoding.hasPrefix(description.dropFirst(4), "jumd") {
            let uuid = description.dropFirst(8).prefix(16)
            if uuid.prefix(4).elementsEqual(c2paUUIDPrefix) { return true }
            let toggles = description[description.startIndex + 24]
            if toggles & 0x02 != 0 {
                let label = TextDecoding.beforeNUL(description.dropFirst(25).prefix(256))
                if label.elementsEqual(c2paUUIDPrefix) { return true }
            }
            return false
        }
        // Not laid out as expected: fall back to looking for the label near the start.
        let head = Array(payload.prefix(128))
        guard head.count >= 4 else { return false }
        for index in 0...(head.count - 4) where head[index..<(index + 4)].elementsEqual(c2paUUIDPrefix) {
            return true
        }
        return false
    }

    private static func readUInt32(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt32 {
        guard index >= bytes.startIndex, index + 4 <= bytes.endIndex else { return 0 }
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 8 | UInt32(bytes[index + offset]) }
        return value
    }
}
