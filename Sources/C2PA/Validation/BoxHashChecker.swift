import ByteParsing
import ImageContainers

/// Checks a `c2pa.hash.boxes` hard binding (C2PA 2.2 §9.2.2) against the asset's indexed boxes.
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

    /// The asset's boxes from its container index (JPEG segments with SOS covering its scan data,
    /// PNG chunks), with the C2PA carriers merged into one box named `C2PA`.
    func assetBoxes() -> [NamedBox]? {
        guard let boxes = embedded.containerBoxes else { return nil }
        let carriers = Set(embedded.carrierRanges.map(\.lowerBound))
        var named: [NamedBox] = []
        var addedC2PA = false
        for box in boxes {
            if carriers.contains(box.range.lowerBound) {
                if !addedC2PA { named.append(NamedBox(name: "C2PA", range: embedded.span)) }
                addedC2PA = true
                continue
            }
            named.append(NamedBox(name: box.name, range: box.range))
        }
        return named
    }
}
