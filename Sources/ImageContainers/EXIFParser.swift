import ByteParsing

/// Reads the provenance-relevant fields of an EXIF block (a TIFF structure: header, IFD0,
/// the EXIF and GPS sub-IFDs, and the IFD1 chain).
///
/// Structural problems in the header or IFD0, offset cycles and limit violations throw.
/// A sub-IFD or IFD1 that cannot be read is skipped, and a field whose value lies outside the
/// data is ignored, so slightly damaged camera files still yield their make and model.
public enum EXIFParser {
    enum Tag {
        static let imageDescription: UInt16 = 0x010E
        static let make: UInt16 = 0x010F
        static let model: UInt16 = 0x0110
        static let software: UInt16 = 0x0131
        static let dateTime: UInt16 = 0x0132
        static let artist: UInt16 = 0x013B
        static let orientation: UInt16 = 0x0112
        static let makerNote: UInt16 = 0x927C
        static let imageUniqueID: UInt16 = 0xA420
        static let copyright: UInt16 = 0x8298
        static let exifIFD: UInt16 = 0x8769
        static let gpsIFD: UInt16 = 0x8825
        static let interoperabilityIFD: UInt16 = 0xA005
        static let dateTimeOriginal: UInt16 = 0x9003
        static let dateTimeDigitized: UInt16 = 0x9004
        static let userComment: UInt16 = 0x9286
        static let bodySerialNumber: UInt16 = 0xA431
        static let lensMake: UInt16 = 0xA433
        static let lensModel: UInt16 = 0xA434
        static let exposureTime: UInt16 = 0x829A
        static let fNumber: UInt16 = 0x829D
        static let iso: UInt16 = 0x8827
        static let focalLength: UInt16 = 0x920A
        static let gpsLatitudeRef: UInt16 = 0x0001
        static let gpsLatitude: UInt16 = 0x0002
        static let gpsLongitudeRef: UInt16 = 0x0003
        static let gpsLongitude: UInt16 = 0x0004
    }

