/// Recognises C2PA manifest stores (JUMBF `c2pa` superboxes) without parsing them fully.
public enum JUMBFProbe {
    /// The `c2pa` type UUID prefix of a C2PA manifest store description box.
    private static let c2paUUIDPrefix: [UInt8] = Array("c2pa".utf8)

    /// Whether an APP11 payload is a JUMBF segment (`JP` + instance + sequence + a `jumb` box).
    static func isJUMBF(_ payload: ArraySlice<UInt8>) -> Bool {
        guard payload.count >= 16, TextDecoding.hasPrefix(payload, JPEGApplicationIdentifier.jumbf) else { return false }
        return TextDecoding.hasPrefix(payload.dropFirst(12), "jumb")
    }

    /// Whether an APP11 JUMBF payload's superbox is a C2PA manifest store (see ``isC2PAStoreBox(_:)``).
    static func isC2PAManifestStore(_ payload: ArraySlice<UInt8>) -> Bool {
        guard isJUMBF(payload) else { return false }
        return isC2PAStoreBox(payload.dropFirst(8))
    }

    /// The one test for "this is a C2PA manifest store": `box` starts with a `jumb` superbox whose
    /// description box (`jumd`) carries a type UUID beginning with `c2pa` or the label `c2pa`.
    ///
    /// Every container handler uses this test, so C2PA presence has a single definition.
    public static func isC2PAStoreBox(_ box: ArraySlice<UInt8>) -> Bool {
        let start = box.startIndex
        guard box.count >= 16, TextDecoding.hasPrefix(box.dropFirst(4), "jumb") else { return false }
        let boxLength = readUInt32(box, at: start)
        // The description box follows the superbox header (8 bytes, or 16 with an extended length).
        let description = box.dropFirst(boxLength == 1 ? 16 : 8)
        guard description.count >= 8 + 16, TextDecoding.hasPrefix(description.dropFirst(4), "jumd") else { return false }
        let uuid = description.dropFirst(8).prefix(16)
        if uuid.prefix(4).elementsEqual(c2paUUIDPrefix) { return true }
        guard description.count >= 8 + 16 + 1 else { return false }
        let toggles = description[description.startIndex + 24]
        guard toggles & 0x02 != 0 else { return false }
        let label = TextDecoding.beforeNUL(description.dropFirst(25).prefix(256))
        return label.elementsEqual(c2paUUIDPrefix)
    }

    private static func readUInt32(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt32 {
        guard index >= bytes.startIndex, index + 4 <= bytes.endIndex else { return 0 }
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 8 | UInt32(bytes[index + offset]) }
        return value
    }
}
