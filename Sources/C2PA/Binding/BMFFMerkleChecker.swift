import ByteParsing
import ImageContainers

/// Checks the `merkle` trees of a BMFF hash assertion (C2PA 2.2 §15.12.2.1–2, §18.6, §A.5.4).
///
/// * **Flat file** (no top-level `moof`): one tree per `mdat`, its `localId` the `mdat`'s 0-based
///   position. The leaves hash blocks of the `mdat` from byte 16 of the box to its end — the part the
///   mandatory `/mdat` exclusion (subset offset 16, length 0) removes from the file hash — cut by
///   `fixedBlockSize` (the last block may be shorter), by `variableBlockSizes`, or as one block. Leaves
///   carry no offset. The whole tree is rebuilt from the file up to the stored row; auxiliary `merkle`
///   boxes are optional here, and any present must prove their leaf.
/// * **Fragmented file** (top-level `moof` boxes in one file): each `moof` is preceded by an auxiliary
///   `merkle` box naming its tree (`uniqueId`, `localId`) and leaf (`location`). A leaf hashes its
///   fragment — the `moof` and every top-level box up to the next `moof` — with the exclusions applied and
///   each box's offset first (version 2 and later), like the file hash. `initHash` covers everything before
///   the first `moof`. The locations of one tree must run 0, 1, 2… and reach its `count`.
///
/// A file with no `moof` whose trees carry an `initHash` is an initialization segment whose fragments are
/// in other files: the `initHash` is checked over the whole file, and the absent fragments are not
/// failures (§15.12.1, content not yet available).
struct BMFFMerkleChecker {
    /// What the check found.
    enum Outcome: Sendable, Hashable {
        case match
        case mismatch(String)
        case malformed(String)
        case unsupportedAlgorithm(String)
    }

    /// The most leaves one tree may have (one digest each is kept in memory).
    static let maxLeaves = 1 << 20
    /// Where the Merkle-hashed part of an `mdat` starts, from the start of the box (the mandatory exclusion's subset offset).
    static let mdatLeafStart = 16

    let asset: [UInt8]
    let boxes: [ContainerBox]
    let excluded: [Range<Int>]
    /// The assertion's algorithm (a tree without `alg` uses it).
    let algorithm: HashAlgorithm
    /// Whether the assertion also has a file `hash` (which binds everything outside the trees).
    let hasFileHash: Bool
    /// The file-hash procedure, applied to some of the top-level boxes (exclusions and offsets as for the file hash).
    let binding: BMFFHashChecker

    private func hashBoxes(_ boxes: [ContainerBox], _ algorithm: HashAlgorithm) -> [UInt8] {
        binding.digest(of: boxes, excluding: excluded, algorithm: algorithm)
    }

    func check(_ maps: [BMFFMerkleMap]) -> Outcome {
        var algorithms: [HashAlgorithm] = []
        for map in maps {
            guard let algorithm = map.alg.map({ HashAlgorithm(name: $0) }) ?? algorithm else {
                return .unsupportedAlgorithm(map.alg ?? "")
            }
            guard map.count <= Self.maxLeaves else { return .malformed("a Merkle tree declares \(map.count) leaves (limit \(Self.maxLeaves))") }
            guard map.fixedBlockSize == nil || map.variableBlockSizes == nil else {
                return .malformed("a Merkle tree has both fixedBlockSize and variableBlockSizes")
            }
            guard BMFFMerkleTree.rowSizes(leafCount: map.count).contains(map.hashes.count) else {
                return .malformed("a Merkle tree of \(map.count) leaves has no row of \(map.hashes.count) hashes")
            }
            algorithms.append(algorithm)
        }
        let proofs: [(box: ContainerBox, proof: BMFFMerkleProof)]
        switch readProofs() {
        case .success(let list): proofs = list
        case .failure(let error): return error.outcome
        }
        if let firstFragment = boxes.firstIndex(where: { $0.name == "moof" }) {
            return checkFragmented(maps, algorithms: algorithms, proofs: proofs, firstFragment: firstFragment)
        }
        if maps.contains(where: { $0.initHash != nil }) {
            return checkInitializationSegment(maps, algorithms: algorithms)
        }
        return checkFlat(maps, algorithms: algorithms, proofs: proofs)
    }

