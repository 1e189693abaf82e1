import ImageContainers

/// One box of a JUMBF tree (ISO/IEC 19566-5), located by offsets into the store buffer.
public struct JUMBFBox: Sendable, Hashable {
    /// The four-character box type (`jumb`, `jumd`, `cbor`, `json`, `bidb`, …).
    public let type: String
    /// The range of the whole box, header included.
    public let range: Range<Int>
    /// The range of the payload (after the 8- or 16-byte header).
    public let payloadRange: Range<Int>
    /// For a `jumb` superbox: its description box.
    public let description: JUMBFDescription?
    /// For a `jumb` superbox: the boxes after the description box.
    public let children: [JUMBFBox]

    /// Creates a box record.
    public init(type: String, range: Range<Int>, payloadRange: Range<Int>, description: JUMBFDescription?, children: [JUMBFBox]) {
        self.type = type
        self.range = range
        self.payloadRange = payloadRange
        self.description = description
        self.children = children
    }

    /// Whether this is a superbox (`jumb`).
    public var isSuperbox: Bool { type == "jumb" }

    /// The superbox label, when present.
    public var label: String? { description?.label }

    /// The four-character type code of the description UUID (`c2pa`, `c2ma`, …); nil unless all sixteen
    /// bytes spell a code and the fixed suffix (``JUMBFContentType/code``).
    public var contentType: String? { description?.typeCode }

    /// Whether this is a superbox of content type `type` (all sixteen UUID bytes compared).
    public func hasContentType(_ type: JUMBFContentType) -> Bool {
        description?.contentType == type
    }

    /// The first child superbox whose label is `label`.
    public func child(labelled label: String) -> JUMBFBox? {
        children.first { $0.isSuperbox && $0.label == label }
    }

    /// The first child superbox whose label is `label` and whose content type is `type`: how a manifest's
    /// claim, signature and assertion store are found (C2PA 2.2 §11.1.4 names both).
    public func child(labelled label: String, ofType type: JUMBFContentType) -> JUMBFBox? {
        children.first { $0.isSuperbox && $0.label == label && $0.hasContentType(type) }
    }

    /// The child superboxes whose label is `label`.
    public func children(labelled label: String) -> [JUMBFBox] {
        children.filter { $0.isSuperbox && $0.label == label }
    }

    /// The first content (non-superbox) child of type `type`.
    public func content(ofType type: String) -> JUMBFBox? {
        children.first { !$0.isSuperbox && $0.type == type }
    }

    /// The first content (non-superbox) child.
    public var firstContent: JUMBFBox? {
        children.first { !$0.isSuperbox }
    }
}

/// The description box (`jumd`) of a JUMBF superbox.
public struct JUMBFDescription: Sendable, Hashable {
    /// The 16-byte type UUID.
    public let uuid: [UInt8]
    /// The toggle byte.
    public let toggles: UInt8
    /// The label, when the label toggle is set.
    public let label: String?
    /// The ID, when the ID toggle is set.
    public let id: UInt32?
    /// The 32-byte signature, when the signature toggle is set.
    public let signature: [UInt8]?
    /// The range of the private box, when present (a `c2sh` salt box in C2PA).
    public let privateBoxRange: Range<Int>?

    /// Creates a description record.
    public init(uuid: [UInt8], toggles: UInt8, label: String?, id: UInt32?, signature: [UInt8]?, privateBoxRange: Range<Int>?) {
        self.uuid = uuid
        self.toggles = toggles
        self.label = label
        self.id = id
        self.signature = signature
        self.privateBoxRange = privateBoxRange
    }

    /// The content type named by the UUID.
    public var contentType: JUMBFContentType? { JUMBFContentType(uuid: uuid) }

    /// The four-character type code when the whole UUID is a C2PA/ISO type UUID (``JUMBFContentType/code``).
    public var typeCode: String? { contentType?.code }

    /// The UUID as lowercase hexadecimal with dashes; a UUID that is not sixteen bytes long as plain
    /// two-digit hexadecimal.
    public var uuidString: String {
        contentType?.description ?? uuid.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
