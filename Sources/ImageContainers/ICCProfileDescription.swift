import ByteParsing

/// Reads the description of an ICC profile (its `desc` tag): the name exiftool shows as ProfileDescription.
///
/// Handles the ICC v2 `desc` type (ASCII) and the v4 `mluc` type (the first UTF-16BE record).
/// Returns `nil` for a profile without a readable description; never reads outside the profile.
public enum ICCProfileDescription {
    /// The description, or `nil`.
    public static func read(_ profile: [UInt8], limits: ParseLimits = .default) -> String? {
        var reader = ByteReader(profile)
        guard (try? reader.skip(128)) != nil, let count = try? reader.readUInt32(), Int(count) <= limits.maxItems else { return nil }
        for _ in 0..<count {
            guard let signature = try? reader.readBytes(4), let offset = try? reader.readUInt32(),
                let size = try? reader.readUInt32()
            else { return nil }
            guard TextDecoding.hasPrefix(signature, "desc") else { continue }
            let start = Int(offset)
            let (end, overflow) = start.addingReportingOverflow(Int(size))
            guard !overflow, start >= 0, end <= profile.count, size >= 12 else { return nil }
            return description(profile, range: start..<end)
        }
        return nil
    }

    static func description(_ profile: [UInt8], range: Range<Int>) -> String? {
        var reader = ByteReader(profile, range: range)
        guard let type = try? reader.readBytes(4), (try? reader.skip(4)) != nil else { return nil }
        if TextDecoding.hasPrefix(type, "desc") {
            guard let length = try? reader.readUInt32(), let text = try? reader.readBytes(min(Int(length), reader.remaining)) else { return nil }
            let value = TextDecoding.trimmed(TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(text)))
            return value.isEmpty ? nil : value
        }
        if TextDecoding.hasPrefix(type, "mluc") {
            guard let records = try? reader.readUInt32(), records >= 1, (try? reader.skip(4)) != nil,
                (try? reader.skip(4)) != nil, let length = try? reader.readUInt32(), let offset = try? reader.readUInt32()
            else { return nil }
            let start = range.lowerBound + Int(offset)
            let (end, overflow) = start.addingReportingOverflow(Int(length))
            guard !overflow, end <= range.upperBound else { return nil }
            let value = TextDecoding.trimmed(TextDecoding.utf16(profile[start..<end], bigEndian: true))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
