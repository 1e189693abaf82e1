/// Recognises C2PA manifest stores (JUMBF `c2pa` superboxes) without parsing them fully.
public enum JUMBFProbe {
    /// The four-character code of the manifest store's type UUID (``JUMBFContentType/manifestStore``).
    private static let c2paCode: [UInt8] = Array(JUMBFContentType.manifestStore.uuid.prefix(4))

    /// Whether an APP11 payload is a JUMBF segment (`JP` + instance + sequence + a `jumb` box).
    static func isJUMBF(_ payload: ArraySlice<UInt8>) -> Bool {
        guard payload.count >= 16, TextDecoding.hasPrefix(payload, JPEGApplicationIdentifier.jumbf) else { return false }
        return TextDecoding.hasPrefix(payload.dropFirst(12), "jumb")
    }

    /// Whether an APP11 payload (`JP` + instance + sequence + box) carries a C2PA manifest store
    /// (see ``isC2PAStoreBox(_:)``).
    static func isC2PAManifestStore(_ payload: ArraySlice<UInt8>) -> Bool {
        guard payload.count >= 16, TextDecoding.hasPrefix(payload, JPEGApplicationIdentifier.jumbf) else { return false }
        return isC2PAStoreBox(payload.dropFirst(8))
    }

    /// The one test for "this carrier holds a C2PA manifest store": the bytes where the outer box's
    /// description box puts its type UUID begin with `c2pa`, or its label is `c2pa`.
    ///
    /// The test locates a store; it does not validate it. The box types (`jumb`, `jumd`) and the rest of
    /// the UUID are not checked here, so a store whose headers or type UUID are damaged is still found and
    /// then reported as unreadable by the JUMBF parser (``JUMBFContentType`` classifies the full UUID),
    /// rather than reported as absent. c2pa-rs finds JPEG stores the same way (the four bytes at the UUID's
    /// place). Every container handler uses this test, so C2PA presence has a single definition.
    public static func isC2PAStoreBox(_ box: ArraySlice<UInt8>) -> Bool {
        let start = box.startIndex
        guard box.count >= 16 else { return false }
        let boxLength = readUInt32(box, at: start)
        // The description box follows the superbox header (8 bytes, or 16 with an extended length).
        let description = box.dropFirst(boxLength == 1 ? 16 : 8)
        guard description.count >= 8 + 16 else { return false }
        let uuid = description.dropFirst(8).prefix(16)
        if uuid.prefix(4).elementsEqual(c2paCode) { return true }
        guard description.count >= 8 + 16 + 1 else { return false }
        let toggles = description[description.startIndex + 24]
        guard toggles & 0x02 != 0 else { return false }
        let label = TextDecoding.beforeNUL(description.dropFirst(25).prefix(256))
        return label.elementsEqual(c2paCode)
    }

    private static func readUInt32(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt32 {
        guard index >= bytes.startIndex, index + 4 <= bytes.endIndex else { return 0 }
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 8 | UInt32(bytes[index + offset]) }
        return value
    }
}
