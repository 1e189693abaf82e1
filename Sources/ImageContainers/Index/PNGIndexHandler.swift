import ByteParsing

/// Indexes a PNG file: chunks (CRCs are not required — C2PA hashes cover every byte anyway), `caBX`
/// manifest stores, the uncompressed iTXt XMP packet.
enum PNGIndexHandler {
    static func index(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerIndex {
        var index = ContainerIndex(format: .png)
        let walk = try PNGChunkParser.parse(bytes, limits: limits, requireValidCRC: false)
        var boxes = [ContainerBox(name: "PNGh", range: 0..<8, payloadRange: 0..<8)]
        for chunk in walk.chunks {
            boxes.append(ContainerBox(name: chunk.type, range: chunk.range, payloadRange: chunk.dataRange))
            switch chunk.type {
            case "caBX":
                // The chunk type itself says C2PA (the store inside is validated by the C2PA module).
                index.manifestStores.append(ManifestStoreCarrier(bytes: Array(bytes[chunk.dataRange]), carrierRanges: [chunk.range]))
            case "iTXt" where index.xmpPacket == nil:
                index.xmpPacket = xmpPacket(bytes[chunk.dataRange])
            default:
                break
            }
        }
        index.boxes = boxes
        return index
    }

    /// The packet of an uncompressed iTXt chunk with keyword `XML:com.adobe.xmp`.
    private static func xmpPacket(_ data: ArraySlice<UInt8>) -> String? {
        let keyword = TextDecoding.beforeNUL(data)
        guard keyword.elementsEqual(PNGContainerReader.xmpKeyword.utf8), keyword.endIndex + 2 < data.endIndex,
            data[keyword.endIndex + 1] == 0  // not compressed
        else { return nil }
        var position = keyword.endIndex + 3
        for _ in 0..<2 {  // language tag, translated keyword
            while position < data.endIndex && data[position] != 0 { position += 1 }
            position += 1
        }
        guard position < data.endIndex else { return nil }
        return TextDecoding.utf8OrLatin1(data[position...])
    }
}
