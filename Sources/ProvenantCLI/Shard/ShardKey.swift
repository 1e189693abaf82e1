/// The stable key that places an input in a shard, and the hash that spreads keys over shards.
///
/// The key is the input's path relative to the scan root: for a file found by walking a folder named as
/// an input, the path below that folder (`photos` + `2024/a.jpg` has key `2024/a.jpg`); for a path named
/// directly (an argument or a `--files-from` line), the path as written. Either way it is normalised
/// lexically (``normalized(_:)``): no file-system access, so every machine computes the same key whatever
/// its mount point or working directory.
///
/// The hash is 64-bit FNV-1a over the key's UTF-8 bytes (offset basis 0xcbf29ce484222325, prime
/// 0x100000001b3, xor then multiply, wrapping); a key belongs to shard `hash % count` (shards count from 0).
enum ShardKey {
    /// FNV-1a 64 offset basis.
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a 64 prime.
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// 64-bit FNV-1a of `bytes`.
    static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// The key of `path`, found while walking the input `root` (the path itself when it is the root).
    static func key(path: String, root: String) -> String {
        if path == root { return normalized(path) }
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return normalized(path) }
        return normalized(String(path.dropFirst(prefix.count)))
    }

    /// `path` without `.` components, empty components (doubled slashes) and trailing slashes; a leading
    /// `/` is kept and `..` is kept as written (resolving it would need the file system).
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
