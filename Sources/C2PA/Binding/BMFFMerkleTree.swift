/// The C2PA Merkle tree (C2PA 2.2 §A.5.4): every leaf sits on the bottom row; a parent is the hash of its
/// left child's hash followed by its right child's; a node without a right sibling moves up a row
/// unchanged (no duplication, no hashing). The manifest stores one row; auxiliary boxes carry the
/// sibling hashes that lead from a leaf to that row.
enum BMFFMerkleTree {
    /// The number of nodes in each row, from the `leafCount` leaves up to the single root.
    static func rowSizes(leafCount: Int) -> [Int] {
        guard leafCount >= 1 else { return [] }
        var sizes = [leafCount]
        while let last = sizes.last, last > 1 { sizes.append((last + 1) / 2) }
        return sizes
    }

    /// The row of `size` nodes built up from `leaves`; nil when the tree has no row of that size.
    static func row(ofSize size: Int, from leaves: [[UInt8]], algorithm: HashAlgorithm) -> [[UInt8]]? {
        guard rowSizes(leafCount: leaves.count).contains(size) else { return nil }
        var row = leaves
        while row.count > size {
            var parents: [[UInt8]] = []
            parents.reserveCapacity((row.count + 1) / 2)
            var position = 0
            while position < row.count {
                if position + 1 < row.count {
                    var hasher = HashAlgorithm.Hasher(algorithm)
                    hasher.update(row[position])
                    hasher.update(row[position + 1])
                    parents.append(hasher.finalize())
                } else {
                    parents.append(row[position])
                }
                position += 2
            }
            row = parents
        }
        return row
    }

    /// Climbs from leaf `location` (hash `leaf`) to the row of `rowSize` nodes, taking each missing sibling
    /// from `proof` in order. Returns the node's index in that row and its hash; nil when the tree has no
    /// such row or the proof runs out.
    static func climb(
        leaf: [UInt8], location: Int, leafCount: Int, rowSize: Int, proof: [[UInt8]], algorithm: HashAlgorithm
    ) -> (index: Int, hash: [UInt8])? {
        let sizes = rowSizes(leafCount: leafCount)
        guard location >= 0, location < leafCount, sizes.contains(rowSize) else { return nil }
        var index = location
        var hash = leaf
        var used = 0
        for size in sizes {
            if size == rowSize { return (index, hash) }
            let isRight = index % 2 == 1
            if isRight || index + 1 < size {
                guard used < proof.count else { return nil }
                var hasher = HashAlgorithm.Hasher(algorithm)
                if isRight {
                    hasher.update(proof[used])
                    hasher.update(hash)
                } else {
                    hasher.update(hash)
                    hasher.update(proof[used])
                }
                hash = hasher.finalize()
                used += 1
            }
            index /= 2
        }
        return nil
    }
}
