import Foundation

/// One assertion box of a manifest's assertion store.
public struct AssertionBox: Sendable, Hashable {
    /// The assertion label (`c2pa.actions.v2`, `c2pa.hash.data`, `c2pa.ingredient__1`, …).
    public let label: String
    /// The superbox.
    public let box: JUMBFBox

    /// The label without an instance suffix (`__N`).
    public var baseLabel: String {
        guard let range = label.range(of: "__", options: .backwards),
            label[range.upperBound...].allSatisfy(\.isNumber), !label[range.upperBound...].isEmpty
        else { return label }
        return String(label[..<range.lowerBound])
    }
}
