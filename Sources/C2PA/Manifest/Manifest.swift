import Foundation
import ByteParsing

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

/// One manifest of a store (C2PA 2.2 §11.1.4).
public struct Manifest: Sendable, Hashable {
    /// The manifest label (`urn:c2pa:…` / `urn:uuid:…`).
    public let label: String
    /// The manifest superbox.
    public let box: JUMBFBox
    /// The type code of the manifest superbox (`c2ma`, `c2um`, …).
    public let kind: String?
    /// The claim superbox, if present.
    public let claimBox: JUMBFBox?
    /// The range of the claim's CBOR bytes (the detached COSE payload).
    public let claimRange: Range<Int>?
    /// The decoded claim, if it could be decoded.
    public let claim: Claim?
    /// A problem decoding the claim, if any.
    public let claimError: ParseError?
    /// The signature superbox, if present.
    public let signatureBox: JUMBFBox?
    /// The assertion store superbox, if present.
    public let assertionStore: JUMBFBox?
    /// The assertion superboxes in store order.
    public let assertions: [AssertionBox]

    /// Whether this is an update manifest.
    public var isUpdateManifest: Bool { kind == "c2um" }

    /// Builds the manifest view of a manifest superbox.
    init(box: JUMBFBox, bytes: [UInt8], decoder: CBORDecoder) {
        self.box = box
        self.label = box.label ?? ""
        self.kind = box.contentType
        let claimBox = box.child(labelled: "c2pa.claim.v2") ?? box.child(labelled: "c2pa.claim")
        self.claimBox = claimBox
        var claimRange: Range<Int>?
        var claim: Claim?
        var claimError: ParseError?
        if let claimBox, let content = claimBox.content(ofType: "cbor") {
            claimRange = content.payloadRange
            do {
                let value = try decoder.decode(bytes, range: content.payloadRange)
                claim = Claim(value: value, version: claimBox.label == "c2pa.claim.v2" ? 2 : 1)
            } catch {
                claimError = error
            }
        }
        self.claimRange = claimRange
        self.claim = claim
        self.claimError = claimError
        self.signatureBox = box.child(labelled: "c2pa.signature")
        let store = box.child(labelled: "c2pa.assertions")
        self.assertionStore = store
        self.assertions = (store?.children ?? []).compactMap { child in
            guard child.isSuperbox, let label = child.label else { return nil }
            return AssertionBox(label: label, box: child)
        }
    }

    /// The assertion with exactly this label.
    public func assertion(labelled label: String) -> AssertionBox? {
        assertions.first { $0.label == label }
    }
}

/// A parsed manifest store: the `c2pa` superbox and its manifests in order (the last is active).
public struct ManifestStore: Sendable, Hashable {
    /// The store bytes (box offsets refer to these).
    public let bytes: [UInt8]
    /// The root superbox.
    public let root: JUMBFBox
    /// The manifests in store order.
    public let manifests: [Manifest]

    /// Parses a store.
    public init(bytes: [UInt8], limits: ParseLimits = .default, cborLimits: CBORLimits = .default) throws(ParseError) {
        self.bytes = bytes
        let root = try JUMBFParser(limits: limits).parseStore(bytes)
        guard root.contentType == "c2pa" else {
            throw ParseError(.invalidValue, at: 0, "the JUMBF superbox is not a C2PA manifest store")
        }
        self.root = root
        let decoder = CBORDecoder(limits: cborLimits)
        self.manifests = root.children.filter(\.isSuperbox).map { Manifest(box: $0, bytes: bytes, decoder: decoder) }
    }

    /// The active manifest (the last one).
    public var activeManifest: Manifest? { manifests.last }

    /// The manifest with this label.
    public func manifest(labelled label: String) -> Manifest? {
        manifests.last { $0.label == label }
    }

    /// The bytes of a box's payload.
    public func payload(of box: JUMBFBox) -> ArraySlice<UInt8> { bytes[box.payloadRange] }

    /// Resolves a JUMBF URI relative to `manifest` (or absolute within the store) to a superbox.
    public func resolve(_ uri: String, in manifest: Manifest) -> JUMBFBox? {
        let reference = HashedURI(url: uri, alg: nil, hash: [])
        var parts = reference.path
        var current: JUMBFBox
        if reference.isAbsolute {
            guard parts.first == "c2pa" else { return nil }
            parts.removeFirst()
            current = root
        } else {
            current = manifest.box
        }
        for part in parts {
            let matches = current.children(labelled: part)
            guard matches.count == 1, let next = matches.first else { return nil }
            current = next
        }
        return current
    }

    /// Decodes the CBOR content of an assertion superbox.
    public func cbor(of box: JUMBFBox, limits: CBORLimits = .default) throws(ParseError) -> CBORValue {
        guard let content = box.content(ofType: "cbor") else {
            throw ParseError(.invalidValue, at: box.range.lowerBound, "assertion has no cbor content box")
        }
        return try CBORDecoder(limits: limits).decode(bytes, range: content.payloadRange)
    }
}
