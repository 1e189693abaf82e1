/// Remembers the digests of byte ranges of the store already hashed during one validation.
///
/// A claim may reference the same assertion, and ingredients the same manifest, any number of
/// times; without the cache a small crafted store makes the verifier hash the same megabytes once
/// per reference (references × size work).
struct DigestCache {
    private struct Key: Hashable {
        let algorithm: HashAlgorithm
        let range: Range<Int>
    }

    private var digests: [Key: [UInt8]] = [:]

    /// The digest of `bytes[range]` under `algorithm`, computed at most once per range and algorithm.
    mutating func digest(_ algorithm: HashAlgorithm, of range: Range<Int>, in bytes: [UInt8]) -> [UInt8] {
        let key = Key(algorithm: algorithm, range: range)
        if let known = digests[key] { return known }
        let value = algorithm.digest(bytes[range])
        digests[key] = value
        return value
    }
}
