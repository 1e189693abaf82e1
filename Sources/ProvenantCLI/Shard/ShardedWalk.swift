/// A scan's walk restricted to one shard: the entries of ``ScanWalker`` whose ``ShardKey`` falls in the
/// shard (all of them without one), counting those left to other shards.
///
/// Inputs from position `placedFrom` on were already placed by the list reader (`--files-from` with a
/// shard keeps only the listed paths whose key is in the shard), so everything found under them is kept:
/// a folder named in a list goes whole to the shard of its own path.
struct ShardedWalk: Sequence, IteratorProtocol {
    private var walker: ScanWalker
    private let shard: ShardSpec?
    private let placedFrom: Int
    /// Entries that belong to other shards, so far.
    private(set) var otherShards = 0

    init(walker: ScanWalker, shard: ShardSpec?, placedFrom: Int = .max) {
        self.walker = walker
        self.shard = shard
        self.placedFrom = placedFrom
    }

    mutating func next() -> ScanEntry? {
        while let entry = walker.next() {
            guard let shard, walker.currentInputIndex < placedFrom else { return entry }
            if shard.contains(key: ShardKey.key(path: entry.path, root: walker.currentInput)) { return entry }
            otherShards += 1
        }
        return nil
    }
}

extension ScanEntry {
    /// The path the entry is about.
    var path: String {
        switch self {
        case .file(let path), .failure(let path, _), .skipped(let path, _): path
        }
    }
}
