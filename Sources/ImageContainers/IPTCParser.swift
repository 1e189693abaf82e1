import ByteParsing

/// Reads IPTC-IIM data sets from a JPEG APP13 `Photoshop 3.0` payload.
///
/// The payload is a sequence of Photoshop image resources (`8BIM`, a 16-bit id, a padded Pascal name,
/// a 32-bit size, padded data); resource 0x0404 holds IIM data sets (`0x1C`, record, data set, 16-bit
/// length, data). Text is UTF-8 when record 1:90 declares `ESC % G`, else UTF-8 if valid, else Latin-1.
/// Extended-length data sets are refused; at most ``ParseLimits/maxItems`` data sets are read.
public enum IPTCParser {
    /// The APP13 identifier.
    public static let identifier = "Photoshop 3.0"
    /// The Photoshop resource id of the IPTC-NAA record.
    static let iptcResource: UInt16 = 0x0404

    /// Parses an APP13 payload (starting with `Photoshop 3.0\0`); `nil` when it holds no IPTC resource.
    public static func parse(app13 payload: ArraySlice<UInt8>, limits: ParseLimits = .default) throws(ParseError) -> IPTCSummary? {
        let bytes = Array(payload)
        var reader = ByteReader(bytes)
        try reader.skip(identifier.utf8.count + 1)
        var resources = 0
        while reader.remaining >= 12 {
            resources += 1
            guard resources <= limits.maxItems else {
                throw ParseError(.limitExceeded, at: reader.offset, "more than \(limits.maxItems) Photoshop resources")
            }
            let signature = try reader.readBytes(4)
            guard TextDecoding.hasPrefix(signature, "8BIM") else { return nil }
            let id = try reader.readUInt16()
            let nameLength = Int(try reader.readUInt8())
            try reader.skip(nameLength + (nameLength % 2 == 0 ? 1 : 0))  // length byte + name, padded to even
            let size = try Int.checkedLength(UInt64(try reader.readUInt32()), at: reader.offset)
            let data = try reader.subReader(size)
            if size % 2 == 1, !reader.isAtEnd { try reader.skip(1) }
            if id == iptcResource { return try records(data, limits: limits) }
        }
        return nil
    }

    /// Reads the IIM data sets of one resource.
    static func records(_ data: ByteReader, limits: ParseLimits) throws(ParseError) -> IPTCSummary {
        var reader = data
        var summary = IPTCSummary()
        var utf8 = false
        var count = 0
        while reader.remaining >= 5 {
            guard try reader.readUInt8() == 0x1C else { break }
            count += 1
            guard count <= limits.maxItems else {
                throw ParseError(.limitExceeded, at: reader.offset, "more than \(limits.maxItems) IPTC data sets")
            }
            let record = try reader.readUInt8()
            let dataset = try reader.readUInt8()
            let length = try reader.readUInt16()
            guard length & 0x8000 == 0 else {
                throw ParseError(.unsupported, at: reader.offset, "extended-length IPTC data set \(record):\(dataset)")
            }
            let value = try reader.readBytes(Int(length))
            if record == 1, dataset == 90 {
                utf8 = value.elementsEqual([0x1B, 0x25, 0x47])
                continue
            }
            guard record == 2 else { continue }
            let text = TextDecoding.trimmed(utf8 ? String(decoding: value, as: UTF8.self) : TextDecoding.utf8OrLatin1(value))
            guard !text.isEmpty else { continue }
            switch dataset {
            case 5: summary.objectName = summary.objectName ?? text
            case 25: summary.keywords.append(text)
            case 55: summary.dateCreated = summary.dateCreated ?? text
            case 65: summary.originatingProgram = summary.originatingProgram ?? text
            case 80: summary.byline.append(text)
            case 90: summary.city = summary.city ?? text
            case 101: summary.country = summary.country ?? text
            case 105: summary.headline = summary.headline ?? text
            case 110: summary.credit = summary.credit ?? text
            case 115: summary.source = summary.source ?? text
            case 116: summary.copyrightNotice = summary.copyrightNotice ?? text
            case 120: summary.caption = summary.caption ?? text
            default: break
            }
        }
        return summary
    }
}
