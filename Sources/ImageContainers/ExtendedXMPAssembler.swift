import ByteParsing

/// Reassembles a JPEG extended-XMP packet from its APP1 parts (XMP Specification Part 3, 1.1.3.1).
struct ExtendedXMPAssembler {
    private struct Part {
        let guid: String
        let fullLength: Int
        let offset: Int
        let data: ArraySlice<UInt8>
    }

    private var parts: [Part] = []

    /// Whether any part was recorded.
    var isEmpty: Bool { parts.isEmpty }

    /// Records one APP1 payload that starts with the extended-XMP identifier.
    mutating func add(_ payload: ArraySlice<UInt8>) throws(ParseError) {
        var reader = ByteReader(Array(payload))
        let base = payload.startIndex
        do throws(ParseError) {
            try reader.skip(JPEGApplicationIdentifier.extendedXMP.utf8.count + 1)
            let guid = TextDecoding.latin1(try reader.readBytes(32))
            let fullLength = Int(try reader.readUInt32())
            let offset = Int(try reader.readUInt32())
            let data = payload.dropFirst(reader.offset)
            parts.append(Part(guid: guid, fullLength: fullLength, offset: offset, data: data))
        } catch {
            throw ParseError(error.code, at: error.offset.map { $0 + base }, "extended XMP: \(error.message)")
        }
    }

    /// The packet for `guid` (or for the first GUID seen when nil), when its parts cover it exactly.
    func assemble(guid: String?, limits: ParseLimits) throws(ParseError) -> String? {
        guard let chosen = guid ?? parts.first?.guid else { return nil }
        let mine = parts.filter { $0.guid == chosen }
        guard let fullLength = mine.first?.fullLength else { return nil }
        guard fullLength <= limits.maxDecompressedBytes else {
            throw ParseError(.limitExceeded, at: nil, "extended XMP of \(fullLength) bytes exceeds the limit")
        }
        var packet = [UInt8](repeating: 0, count: fullLength)
        var covered = 0
        for part in mine.sorted(by: { $0.offset < $1.offset }) {
            let (end, overflow) = part.offset.addingReportingOverflow(part.data.count)
            guard part.fullLength == fullLength, !overflow, end <= fullLength, part.offset == covered else {
                throw ParseError(.invalidValue, at: nil, "extended XMP parts overlap, leave gaps or overrun")
            }
            packet.replaceSubrange(part.offset..<end, with: part.data)
            covered = end
        }
        guard covered == fullLength else {
            throw ParseError(.truncated, at: nil, "extended XMP parts cover \(covered) of \(fullLength) bytes")
        }
        return TextDecoding.utf8OrLatin1(packet[...])
    }
}
