/// Assignment of samples to cross-validation folds such that all samples of a group (a source)
/// share one fold, so no source appears in both the training and the test side of a split.
public enum GroupedKFold {
    /// The fold (`0..<folds`) of every sample.
    ///
    /// Groups are taken from largest to smallest (ties in a seeded random order) and each is put in
    /// the fold with the fewest samples so far (ties: lowest fold index), which balances fold sizes.
    public static func assign(groups: [String], folds: Int, seed: UInt64) -> [Int] {
        precondition(folds >= 2, "at least two folds")
        var sizes: [String: Int] = [:]
        for group in groups { sizes[group, default: 0] += 1 }
        var rng = SplitMix64(seed: seed)
        let names = sizes.keys.sorted()
        let tieBreak = Dictionary(uniqueKeysWithValues: names.map { ($0, rng.next()) })
        let ordered = names.sorted { lhs, rhs in
            let (a, b) = (sizes[lhs] ?? 0, sizes[rhs] ?? 0)
            if a != b { return a > b }
            return (tieBreak[lhs] ?? 0) < (tieBreak[rhs] ?? 0)
        }
        var load = [Int](repeating: 0, count: folds)
        var foldOfGroup: [String: Int] = [:]
        for name in ordered {
            var target = 0
            for f in 1..<folds where load[f] < load[target] { target = f }
            foldOfGroup[name] = target
            load[target] += sizes[name] ?? 0
        }
        return groups.map { foldOfGroup[$0] ?? 0 }
    }

    /// The fold of every sample, balancing each label across folds.
    ///
    /// Groups are taken from largest to smallest (ties in a seeded random order); each goes to the
    /// fold holding the fewest samples of the group's majority label so far (ties: fewest samples
    /// overall, then lowest fold index). With sources that hold thousands of one class this keeps
    /// both classes in every fold's training side, which a size-only balance does not guarantee.
    public static func assignBalancingLabels(groups: [String], labels: [Bool], folds: Int, seed: UInt64) -> [Int] {
        precondition(folds >= 2, "at least two folds")
        precondition(groups.count == labels.count, "one label per sample")
        var sizes: [String: (total: Int, positive: Int)] = [:]
        for (group, label) in zip(groups, labels) {
            let old = sizes[group] ?? (0, 0)
            sizes[group] = (old.total + 1, old.positive + (label ? 1 : 0))
        }
        var rng = SplitMix64(seed: seed)
        let names = sizes.keys.sorted()
        let tieBreak = Dictionary(uniqueKeysWithValues: names.map { ($0, rng.next()) })
        let ordered = names.sorted { lhs, rhs in
            let (a, b) = (sizes[lhs]?.total ?? 0, sizes[rhs]?.total ?? 0)
            if a != b { return a > b }
            return (tieBreak[lhs] ?? 0) < (tieBreak[rhs] ?? 0)
        }
        var count = [[Int]](repeating: [0, 0], count: folds)  // [fold][label]
        var foldOfGroup: [String: Int] = [:]
        for name in ordered {
            let size = sizes[name] ?? (0, 0)
            let majority = size.positive * 2 >= size.total ? 1 : 0
            var target = 0
            for f in 1..<folds {
                let lhs = (count[f][majority], count[f][0] + count[f][1])
                let rhs = (count[target][majority], count[target][0] + count[target][1])
                if lhs < rhs { target = f }
            }
            foldOfGroup[name] = target
            count[target][1] += size.positive
            count[target][0] += size.total - size.positive
        }
        return groups.map { foldOfGroup[$0] ?? 0 }
    }
}
