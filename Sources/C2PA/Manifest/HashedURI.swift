import Foundation

/// A hashed reference inside a manifest (C2PA 2.2 §8.4.2): a JUMBF URI plus the hash of the box it names.
public struct HashedURI: Sendable, Hashable {
    /// The JUMBF URI (`self#jumbf=…`).
    public let url: String
    /// The hash algorithm named on the reference, if any.
    public let alg: String?
    /// The expected hash.
    public let hash: [UInt8]

    /// Creates a reference.
    public init(url: String, alg: String?, hash: [UInt8]) {
        self.url = url
        self.alg = alg
        self.hash = hash
    }

    /// Reads a hashed URI map (`{url, alg?, hash}`); nil when `url` is missing.
    public init?(_ value: CBORValue) {
        guard let url = value["url"]?.textValue else { return nil }
        self.url = url
        self.alg = value["alg"]?.textValue
        self.hash = value["hash"]?.bytesValue ?? []
    }

    /// The label path of the URI (`["c2pa", "urn:…", "c2pa.assertions", "c2pa.actions"]` for an absolute URI).
    public var path: [String] {
        var text = url
        if let range = text.range(of: "#jumbf=") {
            text = String(text[range.upperBound...])
        }
        return text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// Whether the URI is absolute (starts with `/` after `jumbf=`).
    public var isAbsolute: Bool {
        guard let range = url.range(of: "#jumbf=") else { return url.hasPrefix("/") }
        return url[range.upperBound...].hasPrefix("/")
    }

    /// The manifest label named by an absolute URI (`/c2pa/<label>/…`).
    public var manifestLabel: String? {
        let parts = path
        guard isAbsolute, parts.count >= 2, parts[0] == "c2pa" else { return nil }
        return parts[1]
    }
}