    /// Every top-level auxiliary C2PA `merkle` box, decoded.
    private func readProofs() -> Result<[(box: ContainerBox, proof: BMFFMerkleProof)], OutcomeError> {
        var proofs: [(box: ContainerBox, proof: BMFFMerkleProof)] = []
        let decoder = CBORDecoder()
        for box in boxes where box.name == "uuid" {
            guard let c2pa = BMFFC2PABox.read(box, in: asset), c2pa.purpose == BMFFC2PABox.merklePurpose else { continue }
            var reader = ByteReader(asset, range: c2pa.dataRange)
            // The map may be followed by padding, so only the first CBOR item is read.
            guard let value = try? decoder.decodeNext(&reader), let proof = BMFFMerkleProof(value) else {
                return .failure(OutcomeError(.malformed("the merkle box at offset \(box.range.lowerBound) does not hold a bmff-merkle-map")))
            }
            proofs.append((box, proof))
        }
        return .success(proofs)
    }

    /// An ``Outcome`` carried through `Result`.
    struct OutcomeError: Error {
        let outcome: Outcome
        init(_ outcome: Outcome) { self.outcome = outcome }
    }

    // MARK: Flat files

    private func checkFlat(
        _ maps: [BMFFMerkleMap], algorithms: [HashAlgorithm], proofs: [(box: ContainerBox, proof: BMFFMerkleProof)]
    ) -> Outcome {
        guard hasFileHash else {
            return .malformed("a BMFF hash of a file without fragments needs the file hash beside its Merkle trees")
        }
        let mdats = boxes.filter { $0.name == "mdat" }
        // Every mdat needs its tree: the file hash leaves the mdat payloads to the trees.
        guard maps.count == mdats.count, Set(maps.map(\.localId)) == Set(0..<mdats.count) else {
            return .mismatch("\(maps.count) Merkle trees for \(mdats.count) mdat boxes")
        }
        for (map, algorithm) in zip(maps, algorithms) {
            let mdat = mdats[map.localId]
            guard mdat.range.count >= Self.mdatLeafStart else { return .mismatch("an mdat box is shorter than its Merkle-hashed header") }
            let region = (mdat.range.lowerBound + Self.mdatLeafStart)..<mdat.range.upperBound
            let blocks: [Range<Int>]
            switch self.blocks(of: region, map) {
            case .success(let list): blocks = list
            case .failure(let error): return error.outcome
            }
            let leaves = blocks.map { algorithm.digest(asset[$0]) }
            guard let row = BMFFMerkleTree.row(ofSize: map.hashes.count, from: leaves, algorithm: algorithm) else {
                return .malformed("a Merkle tree of \(leaves.count) leaves has no row of \(map.hashes.count) hashes")
            }
            guard row == map.hashes else { return .mismatch("mdat \(map.localId): a Merkle block does not match") }
            for (_, proof) in proofs where proof.uniqueId == map.uniqueId && proof.localId == map.localId {
                guard proof.location < leaves.count,
                    let node = BMFFMerkleTree.climb(
                        leaf: leaves[proof.location], location: proof.location, leafCount: leaves.count, rowSize: map.hashes.count,
                        proof: proof.hashes, algorithm: algorithm),
                    map.hashes[node.index] == node.hash
                else { return .mismatch("mdat \(map.localId): the merkle box of block \(proof.location) does not prove it") }
            }
        }
        return .match
    }

    /// The leaf blocks of an `mdat` region, checked against the tree's `count`.
    private func blocks(of region: Range<Int>, _ map: BMFFMerkleMap) -> Result<[Range<Int>], OutcomeError> {
        var blocks: [Range<Int>] = []
        if let fixed = map.fixedBlockSize {
            let count = region.isEmpty ? 0 : (region.count - 1) / fixed + 1
            guard count == map.count else {
                return .failure(OutcomeError(.malformed("mdat \(map.localId): \(count) blocks of \(fixed) bytes, the tree counts \(map.count)")))
            }
            var start = region.lowerBound
            while start < region.upperBound {
                let end = region.upperBound - start > fixed ? start + fixed : region.upperBound
                blocks.append(start..<end)
                start = end
            }
        } else if let sizes = map.variableBlockSizes {
            guard sizes.count == map.count else {
                return .failure(OutcomeError(.malformed("mdat \(map.localId): \(sizes.count) block sizes, the tree counts \(map.count)")))
            }
            var start = region.lowerBound
            for size in sizes {
                guard size <= region.upperBound - start else {
                    return .failure(OutcomeError(.malformed("mdat \(map.localId): the block sizes exceed the mdat payload")))
                }
                blocks.append(start..<(start + size))
                start += size
            }
            guard start == region.upperBound else {
                return .failure(OutcomeError(.malformed("mdat \(map.localId): the block sizes do not add up to the mdat payload")))
            }
        } else {
            guard map.count == 1 else {
                return .failure(OutcomeError(.malformed("mdat \(map.localId): one block without block sizes, the tree counts \(map.count)")))
            }
            blocks = [region]
        }
        return .success(blocks)
    }

