import ByteParsing

/// Reassembles an ICC profile split across JPEG APP2 `ICC_PROFILE` segments (ICC.1, Annex B.4).
struct ICCProfileAssembler {
    private var parts: [(sequence: Int, count: Int, data: ArraySlice<UInt8>, offset: Int)] = []

    /// Records one APP2 payload that starts with `ICC_PROFILE\0`.
    mutating func add(_ payload: ArraySlice<UInt8>) throws(ParseError) {
        let header = 12  // "ICC_PROFILE\0"
        guard payload.count >= header + 2 else {
            throw ParseError(.truncated, at: payload.startIndex, "ICC_PROFILE segment is shorter than its header")
        }
        let sequence = Int(payload[payload.startIndex + header])
        let count = Int(payload[payload.startIndex + header + 1])
        parts.append((sequence, count, payload.dropFirst(header + 2), payload.startIndex))
    }

    /// Whether any part was recorded.
    var isEmpty: Bool { parts.isEmpty }

    /// The profile, when parts 1...count are all present exactly once with a consistent count.
    func assemble() throws(ParseError) -> [UInt8] {
        guard let count = parts.first?.count, count >= 1 else {
            throw ParseError(.invalidValue, at: parts.first?.offset, "ICC profile declares 0 parts")
        }
        let ordered = parts.sorted { $0.sequence < $1.sequence }
        guard ordered.count == count, ordered.allSatisfy({ $0.count == count }),
            ordered.enumerated().allSatisfy({ $0.element.sequence == $0.offset + 1 })
        else {
            throw ParseError(
                .invalidValue, at: parts.first?.offset,
                "ICC profile parts are inconsistent (\(parts.count) segments for \(count) parts)")
        }
        var profile: [UInt8] = []
        for part in ordered { profile.append(contentsOf: part.data) }
        return profile
    }
}
