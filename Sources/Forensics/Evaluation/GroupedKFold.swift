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
}
