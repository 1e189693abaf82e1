import ByteParsing
import Foundation
import ImageContainers

/// A parsed manifest store: the `c2pa` superbox and its manifests in order (the last is active).
public struct ManifestStore: Sendable, Hashable {
    /// The store bytes (box offsets refer to these).
    public let bytes: [UInt8]
    /// The root superbox.
    public let root: JUMBFBox
    /// The manifests in store order: the child superboxes of type `c2ma` or `c2um` (C2PA 2.2 §11.1.4; child
    /// boxes of any other type are skipped, as the reference skips them).
    public let manifests: [Manifest]
    /// The index of the last manifest with each label.
    private let indexByLabel: [String: Int]
    /// For every superbox (keyed by its start offset): the positions of its child superboxes by label,
    /// so that resolving a URI costs one look-up per path segment instead of a scan of the children.
    private let childrenByLabel: [Int: [String: [Int]]]

    /// Parses a store.
    public init(bytes: [UInt8], limits: ParseLimits = .default, cborLimits: CBORLimits = .default) throws(ParseError) {
        self.bytes = bytes
        let root = try JUMBFParser(limits: limits).parseStore(bytes)
        guard root.hasContentType(.manifestStore) else {
            let found = root.description?.uuidString ?? "none"
            throw ParseError(
                .invalidValue, at: root.payloadRange.lowerBound,
                "the JUMBF superbox is not a C2PA manifest store: its type UUID is \(found), not \(JUMBFContentType.manifestStore)")
        }
        // One walk of the tree both refuses unaddressable superboxes and indexes the children by label.
        var children: [Int: [String: [Int]]] = [:]
        try Self.indexAddressableChildren(of: root, into: &children, depth: 0, limit: limits.maxDepth)
        self.childrenByLabel = children
        self.root = root
        let boxes = root.children.filter { $0.isSuperbox && ($0.description?.contentType?.isManifest ?? false) }
        // Checked before any manifest is decoded: validation costs a signature and chain check each.
        guard boxes.count <= limits.maxManifests else {
            throw ParseError(
                .tooManyManifests, at: boxes[limits.maxManifests].range.lowerBound,
                "the manifest store holds \(boxes.count) manifests; the limit is \(limits.maxManifests)")
        }
        let decoder = CBORDecoder(limits: cborLimits)
        let manifests = boxes.map { Manifest(box: $0, bytes: bytes, decoder: decoder) }
        self.manifests = manifests
        var index: [String: Int] = [:]
        for (position, manifest) in manifests.enumerated() { index[manifest.label] = position }
        self.indexByLabel = index
    }

    /// Records the labelled child superboxes of `box` and, recursively, of its descendants, and refuses
    /// a store with a superbox whose description box is not both requestable and labelled (toggle bits 0
    /// and 1; ``ReferenceRule/addressableSuperboxes``). The depth is bounded by the JUMBF parse limits that
    /// built the tree; `limit` repeats the bound here.
    private static func indexAddressableChildren(
        of box: JUMBFBox, into index: inout [Int: [String: [Int]]], depth: Int, limit: Int
    ) throws(ParseError) {
        guard depth <= limit else { throw ParseError(.depthExceeded, at: box.range.lowerBound, "JUMBF nesting deeper than \(limit)") }
        if let description = box.description, description.toggles & 0x03 != 0x03 {
            throw ParseError(
                .invalidValue, at: box.payloadRange.lowerBound,
                "JUMBF superbox '\(description.label ?? "")' is not requestable and labelled (toggles \(description.toggles))")
        }
        var labels: [String: [Int]] = [:]
        for (position, child) in box.children.enumerated() where child.isSuperbox {
            if let label = child.label { labels[label, default: []].append(position) }
            try indexAddressableChildren(of: child, into: &index, depth: depth + 1, limit: limit)
        }
        index[box.range.lowerBound] = labels
    }

    /// The active manifest (the last one).
    public var activeManifest: Manifest? { manifests.last }

    /// The manifest with this label.
    public func manifest(labelled label: String) -> Manifest? {
        indexByLabel[label].map { manifests[$0] }
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
            guard let matches = childrenByLabel[current.range.lowerBound]?[part], matches.count == 1,
                let position = matches.first, current.children.indices.contains(position)
            else { return nil }
            current = current.children[position]
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
