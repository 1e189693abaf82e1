/// A C2PA `uuid` box of an ISO BMFF file (C2PA 2.2 §A.5): a FullBox header (version and flags), a
/// NUL-terminated `box_purpose`, then data that depends on the purpose.
///
/// * `manifest` (and `original`): an 8-byte absolute offset of the first auxiliary `merkle` box
///   (0 when there is none), then the JUMBF manifest store and optional padding.
/// * `merkle`: the CBOR `bmff-merkle-map` of one Merkle leaf (§A.5.4.2), then optional padding.
/// * `update`: an update-manifest store.
public struct BMFFC2PABox: Sendable, Hashable {
    /// The purpose of the box that carries a manifest store.
    public static let manifestPurpose = "manifest"
    /// The purpose of an auxiliary box that carries one Merkle leaf's proof.
    public static let merklePurpose = "merkle"

    /// The whole box.
    public let box: ContainerBox
    /// The `box_purpose` string.
    public let purpose: String
    /// For a `manifest` box: the absolute offset of the first auxiliary `merkle` box (0 when there is none).
    public let firstMerkleBoxOffset: UInt64?
    /// The absolute range of the purpose-specific data: the JUMBF store (after the 8-byte offset) of a
    /// `manifest` box, the CBOR of a `merkle` box, everything after the purpose otherwise.
    public let dataRange: Range<Int>

    /// Reads a top-level box as a C2PA box; nil when it is not a `uuid` box with the C2PA extended type,
    /// or when its payload is too short for the purpose it declares.
    public static func read(_ box: ContainerBox, in bytes: [UInt8]) -> BMFFC2PABox? {
        guard box.payloadRange.upperBound <= bytes.count, BMFFBoxReader.extendedType(of: box, in: bytes) == BMFFBoxReader.c2paUUID
        else { return nil }
        let payload = bytes[box.payloadRange]
        guard payload.count > 4 else { return nil }
        let purposeBytes = TextDecoding.beforeNUL(payload.dropFirst(4))
        guard purposeBytes.endIndex < payload.endIndex else { return nil }  // no NUL terminator
        let purpose = TextDecoding.latin1(purposeBytes)
        var dataStart = purposeBytes.endIndex + 1
        var merkleOffset: UInt64?
        if purpose == manifestPurpose || purpose == "original" {
            guard dataStart + 8 <= payload.endIndex else { return nil }
            merkleOffset = bytes[dataStart..<(dataStart + 8)].reduce(0) { $0 << 8 | UInt64($1) }
            dataStart += 8
        }
        return BMFFC2PABox(box: box, purpose: purpose, firstMerkleBoxOffset: merkleOffset, dataRange: dataStart..<payload.endIndex)
    }
}