    // MARK: Fragmented files

    private func checkFragmented(
        _ maps: [BMFFMerkleMap], algorithms: [HashAlgorithm], proofs: [(box: ContainerBox, proof: BMFFMerkleProof)], firstFragment: Int
    ) -> Outcome {
        guard !maps.contains(where: { $0.fixedBlockSize != nil || $0.variableBlockSizes != nil }) else {
            return .malformed("a fragmented file's Merkle tree has block sizes")
        }
        // Structure first: each moof has its merkle box, naming a tree of the assertion, in leaf order.
        let starts = boxes.indices.filter { boxes[$0].name == "moof" }
        let proofsByBox = Dictionary(proofs.map { ($0.box.range.lowerBound, $0.proof) }, uniquingKeysWith: { first, _ in first })
        var fragments: [(boxes: ArraySlice<ContainerBox>, tree: Int, proof: BMFFMerkleProof)] = []
        var nextLocation = Array(repeating: 0, count: maps.count)
        for (position, start) in starts.enumerated() {
            guard start > 0, let proof = proofsByBox[boxes[start - 1].range.lowerBound] else {
                return .malformed("the fragment at offset \(boxes[start].range.lowerBound) has no merkle box before it")
            }
            guard let tree = maps.firstIndex(where: { $0.uniqueId == proof.uniqueId && $0.localId == proof.localId }) else {
                return .malformed("a merkle box names a tree (\(proof.uniqueId), \(proof.localId)) the assertion does not have")
            }
            guard proof.location == nextLocation[tree], proof.location < maps[tree].count else {
                return .mismatch("fragment \(position) is leaf \(proof.location) where leaf \(nextLocation[tree]) was expected")
            }
            nextLocation[tree] += 1
            // A fragment: the moof and every top-level box up to the next moof.
            let end = position + 1 < starts.count ? starts[position + 1] : boxes.count
            fragments.append((boxes[start..<end], tree, proof))
        }
        for (tree, map) in maps.enumerated() where nextLocation[tree] != map.count {
            return .mismatch("the file holds \(nextLocation[tree]) of the \(map.count) fragments of a Merkle tree")
        }
        let header = Array(boxes[..<firstFragment])
        for (map, algorithm) in zip(maps, algorithms) {
            guard let initHash = map.initHash else { return .malformed("a fragmented file's Merkle tree has no initHash") }
            guard hashBoxes(header, algorithm) == initHash else { return .mismatch("the initialization boxes do not match initHash") }
        }
        for (position, fragment) in fragments.enumerated() {
            let map = maps[fragment.tree]
            let algorithm = algorithms[fragment.tree]
            let leaf = hashBoxes(Array(fragment.boxes), algorithm)
            guard
                let node = BMFFMerkleTree.climb(
                    leaf: leaf, location: fragment.proof.location, leafCount: map.count, rowSize: map.hashes.count,
                    proof: fragment.proof.hashes, algorithm: algorithm),
                map.hashes[node.index] == node.hash
            else { return .mismatch("fragment \(position) (leaf \(fragment.proof.location)) does not match its Merkle tree") }
        }
        return .match
    }

    /// An initialization segment alone: every tree's `initHash` over the whole file.
    private func checkInitializationSegment(_ maps: [BMFFMerkleMap], algorithms: [HashAlgorithm]) -> Outcome {
        for (map, algorithm) in zip(maps, algorithms) {
            guard let initHash = map.initHash else { return .malformed("a Merkle tree of a fragmented asset has no initHash") }
            guard hashBoxes(boxes, algorithm) == initHash else { return .mismatch("the initialization segment does not match initHash") }
        }
        return .match
    }
}
