/// One `merkle-map` of a BMFF hash assertion (C2PA 2.2 §18.6.3): one stored row of a Merkle tree whose
/// leaves hash the blocks of one `mdat` (flat file) or the fragments of one track (fragmented MP4).
struct BMFFMerkleMap: Sendable, Hashable {
    /// Differentiates trees across files; matched against the auxiliary boxes' `uniqueId`.
    let uniqueId: Int
    /// The tree within the asset; for a flat file, the 0-based position of its `mdat` among the `mdat` boxes.
    let localId: Int
    /// The number of leaves.
    let count: Int
    /// The tree's hash algorithm; the assertion's when absent.
    let alg: String?
    /// Fragmented MP4: the hash of everything before the first `moof` (exclusions applied).
    let initHash: [UInt8]?
    /// The stored row of the tree (leaves, root, or a row between).
    let hashes: [[UInt8]]
    /// Flat file: the size of every leaf's block of the `mdat` (the last one may be shorter).
    let fixedBlockSize: Int?
    /// Flat file: the size of each leaf's block, in order.
    let variableBlockSizes: [Int]?

    /// Reads a `merkle-map`; nil when a required field is missing or has the wrong type.
    init?(_ value: CBORValue) {
        guard let uniqueId = value["uniqueId"]?.intValue, let localId = value["localId"]?.intValue,
            let count = value["count"]?.intValue, count >= 1, let list = value["hashes"]?.arrayValue, !list.isEmpty
        else { return nil }
        var hashes: [[UInt8]] = []
        for item in list {
            guard let bytes = item.bytesValue else { return nil }
            hashes.append(bytes)
        }
        self.uniqueId = uniqueId
        self.localId = localId
        self.count = count
        self.hashes = hashes
        if let alg = value["alg"] {
            guard let text = alg.textValue else { return nil }
            self.alg = text
        } else {
            self.alg = nil
        }
        if let initHash = value["initHash"] {
            guard let bytes = initHash.bytesValue else { return nil }
            self.initHash = bytes
        } else {
            self.initHash = nil
        }
        if let fixed = value["fixedBlockSize"] {
            guard let size = fixed.intValue, size >= 1 else { return nil }
            self.fixedBlockSize = size
        } else {
            self.fixedBlockSize = nil
        }
        if let variable = value["variableBlockSizes"] {
            guard let list = variable.arrayValue else { return nil }
            var sizes: [Int] = []
            for item in list {
                guard let size = item.intValue, size >= 0 else { return nil }
                sizes.append(size)
            }
            self.variableBlockSizes = sizes
        } else {
            self.variableBlockSizes = nil
        }
    }
}

/// The CBOR `bmff-merkle-map` of an auxiliary C2PA `merkle` box (C2PA 2.2 §A.5.4.2): which tree and
/// leaf the box's block or fragment is, and the sibling hashes that lead from that leaf to the stored row.
struct BMFFMerkleProof: Sendable, Hashable {
    let uniqueId: Int
    let localId: Int
    /// The 0-based leaf index.
    let location: Int
    /// Sibling hashes from the leaf's row upwards (leaf-most first); empty when the stored row is the leaves.
    let hashes: [[UInt8]]

    /// Reads a `bmff-merkle-map`; nil when a required field is missing or has the wrong type.
    init?(_ value: CBORValue) {
        guard let uniqueId = value["uniqueId"]?.intValue, let localId = value["localId"]?.intValue,
            let location = value["location"]?.intValue, location >= 0
        else { return nil }
        var hashes: [[UInt8]] = []
        if let list = value["hashes"] {
            guard let items = list.arrayValue else { return nil }
            for item in items {
                guard let bytes = item.bytesValue else { return nil }
                hashes.append(bytes)
            }
        }
        self.uniqueId = uniqueId
        self.localId = localId
        self.location = location
        self.hashes = hashes
    }
}
