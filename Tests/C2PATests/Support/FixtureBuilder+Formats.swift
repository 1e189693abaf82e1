import C2PA
import Crypto
import Foundation

/// Signed WebP and ISO BMFF (HEIF-like) assets for the container tests: the same manifests as ``FixtureBuilder/jpeg()``,
/// carried in a RIFF `C2PA` chunk (data hash) or a C2PA `uuid` box (`c2pa.hash.bmff.v2`).
extension FixtureBuilder {
    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func be32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    /// A VP8L chunk (header only: enough for the container, not for a pixel decoder).
    static let webpImageChunk: [UInt8] = Array("VP8L".utf8) + le32(8) + [0x2F, 0x00, 0x40, 0x00, 0x00, 0, 0, 0]

    /// A signed WebP: RIFF header, VP8L chunk, C2PA chunk (the data-hash exclusion is its header and data).
    func webp() throws -> [UInt8] {
        var length = 0
        var result: [UInt8] = []
        for _ in 0..<6 {
            let start = 12 + Self.webpImageChunk.count
            let riffSize = 4 + Self.webpImageChunk.count + length + (length % 2)
            let head = Array("RIFF".utf8) + Self.le32(riffSize) + Array("WEBP".utf8) + Self.webpImageChunk
            let padding: [UInt8] = length % 2 == 1 ? [0] : []
            let assetHash = Array(SHA256.hash(data: head + padding))
            let store = try store(exclusion: start..<(start + length), assetHash: assetHash)
            let chunk = Array("C2PA".utf8) + Self.le32(store.count) + store
            result = head + chunk + (store.count % 2 == 1 ? [0] : [])
            if chunk.count == length { break }
            length = chunk.count
        }
        return result
    }

    static func bmffBox(_ type: String, _ payload: [UInt8]) -> [UInt8] { be32(8 + payload.count) + Array(type.utf8) + payload }

    static let bmffFileType = bmffBox("ftyp", Array("heic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8))
    static let bmffMediaData = bmffBox("mdat", Array("compressed pixels".utf8))

    /// A `c2pa.hash.bmff.v2` assertion excluding `/ftyp` and the C2PA `/uuid`, over `mdat` at `mdatOffset`.
    static func bmffHashAssertion(mdatOffset: Int) -> [UInt8] {
        let offsetBytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(mdatOffset) >> (56 - 8 * UInt64($0))) }
        let hash = Array(SHA256.hash(data: offsetBytes + bmffMediaData))
        let uuid: [UInt8] = [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81]
        let exclusions = CBORValue.array([
            .map([entry("xpath", .text("/uuid")), entry("data", .array([.map([entry("offset", .integer(8)), entry("value", .bytes(uuid))])]))]),
            .map([entry("xpath", .text("/ftyp"))]),
            .map([entry("xpath", .text("/mfra"))]),
        ])
        return cborAssertion(
            label: "c2pa.hash.bmff.v2",
            .map([entry("exclusions", exclusions), entry("alg", .text("sha256")), entry("hash", .bytes(hash)), entry("name", .text("jumbf manifest"))]))
    }

    /// A signed HEIF-like file: `ftyp`, the C2PA `uuid` box (purpose `manifest`), `mdat`.
    func bmff() throws -> [UInt8] {
        var length = 0
        var result: [UInt8] = []
        for _ in 0..<6 {
            var this = self
            this.bindingOverride = ("c2pa.hash.bmff.v2", Self.bmffHashAssertion(mdatOffset: Self.bmffFileType.count + length))
            let store = try this.store(exclusion: 0..<0, assetHash: [])
            let uuid: [UInt8] = [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81]
            let box = Self.bmffBox("uuid", uuid + [0, 0, 0, 0] + Array("manifest".utf8) + [0] + [UInt8](repeating: 0, count: 8) + store)
            result = Self.bmffFileType + box + Self.bmffMediaData
            if box.count == length { break }
            length = box.count
        }
        return result
    }
}
