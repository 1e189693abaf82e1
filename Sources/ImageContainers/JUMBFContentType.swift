/// The content type of a JUMBF superbox: the 16-byte type UUID of its description box (ISO/IEC 19566-5).
///
/// The types C2PA uses (C2PA 2.2 §11.1) are a four-character code followed by the fixed twelve bytes
/// `0011-0010-8000-00AA00389B71`. This is the one place where a type UUID is classified: a UUID is a
/// C2PA type only when all sixteen bytes match, so `c2pa` followed by anything else is not a manifest store.
public struct JUMBFContentType: Sendable, Hashable, CustomStringConvertible {
    /// The sixteen UUID bytes.
    public let uuid: [UInt8]

    /// The twelve bytes that follow the four-character code in every C2PA and ISO JUMBF type UUID.
    public static let codeSuffix: [UInt8] = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    /// A content type from sixteen UUID bytes; nil for any other count.
    public init?(uuid: some Collection<UInt8>) {
        guard uuid.count == 16 else { return nil }
        self.uuid = Array(uuid)
    }

    /// The content type spelled by a four-character code (`c2pa`, `c2ma`, …) and the fixed suffix.
    public init(code: StaticString) {
        var bytes: [UInt8] = []
        code.withUTF8Buffer { bytes = Array($0.prefix(4)) }
        while bytes.count < 4 { bytes.append(0x20) }
        self.uuid = bytes + Self.codeSuffix
    }

    /// The four-character code when the UUID is a printable code followed by the fixed suffix, else nil.
    public var code: String? {
        guard uuid.count == 16, uuid[4...].elementsEqual(Self.codeSuffix) else { return nil }
        let head = uuid[0..<4]
        guard head.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        return String(decoding: head, as: UTF8.self)
    }

    /// The UUID as lowercase hexadecimal with dashes (`63327061-0011-0010-8000-00aa00389b71`).
    public var description: String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for (position, byte) in uuid.enumerated() {
            if [4, 6, 8, 10].contains(position) { text.append("-") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// `c2pa`: the manifest store.
    public static let manifestStore = JUMBFContentType(code: "c2pa")
    /// `c2ma`: a standard manifest.
    public static let manifest = JUMBFContentType(code: "c2ma")
    /// `c2um`: an update manifest.
    public static let updateManifest = JUMBFContentType(code: "c2um")
    /// `c2as`: the assertion store.
    public static let assertionStore = JUMBFContentType(code: "c2as")
    /// `c2cl`: the claim.
    public static let claim = JUMBFContentType(code: "c2cl")
    /// `c2cs`: the claim signature.
    public static let claimSignature = JUMBFContentType(code: "c2cs")
    /// `c2cr`: the credential store (W3C verifiable credentials, C2PA 1.x).
    public static let credentialStore = JUMBFContentType(code: "c2cr")
    /// `c2db`: the databox store.
    public static let databoxStore = JUMBFContentType(code: "c2db")
    /// `cbor`: a CBOR content box.
    public static let cbor = JUMBFContentType(code: "cbor")
    /// `json`: a JSON content box.
    public static let json = JUMBFContentType(code: "json")

    /// Whether the type is one of the two manifest types (`c2ma`, `c2um`).
    public var isManifest: Bool { self == Self.manifest || self == Self.updateManifest }
}
