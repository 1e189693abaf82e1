/// A format-neutral index of one image file, built by one pass of the format's handler.
///
/// Every consumer that needs to know where things are in a file (the C2PA store locator, the
/// hard-binding checkers, the metadata readers) reads this index instead of walking the bytes again.
/// Ranges are absolute byte offsets into the file.
public struct ContainerIndex: Sendable, Hashable {
    /// The format identified from the leading bytes.
    public var format: ImageFormat
    /// The top-level structures in file order (JPEG marker segments with SOS covering its scan data,
    /// PNG chunks after an 8-byte `PNGh` signature entry, RIFF chunks after the `RIFF` header,
    /// ISO BMFF top-level boxes, the TIFF header, the GIF header, screen descriptor, colour table, extension and
    /// image blocks and trailer). Nil when the structure could not be walked to the end.
    public var boxes: [ContainerBox]?
    /// Every embedded C2PA manifest store, in file order.
    public var manifestStores: [ManifestStoreCarrier]
    /// The main XMP packet, when one is stored in a place this handler reads.
    public var xmpPacket: String?
    /// The EXIF block as TIFF-structured bytes (without any `Exif\0\0` prefix).
    public var exif: [UInt8]?
    /// The embedded ICC profile.
    public var iccProfile: [UInt8]?
    /// Problems in optional parts that did not stop indexing.
    public var warnings: [String]

    /// Creates an index.
    public init(
        format: ImageFormat, boxes: [ContainerBox]? = nil, manifestStores: [ManifestStoreCarrier] = [],
        xmpPacket: String? = nil, exif: [UInt8]? = nil, iccProfile: [UInt8]? = nil, warnings: [String] = []
    ) {
        self.format = format
        self.boxes = boxes
        self.manifestStores = manifestStores
        self.xmpPacket = xmpPacket
        self.exif = exif
        self.iccProfile = iccProfile
        self.warnings = warnings
    }

    /// The one answer to "does this file hold C2PA?": at least one embedded manifest store was found.
    public var hasC2PA: Bool { !manifestStores.isEmpty }
}
