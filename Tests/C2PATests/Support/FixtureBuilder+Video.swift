import C2PA
import Crypto
import Foundation

/// Signed MP4 and GIF assets for the video binding tests, built in memory: an ISO BMFF file whose C2PA
/// `uuid` box follows `ftyp` and whose hard binding (`c2pa.hash.bmff.v3`, with or without Merkle trees)
/// the test computes itself, and a GIF whose `C2PA_GIF` application extension is excluded by a data hash.
extension FixtureBuilder {
    /// The extended type of the C2PA `uuid` box.
    static let c2paUUID: [UInt8] = [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81]
    /// An MP4 `ftyp` (major brand `isom`).
    static let mp4FileType = bmffBox("ftyp", Array("isom".utf8) + [0, 0, 2, 0] + Array("isomiso2avc1mp41".utf8))

    static func be64(_ value: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(value) >> (56 - 8 * UInt64($0))) } }

    /// A C2PA `uuid` box: version/flags, the NUL-terminated purpose, then `data`.
    static func c2paBox(purpose: String, _ data: [UInt8]) -> [UInt8] {
        bmffBox("uuid", c2paUUID + [0, 0, 0, 0] + Array(purpose.utf8) + [0] + data)
    }

    /// An auxiliary `merkle` box: the `bmff-merkle-map` of one leaf.
    static func merkleBox(uniqueId: Int, localId: Int, location: Int, proof: [[UInt8]]) -> [UInt8] {
        var entries = [entry("uniqueId", .integer(uniqueId)), entry("localId", .integer(localId)), entry("location", .integer(location))]
        if !proof.isEmpty { entries.append(entry("hashes", .array(proof.map { .bytes($0) }))) }
        return c2paBox(purpose: "merkle", CBOREncoder.encode(.map(entries)))
    }

    /// The mandatory v3 exclusions (C2PA 2.2 §A.5.6): the C2PA `uuid` boxes, `ftyp`, `mfra`, and with
    /// `merkleMdat` the `mdat` payload after its first 16 bytes.
    static func bmffExclusions(merkleMdat: Bool) -> CBORValue {
        var list: [CBORValue] = [
            .map([entry("xpath", .text("/uuid")), entry("data", .array([.map([entry("offset", .integer(8)), entry("value", .bytes(c2paUUID))])]))]),
            .map([entry("xpath", .text("/ftyp"))]),
            .map([entry("xpath", .text("/mfra"))]),
        ]
        if merkleMdat {
            list.append(.map([entry("xpath", .text("/mdat")), entry("subset", .array([.map([entry("offset", .integer(16)), entry("length", .integer(0))])]))]))
        }
        return .array(list)
    }

    /// A signed ISO BMFF file: `fileType`, the C2PA manifest box, then the boxes `body` returns for the
    /// absolute offset they start at. `binding` makes the hard-binding assertion (label, box) from those
    /// boxes and their absolute offsets. The manifest box size is iterated to a fixed point.
    func signedBMFF(
        fileType: [UInt8], body: (_ start: Int) -> [[UInt8]], binding: (_ boxes: [[UInt8]], _ offsets: [Int]) -> (String, [UInt8])
    ) throws -> [UInt8] {
        var length = 0
        var result: [UInt8] = []
        for _ in 0..<8 {
            let start = fileType.count + length
            let boxes = body(start)
            var offsets: [Int] = []
            var position = start
            for box in boxes {
                offsets.append(position)
                position += box.count
            }
            var this = self
            this.bindingOverride = binding(boxes, offsets)
            let store = try this.store(exclusion: 0..<0, assetHash: [])
            let manifestBox = Self.c2paBox(purpose: "manifest", [UInt8](repeating: 0, count: 8) + store)
            result = fileType + manifestBox + boxes.flatMap { $0 }
            if manifestBox.count == length { break }
            length = manifestBox.count
        }
        return result
    }

    /// A `c2pa.hash.bmff.v3` assertion box.
    static func bmffV3Assertion(exclusions: CBORValue, hash: [UInt8]?, merkle: [CBORValue]?) -> (String, [UInt8]) {
        var entries = [entry("exclusions", exclusions), entry("alg", .text("sha256"))]
        if let hash { entries.append(entry("hash", .bytes(hash))) }
        if let merkle { entries.append(entry("merkle", .array(merkle))) }
        entries.append(entry("name", .text("jumbf manifest")))
        return ("c2pa.hash.bmff.v3", cborAssertion(label: "c2pa.hash.bmff.v3", .map(entries)))
    }

    // MARK: GIF

    /// A 2×2 GIF89a body after the header: logical screen, a 2-colour global table, one image with LZW data.
    static let gifScreen: [UInt8] = [2, 0, 2, 0, 0x80, 0, 0] + [0, 0, 0, 255, 255, 255]
    static let gifImage: [UInt8] = [0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0, 0x02, 0x03, 0x84, 0x1D, 0x05, 0x00]

    /// A signed GIF: header, screen, the `C2PA_GIF` application extension, the image, the trailer.
    func gif() throws -> [UInt8] {
        let head = Array("GIF89a".utf8) + Self.gifScreen
        let tail = Self.gifImage + [0x3B]
        var length = 0
        var result: [UInt8] = []
        for _ in 0..<6 {
            let assetHash = Array(SHA256.hash(data: head + tail))
            let store = try store(exclusion: head.count..<(head.count + length), assetHash: assetHash)
            var block: [UInt8] = [0x21, 0xFF, 0x0B] + Array("C2PA_GIF".utf8) + [1, 0, 0]
            var position = 0
            while position < store.count {
                let count = min(255, store.count - position)
                block += [UInt8(count)] + store[position..<(position + count)]
                position += count
            }
            block.append(0)
            result = head + block + tail
            if block.count == length { break }
            length = block.count
        }
        return result
    }
}
