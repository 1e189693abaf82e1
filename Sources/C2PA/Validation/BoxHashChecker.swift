import ByteParsing
import ImageContainers

/// Checks a `c2pa.hash.boxes` hard binding (C2PA 2.2 §9.2.2) against a JPEG or PNG asset.
struct BoxHashChecker {
    let asset: [UInt8]
    let embedded: EmbeddedStore
    let claimAlg: String?

    /// One named box of the asset in file order.
    struct NamedBox {
        let name: String
        let range: Range<Int>
    }

    func check(_ value: CBORValue, url: String, log: inout StatusLog) {
        guard let entries = value["boxes"]?.arrayValue, !entries.isEmpty else {
            log.failure(StatusCode.boxesHashMismatch, url: url, "box hash has no boxes")
            return
        }
        guard let boxes = assetBoxes() else {
            log.failure(StatusCode.boxesHashMismatch, url: url, "asset boxes could not be listed")
            return
        }
        var index = 0
        for entry in entries {
            let names = (entry["names"]?.arrayValue ?? []).compactMap(\.textValue)
            guard !names.isEmpty, index + names.count <= boxes.count else {
                log.failure(StatusCode.boxesHashMismatch, url: url, "box hash lists more boxes than the asset has")
                return
            }
            let covered = boxes[index..<(index + names.count)]
            guard zip(covered, names).allSatisfy({ $0.name == $1 }) else {
                log.failure(StatusCode.boxesHashMismatch, url: url, "box names do not match the asset")
                return
            }
            index += names.count
            if names == ["C2PA"] { continue }
            guard let algorithm = HashAlgorithm(name: entry["alg"]?.textValue ?? value["alg"]?.textValue ?? claimAlg ?? "sha256"),
                let expected = entry["hash"]?.bytesValue
            else {
                log.failure(StatusCode.boxesHashMismatch, url: url, "box hash entry malformed")
                return
            }
            var hasher = HashAlgorithm.Hasher(algorithm)
            for box in covered { hasher.update(asset[box.range]) }
            guard hasher.finalize() == expected else {
                log.failure(StatusCode.boxesHashMismatch, url: url, "box hash does not match")
                return
            }
        }
        guard index == boxes.count else {
            log.failure(StatusCode.boxesHashMismatch, url: url, "asset has boxes the box hash does not cover")
            return
        }
        log.success(StatusCode.boxesHashMatch, url: url, "box hash valid")
    }

    /// The asset's boxes: JPEG marker segments (SOS with its scan data, the C2PA segments as one `C2PA`).
    func assetBoxes() -> [NamedBox]? {
        if ImageFormat.sniff(asset) == .jpeg {
            guard let walk = try? JPEGSegmentParser.parse(asset) else { return nil }
            var boxes: [NamedBox] = [NamedBox(name: "SOI", range: 0..<2)]
            let c2pa = Set(embedded.carrierRanges.map(\.lowerBound))
            var addedC2PA = false
            for (position, segment) in walk.segments.enumerated() {
                if c2pa.contains(segment.offset) {
                    if !addedC2PA { boxes.append(NamedBox(name: "C2PA", range: embedded.span)) }
                    addedC2PA = true
                    continue
                }
                var end = segment.range.upperBound
                if segment.marker == JPEGMarker.sos {
                    let next = position + 1 < walk.segments.count ? walk.segments[position + 1].offset : walk.endOffset - (walk.endsWithEOI ? 2 : 0)
                    end = max(end, next)
                }
                boxes.append(NamedBox(name: Self.jpegName(segment.marker), range: segment.offset..<end))
            }
            if walk.endsWithEOI { boxes.append(NamedBox(name: "EOI", range: (walk.endOffset - 2)..<walk.endOffset)) }
            return boxes
        }
        if ImageFormat.sniff(asset) == .png {
            guard let walk = try? PNGChunkParser.parse(asset, requireValidCRC: false) else { return nil }
            var boxes: [NamedBox] = [NamedBox(name: "PNGh", range: 0..<8)]
            for chunk in walk.chunks {
                boxes.append(NamedBox(name: chunk.type == "caBX" ? "C2PA" : chunk.type, range: chunk.range))
            }
            return boxes
        }
        return nil
    }

    static func jpegName(_ marker: UInt8) -> String {
        switch marker {
        case 0xE0...0xEF: return "APP\(marker - 0xE0)"
        case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF: return "SOF\(marker - 0xC0)"
        case 0xC4: return "DHT"
        case 0xCC: return "DAC"
        case 0xDA: return "SOS"
        case 0xDB: return "DQT"
        case 0xDD: return "DRI"
        case 0xFE: return "COM"
        case 0xD0...0xD7: return "RST\(marker - 0xD0)"
        default: return "M\(marker)"
        }
    }
}
