import ByteParsing
import ImageContainers

/// Checks a `c2pa.hash.bmff` hard binding (C2PA 2.2 §9.2.3, §15.12.2, §18.6) against an ISO BMFF asset:
/// HEIF, AVIF, MP4 and QuickTime.
///
/// The `hash` covers every top-level box that no exclusion removes, in file order. For version 2 and
/// later, each such box's absolute file offset (64-bit big-endian) is hashed before its bytes, so moving
/// a box breaks the binding. Exclusions name boxes by path (`/uuid`, `/moov/trak[2]`) and may narrow the
/// match by `length`, `data` (bytes at offsets), `version` and `flags`; `subset` excludes parts of a box.
/// A `merkle` field adds Merkle trees (``BMFFMerkleChecker``): blocks of each `mdat` of a flat file, or
/// the fragments of a fragmented MP4.
///
/// The asset bytes are only sliced, never copied: memory stays at the asset plus one digest per leaf.
struct BMFFHashChecker {
    let asset: [UInt8]
    let embedded: EmbeddedStore
    let claimAlg: String?
    /// 1 for `c2pa.hash.bmff`, 2 or 3 for the versioned labels.
    let version: Int
    let limits: ParseLimits

    /// The hash-assertion version from its label (`c2pa.hash.bmff.v3` → 3).
    static func version(ofLabel label: String) -> Int {
        guard let range = label.range(of: ".v", options: .backwards), let number = Int(label[range.upperBound...]) else { return 1 }
        return number
    }

    func check(_ value: CBORValue, url: String, log: inout StatusLog) {
        guard let assertion = BMFFHashAssertion(value) else {
            log.failure(StatusCode.bmffHashMalformed, url: url, "BMFF hash assertion malformed")
            return
        }
        guard assertion.hash != nil || assertion.merkle != nil else {
            log.failure(StatusCode.bmffHashMalformed, url: url, "BMFF hash has neither a hash nor a Merkle tree")
            return
        }
        guard let algorithm = HashAlgorithm(name: assertion.alg ?? claimAlg ?? "sha256") else {
            log.failure(StatusCode.algorithmUnsupported, url: url, "unsupported hash algorithm")
            return
        }
        guard let boxes = embedded.containerBoxes else {
            log.failure(StatusCode.bmffHashMismatch, url: url, "the asset's boxes could not be listed")
            return
        }
        let excluded: [Range<Int>]
        do throws(ParseError) {
            excluded = try excludedRanges(assertion.exclusions, topLevel: boxes)
        } catch {
            log.failure(StatusCode.bmffHashMismatch, url: url, "asset boxes could not be read: \(error)")
            return
        }
        // The manifest store's own box must be among the exclusions, or the binding would cover itself.
        guard embedded.carrierRanges.allSatisfy({ carrier in excluded.contains(carrier) }) else {
            log.failure(StatusCode.bmffHashMismatch, url: url, "the exclusions do not remove the manifest store box")
            return
        }
        if let expected = assertion.hash {
            guard digest(of: boxes, excluding: excluded, algorithm: algorithm) == expected else {
                log.failure(StatusCode.bmffHashMismatch, url: url, "BMFF hash does not match the asset")
                return
            }
        }
        if let maps = assertion.merkle {
            let merkle = BMFFMerkleChecker(
                asset: asset, boxes: boxes, excluded: excluded, algorithm: algorithm, hasFileHash: assertion.hash != nil, binding: self)
            switch merkle.check(maps) {
            case .match:
                break
            case .mismatch(let reason):
                log.failure(StatusCode.bmffHashMismatch, url: url, reason)
                return
            case .malformed(let reason):
                log.failure(StatusCode.bmffHashMalformed, url: url, reason)
                return
            case .unsupportedAlgorithm(let name):
                log.failure(StatusCode.algorithmUnsupported, url: url, "unsupported Merkle tree hash algorithm \(name)")
                return
            }
        }
        log.success(StatusCode.bmffHashMatch, url: url, "BMFF hash valid")
    }

