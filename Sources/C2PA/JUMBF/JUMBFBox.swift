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

    /// The four-character type code carried in the first bytes of the description UUID (`c2pa`, `c2ma`, …).
    public var contentType: String? { description?.typeCode }

    /// The first child superbox whose label is `label`.
    public func child(labelled label: String) -> JUMBFBox? {
        children.first { $0.isSuperbox && $0.label == label }
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

    /// The type code spelled by the UUID's first four bytes when they are printable ASCII.
    public var typeCode: String? {
        guard uuid.count == 16 else { return nil }
        let head = uuid[0..<4]
        guard head.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        return String(decoding: head, as: UTF8.self)
    }

    /// The UUID as lowercase hexadecimal with dashes.
    public var uuidString: String {
        let hex = uuid.map { byte -> String in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
        guard hex.count == 16 else { return hex.joined() }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}
