/// Maps `0..<count` through `body` with at most `width` tasks running at once, keeping order.
public func parallelMap<T: Sendable>(
    count: Int, width: Int, _ body: @escaping @Sendable (Int) -> T
) async -> [T] {
    guard count > 0 else { return [] }
    return await withTaskGroup(of: (Int, T).self) { group in
        var results = [T?](repeating: nil, count: count)
        var next = 0
        while next < min(max(1, width), count) {
            let index = next
            group.addTask { (index, body(index)) }
            next += 1
        }
        for await (index, value) in group {
            results[index] = value
            if next < count {
                let index = next
                group.addTask { (index, body(index)) }
                next += 1
            }
        }
        return results.compactMap { $0 }
    }
}