    /// Parses a TIFF-structured EXIF block (the bytes after `Exif\0\0` in JPEG, or a PNG eXIf chunk).
    ///
    /// - Throws: ``ParseError`` — `truncated` / `invalidValue` for a bad header or IFD0,
    ///   `cycleDetected` when IFD offsets loop, `depthExceeded` / `limitExceeded` past ``ParseLimits``.
    public static func parse(_ tiffBytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> EXIFSummary {
        try walk(tiffBytes, limits: limits, strict: true).summary
    }

    /// Like ``parse(_:limits:)``, but a cycle or excessive depth after IFD0 (in a sub-IFD or the
    /// IFD1 chain) ends that branch and is returned as an issue instead of being thrown, so the
    /// fields already read are kept. Real camera files occasionally point IFD1 back at IFD0.
    public static func parseTolerant(
        _ tiffBytes: [UInt8], limits: ParseLimits = .default
    ) throws(ParseError) -> (summary: EXIFSummary, issues: [ParseError]) {
        try walk(tiffBytes, limits: limits, strict: false)
    }

    private static func walk(
        _ tiffBytes: [UInt8], limits: ParseLimits, strict: Bool
    ) throws(ParseError) -> (summary: EXIFSummary, issues: [ParseError]) {
        var reader = ByteReader(tiffBytes)
        let order = try reader.readBytes(2)
        let endianness: Endianness
        switch (order[order.startIndex], order[order.startIndex + 1]) {
        case (0x49, 0x49): endianness = .little
        case (0x4D, 0x4D): endianness = .big
        default: throw ParseError(.invalidValue, at: 0, "TIFF byte order mark is neither II nor MM")
        }
        let magic = try reader.readUInt16(endianness)
        guard magic == 42 else { throw ParseError(.invalidValue, at: 2, "TIFF magic is \(magic), not 42") }
        let firstOffset = Int(try reader.readUInt32(endianness))
        var walker = Walker(bytes: tiffBytes, endianness: endianness, limits: limits, strict: strict)
        var summary = EXIFSummary(byteOrder: endianness == .little ? "II" : "MM")

        let ifd0 = try walker.directory(at: firstOffset, depth: 0)
        summary.imageDescription = walker.string(ifd0.entry(Tag.imageDescription))
        summary.make = walker.string(ifd0.entry(Tag.make))
        summary.model = walker.string(ifd0.entry(Tag.model))
        summary.software = walker.string(ifd0.entry(Tag.software))
        summary.dateTime = walker.string(ifd0.entry(Tag.dateTime))
        summary.artist = walker.string(ifd0.entry(Tag.artist))
        summary.copyright = walker.string(ifd0.entry(Tag.copyright))
        if let entry = ifd0.entry(Tag.orientation), let value = walker.unsigned(entry, index: 0), (1...8).contains(value) {
            summary.orientation = value
        }

        if let pointer = walker.pointer(ifd0.entry(Tag.exifIFD)),
            let exif = try walker.optionalDirectory(at: pointer, depth: 1)
        {
            summary.hasEXIFDirectory = true
            summary.dateTimeOriginal = walker.string(exif.entry(Tag.dateTimeOriginal))
            summary.dateTimeDigitized = walker.string(exif.entry(Tag.dateTimeDigitized))
            summary.userComment = walker.userComment(exif.entry(Tag.userComment))
            summary.bodySerialNumber = walker.string(exif.entry(Tag.bodySerialNumber))
            summary.lensMake = walker.string(exif.entry(Tag.lensMake))
            summary.lensModel = walker.string(exif.entry(Tag.lensModel))
            summary.imageUniqueID = walker.string(exif.entry(Tag.imageUniqueID))
            summary.hasMakerNote = (exif.entry(Tag.makerNote)?.count ?? 0) > 0
            summary.exposureTime = walker.rational(exif.entry(Tag.exposureTime))
            summary.fNumber = walker.rational(exif.entry(Tag.fNumber))
            summary.focalLength = walker.rational(exif.entry(Tag.focalLength))
            summary.iso = exif.entry(Tag.iso).flatMap { walker.unsigned($0, index: 0) }
            if let interop = walker.pointer(exif.entry(Tag.interoperabilityIFD)) {
                _ = try walker.optionalDirectory(at: interop, depth: 2)
            }
        }
        if let pointer = walker.pointer(ifd0.entry(Tag.gpsIFD)) {
            summary.hasGPS = true
            if let gps = try walker.optionalDirectory(at: pointer, depth: 1) {
                summary.gpsLatitude = walker.coordinate(gps.entry(Tag.gpsLatitude), ref: gps.entry(Tag.gpsLatitudeRef), negative: "S")
                summary.gpsLongitude = walker.coordinate(gps.entry(Tag.gpsLongitude), ref: gps.entry(Tag.gpsLongitudeRef), negative: "W")
            }
        }
        var next = ifd0.nextOffset
        var chainLength = 1
        while next != 0 {
            guard chainLength < limits.maxDepth else {
                let error = ParseError(.depthExceeded, at: next, "IFD chain longer than \(limits.maxDepth)")
                if strict { throw error }
                walker.issues.append(error)
                break
            }
            guard let directory = try walker.optionalDirectory(at: next, depth: 0) else { break }
            if chainLength == 1 { summary.hasThumbnail = true }
            next = directory.nextOffset
            chainLength += 1
        }
        summary.directoryCount = walker.visited.count
        return (summary, walker.issues)
    }

    /// Reads directories and values of one TIFF buffer, remembering every IFD offset visited.
    struct Walker {
        let bytes: [UInt8]
        let endianness: Endianness
        let limits: ParseLimits
        let strict: Bool
        var visited: Set<Int> = []
        /// Cycles and depth problems recorded instead of thrown when not ``strict``.
        var issues: [ParseError] = []

        init(bytes: [UInt8], endianness: Endianness, limits: ParseLimits, strict: Bool) {
            self.bytes = bytes
            self.endianness = endianness
            self.limits = limits
            self.strict = strict
        }

        /// Reads the IFD at `offset`, throwing on a revisit (cycle) or excessive depth.
        mutating func directory(at offset: Int, depth: Int) throws(ParseError) -> TIFFDirectory {
            guard depth <= limits.maxDepth else {
                throw ParseError(.depthExceeded, at: offset, "IFD nesting deeper than \(limits.maxDepth)")
            }
            guard visited.insert(offset).inserted else {
                throw ParseError(.cycleDetected, at: offset, "IFD at offset \(offset) is reached twice")
            }
            guard visited.count <= limits.maxItems else {
                throw ParseError(.limitExceeded, at: offset, "more than \(limits.maxItems) IFDs")
            }
            return try TIFFDirectory(bytes: bytes, at: offset, endianness: endianness, limits: limits)
        }

        /// Like ``directory(at:depth:)``, but an unreadable directory yields nil. Cycles and depth
        /// problems throw when ``strict`` (otherwise they are recorded in ``issues``); limits always throw.
        mutating func optionalDirectory(at offset: Int, depth: Int) throws(ParseError) -> TIFFDirectory? {
            do throws(ParseError) {
                return try directory(at: offset, depth: depth)
            } catch {
                if error.code == .limitExceeded { throw error }
                if error.code == .cycleDetected || error.code == .depthExceeded {
                    if strict { throw error }
                    issues.append(error)
                }
                return nil
            }
        }

        /// The value of a LONG/IFD/SHORT pointer entry.
        func pointer(_ entry: TIFFEntry?) -> Int? {
            guard let entry, entry.count >= 1 else { return nil }
            return unsigned(entry, index: 0)
        }

        /// The `index`-th unsigned integer value of a BYTE, SHORT, LONG or IFD entry.
        func unsigned(_ entry: TIFFEntry, index: Int) -> Int? {
            guard let range = entry.valueRange, let size = TIFFDirectory.valueSize(ofType: entry.type),
                index < entry.count, [1, 3, 4, 13].contains(entry.type)
            else { return nil }
            var reader = ByteReader(bytes, range: range)
            guard (try? reader.skip(index * size)) != nil,
                let value = try? reader.readInteger(byteCount: size, endianness)
            else { return nil }
            return Int(value)
        }

        /// An ASCII (or UTF-8) string value, cut at the first NUL and trimmed; nil when empty.
        func string(_ entry: TIFFEntry?) -> String? {
            guard let entry, let range = entry.valueRange, [1, 2, 7].contains(entry.type) else { return nil }
            let text = TextDecoding.trimmed(TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(bytes[range])))
            return text.isEmpty ? nil : text
        }

        /// A UserComment value: an 8-byte character code (`ASCII`, `UNICODE`, `JIS`, or zeros) then the text.
        func userComment(_ entry: TIFFEntry?) -> String? {
            guard let entry, let range = entry.valueRange else { return nil }
            let value = bytes[range]
            guard value.count >= 8 else { return string(entry) }
            let prefix = value.prefix(8)
            let body = value.dropFirst(8)
            let text: String
            if TextDecoding.hasPrefix(prefix, "UNICODE") {
                text = unicodeComment(body)
            } else if TextDecoding.hasPrefix(prefix, "ASCII") || prefix.allSatisfy({ $0 == 0 || $0 == 0x20 }) {
                text = TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(body))
            } else if TextDecoding.hasPrefix(prefix, "JIS") {
                // JIS X 0208 is not decoded; keep any ASCII-compatible content.
                text = TextDecoding.latin1(TextDecoding.beforeNUL(body))
            } else {
                text = TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(value))
            }
            let trimmed = TextDecoding.trimmed(text)
            return trimmed.isEmpty ? nil : trimmed
        }

        /// Decodes UCS-2/UTF-16 text, honouring a byte order mark and otherwise the TIFF byte order.
        private func unicodeComment(_ body: ArraySlice<UInt8>) -> String {
            var bigEndian = endianness == .big
            var text = body
            if body.count >= 2 {
                let first = body[body.startIndex]
                let second = body[body.startIndex + 1]
                if first == 0xFE && second == 0xFF {
                    bigEndian = true
                    text = body.dropFirst(2)
                } else if first == 0xFF && second == 0xFE {
                    bigEndian = false
                    text = body.dropFirst(2)
                }
            }
            let decoded = TextDecoding.utf16(text, bigEndian: bigEndian)
            if let end = decoded.firstIndex(of: "\0") { return String(decoded[..<end]) }
            return decoded
        }

        /// The first value of an unsigned RATIONAL entry, or nil when absent, malformed or dividing by zero.
        func rational(_ entry: TIFFEntry?) -> Double? {
            guard let entry, entry.type == 5, entry.count >= 1, let range = entry.valueRange else { return nil }
            var reader = ByteReader(bytes, range: range)
            guard let numerator = try? reader.readUInt32(endianness),
                let denominator = try? reader.readUInt32(endianness), denominator != 0
            else { return nil }
            return Double(numerator) / Double(denominator)
        }

        /// A GPS coordinate from three RATIONALs (degrees, minutes, seconds) and its N/S or E/W reference.
        func coordinate(_ entry: TIFFEntry?, ref: TIFFEntry?, negative: String) -> Double? {
            guard let entry, entry.type == 5, entry.count >= 3, let range = entry.valueRange else { return nil }
            var reader = ByteReader(bytes, range: range)
            var parts: [Double] = []
            for _ in 0..<3 {
                guard let numerator = try? reader.readUInt32(endianness),
                    let denominator = try? reader.readUInt32(endianness), denominator != 0
                else { return nil }
                parts.append(Double(numerator) / Double(denominator))
            }
            let value = parts[0] + parts[1] / 60 + parts[2] / 3600
            guard value.isFinite else { return nil }
            return string(ref)?.uppercased() == negative ? -value : value
        }
    }
}
