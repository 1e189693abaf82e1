import Foundation
import Crypto

/// The hash algorithms C2PA allows for hashed URIs and hard bindings (C2PA 2.2 §13.1).
enum HashAlgorithm: String, Sendable {
    case sha256, sha384, sha512

    /// Maps an `alg` name (`sha256`, `SHA-256`, …); nil when unsupported.
    init?(name: String?) {
        guard let name else { return nil }
        switch name.lowercased().replacingOccurrences(of: "-", with: "") {
        case "sha256": self = .sha256
        case "sha384": self = .sha384
        case "sha512": self = .sha512
        default: return nil
        }
    }

    /// Hashes contiguous bytes.
    func digest<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = Hasher(self)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The swift-crypto digest of `message`, for signature verification.
    func hash(_ message: [UInt8]) -> any Digest {
        switch self {
        case .sha256: return SHA256.hash(data: message)
        case .sha384: return SHA384.hash(data: message)
        case .sha512: return SHA512.hash(data: message)
        }
    }

    /// An incremental hasher over one of the algorithms.
    struct Hasher {
        private var sha256: SHA256?
        private var sha384: SHA384?
        private var sha512: SHA512?

        init(_ algorithm: HashAlgorithm) {
            switch algorithm {
            case .sha256: sha256 = SHA256()
            case .sha384: sha384 = SHA384()
            case .sha512: sha512 = SHA512()
            }
        }

        mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            let buffer: [UInt8]
            if let array = bytes as? [UInt8] { buffer = array } else { buffer = Array(bytes) }
            buffer.withUnsafeBytes { raw in
                sha256?.update(bufferPointer: raw)
                sha384?.update(bufferPointer: raw)
                sha512?.update(bufferPointer: raw)
            }
        }

        mutating func update(_ bytes: ArraySlice<UInt8>) {
            bytes.withUnsafeBytes { raw in
                sha256?.update(bufferPointer: raw)
                sha384?.update(bufferPointer: raw)
                sha512?.update(bufferPointer: raw)
            }
        }

        func finalize() -> [UInt8] {
            if let sha256 { return Array(sha256.finalize()) }
            if let sha384 { return Array(sha384.finalize()) }
            if let sha512 { return Array(sha512.finalize()) }
            return []
        }
    }
}
