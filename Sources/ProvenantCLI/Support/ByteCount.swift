import ArgumentParser

/// A size in bytes on the command line: a whole number with an optional binary suffix
/// (`K` = 1024, `M` = 1024², `G` = 1024³), such as `65536`, `16K`, `512M` or `2G`.
struct ByteCount: ExpressibleByArgument, Sendable, Equatable {
    /// The size in bytes.
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.uppercased()
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text)
        var multiplier = 1
        if let last = text.last, let factor = multipliers[last] {
            multiplier = factor
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        bytes = product
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
