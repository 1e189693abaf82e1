/// Runs an async transform over items with at most `jobs` in flight, handing results over in input order.
///
/// Items are processed in windows of `jobs`; each window's results are delivered in order before the next
/// window starts, so memory holds at most `jobs` results.
enum BoundedOrderedMap {
    static func run<Item: Sendable, Result: Sendable>(
        _ items: [Item], jobs: Int, transform: @escaping @Sendable (Item) async -> Result,
        deliver: (Result) throws -> Void
    ) async rethrows {
        let width = max(1, jobs)
        var start = 0
        while start < items.count {
            let window = Array(items[start..<min(items.count, start + width)])
            let results = await withTaskGroup(of: (Int, Result).self) { group -> [Result?] in
                for (index, item) in window.enumerated() {
                    group.addTask { (index, await transform(item)) }
                }
                var ordered = [Result?](repeating: nil, count: window.count)
                for await (index, result) in group { ordered[index] = result }
                return ordered
            }
            for case let result? in results { try deliver(result) }
            start += width
        }
    }
}