    /// The hash of the top-level `boxes` in order, minus the `excluded` ranges. From version 2 on, a box
    /// whose first byte is hashed is preceded by its absolute offset (64-bit big-endian); a box excluded
    /// in its entirety contributes nothing.
    func digest(of boxes: [ContainerBox], excluding excluded: [Range<Int>], algorithm: HashAlgorithm) -> [UInt8] {
        var hasher = HashAlgorithm.Hasher(algorithm)
        for box in boxes {
            let cuts = excluded.filter { $0.overlaps(box.range) }.sorted { $0.lowerBound < $1.lowerBound }
            var included: [Range<Int>] = []
            var position = box.range.lowerBound
            for cut in cuts {
                if cut.lowerBound > position { included.append(position..<cut.lowerBound) }
                position = max(position, cut.upperBound)
            }
            if position < box.range.upperBound { included.append(position..<box.range.upperBound) }
            guard let first = included.first else { continue }
            if version >= 2, first.lowerBound == box.range.lowerBound {
                let offset = UInt64(box.range.lowerBound)
                hasher.update((0..<8).map { UInt8(truncatingIfNeeded: offset >> (56 - 8 * UInt64($0))) })
            }
            for range in included { hasher.update(asset[range]) }
        }
        return hasher.finalize()
    }

    /// The absolute ranges every exclusion removes (whole boxes, or their subsets).
    private func excludedRanges(_ exclusions: [BMFFHashAssertion.Exclusion], topLevel: [ContainerBox]) throws(ParseError) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for exclusion in exclusions {
            guard exclusion.path.count <= limits.maxDepth else {
                throw ParseError(.depthExceeded, at: nil, "exclusion path deeper than \(limits.maxDepth)")
            }
            var level = topLevel
            var matched: [ContainerBox] = []
            for (depth, segment) in exclusion.path.enumerated() {
                var candidates = level.filter { $0.name == segment.type }
                if let position = segment.position {
                    candidates = position < candidates.count ? [candidates[position]] : []
                }
                if depth == exclusion.path.count - 1 {
                    matched = candidates
                } else {
                    var next: [ContainerBox] = []
                    for box in candidates where BMFFBoxReader.containerTypes.contains(box.name) {
                        next += try BMFFBoxReader.children(of: box, in: asset, limits: limits)
                    }
                    level = next
                }
            }
            for box in matched where matches(box, exclusion) {
                if exclusion.subset.isEmpty {
                    ranges.append(box.range)
                } else {
                    for part in exclusion.subset {
                        let start = min(box.range.lowerBound + part.offset, box.range.upperBound)
                        let end = part.length == 0 ? box.range.upperBound : min(start + part.length, box.range.upperBound)
                        ranges.append(start..<end)
                    }
                }
            }
        }
        return ranges
    }

    /// Whether `box` meets the exclusion's `length`, `data`, `version` and `flags` conditions.
    private func matches(_ box: ContainerBox, _ exclusion: BMFFHashAssertion.Exclusion) -> Bool {
        if let length = exclusion.length, box.range.count != length { return false }
        for check in exclusion.data {
            let start = box.range.lowerBound + check.offset
            guard check.offset <= box.range.count - check.value.count, asset[start..<(start + check.value.count)].elementsEqual(check.value)
            else { return false }
        }
        let fullBoxStart = box.payloadRange.lowerBound
        if let version = exclusion.version {
            guard fullBoxStart < box.range.upperBound, Int(asset[fullBoxStart]) == version else { return false }
        }
        if let flags = exclusion.flags {
            guard flags.count == 3, fullBoxStart + 4 <= box.range.upperBound else { return false }
            let stored = asset[(fullBoxStart + 1)..<(fullBoxStart + 4)]
            if exclusion.exact {
                guard stored.elementsEqual(flags) else { return false }
            } else {
                guard zip(stored, flags).allSatisfy({ $0 & $1 == $1 }) else { return false }
            }
        }
        return true
    }
}
