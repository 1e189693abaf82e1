import ByteParsing

/// An image file format, identified from the file's leading bytes (never from its name).
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// JPEG (JFIF/EXIF), starting `FF D8 FF`.
    case jpeg
    /// PNG, starting with the 8-byte PNG signature.
    case png
    /// WebP (RIFF container with a `WEBP` form type).
    case webp
    /// GIF87a / GIF89a.
    case gif
    /// TIFF (`II*\0` or `MM\0*`).
    case tiff
    /// HEIF / HEIC (ISO-BMFF `ftyp` with a HEIF brand).
    case heif
    /// AVIF (ISO-BMFF `ftyp` with an `avif`/`avis` brand).
    case avif
    /// Windows bitmap (`BM`).
    case bmp
    /// JPEG XL (codestream or ISO-BMFF container).
    case jpegXL = "jxl"
    /// MPEG-4 video (ISO-BMFF `ftyp` with an ISO/MP4/AVC/3GPP/DASH brand and no image brand).
    case mp4
    /// QuickTime movie (ISO-BMFF `ftyp` with the `qt  ` brand, or a classic QuickTime file that opens
    /// with a `moov`, `mdat`, `wide` or `free` atom).
    case mov
    /// WebM / Matroska video (EBML header `1A 45 DF A3`).
    case webm
    /// Not a recognised image format.
    case unknown

    /// The format's usual name, for messages (for example `WebP`, `HEIF`).
    public var displayName: String {
        switch self {
        case .jpeg: return "JPEG"
        case .png: return "PNG"
        case .webp: return "WebP"
        case .gif: return "GIF"
        case .tiff: return "TIFF"
        case .heif: return "HEIF"
        case .avif: return "AVIF"
        case .bmp: return "BMP"
        case .jpegXL: return "JPEG XL"
        case .mp4: return "MP4"
        case .mov: return "QuickTime"
        case .webm: return "WebM"
        case .unknown: return "unknown"
        }
    }

    /// Whether Provenant can decode and analyse this format.
    public var isSupported: Bool { [.jpeg, .png, .webp, .heif, .avif, .tiff].contains(self) }

    /// Whether Provenant reads this format's container — structure, metadata and Content Credentials —
    /// though it may not decode its pixels: every supported format, plus GIF, MP4 and QuickTime.
    public var hasReadableContainer: Bool { isSupported || [.gif, .mp4, .mov].contains(self) }

    /// Whether this is a video container (MP4, QuickTime or WebM) rather than a still image.
    public var isVideo: Bool { [.mp4, .mov, .webm].contains(self) }

    /// `ftyp` brands that mark an MPEG-4 (or 3GPP, or DASH) video file.
    static let mp4Brands: Set<String> = [
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9", "mp41", "mp42", "mp71", "avc1",
        "dash", "msdh", "msix", "M4V ", "M4VH", "M4VP", "3gp4", "3gp5", "3gp6", "3g2a", "f4v ", "MSNV", "XAVC",
    ]

    /// Identifies the format from the first bytes of a file (64 bytes are enough; ISO-BMFF files
    /// are recognised from their `ftyp` major brand or, failing that, their compatible brands).
    public static func sniff<C: Collection>(_ bytes: C) -> ImageFormat where C.Element == UInt8 {
        let head = Array(bytes.prefix(64))
        func starts(_ magic: [UInt8], at position: Int = 0) -> Bool {
            head.count >= position + magic.count && Array(head[position..<(position + magic.count)]) == magic
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts([0xFF, 0x0A]) || starts([0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20]) { return .jpegXL }
        if starts(Array("BM".utf8)) && head.count >= 14 { return .bmp }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return .webm }
        if starts(Array("ftyp".utf8), at: 4), head.count >= 12 {
            let boxSize = head[0..<4].reduce(0) { $0 << 8 | Int($1) }
            var brands = [String(decoding: head[8..<12], as: UTF8.self)]
            var position = 16
            while position + 4 <= min(boxSize, head.count) {
                brands.append(String(decoding: head[position..<(position + 4)], as: UTF8.self))
                position += 4
            }
            // AVIF files often carry the generic HEIF brand `mif1` too, so AVIF brands win.
            if brands.contains(where: { $0 == "avif" || $0 == "avis" }) { return .avif }
            let heifBrands: Set<String> = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]
            if brands.contains(where: { heifBrands.contains($0) }) { return .heif }
            if brands[0] == "qt  " { return .mov }
            if brands.contains(where: { Self.mp4Brands.contains($0) }) { return .mp4 }
            if brands.contains("qt  ") { return .mov }
        }
        // Classic QuickTime files predate `ftyp` and open with a movie, data or padding atom.
        if head.count >= 8, ["moov", "mdat", "wide", "free"].contains(where: { starts(Array($0.utf8), at: 4) }) {
            return .mov
        }
        return .unknown
    }
}
