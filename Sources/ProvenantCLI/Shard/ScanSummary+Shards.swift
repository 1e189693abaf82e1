extension ScanSummary {
    /// Completes a summary counted from merged results with the shards' own summaries: skip counts add
    /// up, jobs add up, and the time is the longest shard's (the shards run at once), so ``rate`` is the
    /// images per second over all shards. Without summaries the time and skips stay unknown.
    mutating func addShardSummaries(_ shards: [ScanSummaryFile]) {
        guard !shards.isEmpty else {
            timeAndSkipsKnown = false
            return
        }
        jobs = 0
        seconds = 0
        for shard in shards {
            skippedNotImage += shard.skippedNotImage
            skippedUnsupported += shard.skippedUnsupported
            skippedSubfolders += shard.skippedSubfolders
            skippedHidden += shard.skippedHidden
            skippedSymlinks += shard.skippedSymlinks
            skippedOther += shard.skippedOther
            jobs += shard.jobs
            seconds = max(seconds, shard.seconds)
        }
        // Results carried over by --resume were analysed by an earlier run whose time is not in any
        // summary; the rate counts only those analysed in the runs summarised.
        resumedResults = shards.reduce(0) { $0 + $1.resumedResults }
    }
}
