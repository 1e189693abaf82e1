import ByteParsing

/// Builds a ``ContainerInfo`` for a PNG file from its chunks.
enum PNGContainerReader {
    /// The iTXt keyword that carries an XMP packet.
    static let xmpKeyword = "XML:com.adobe.xmp"

    static func read(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerInfo {
        let walk = try PNGChunkParser.parse(bytes, limits: limits)
        guard let first = walk.chunks.first else { throw ParseError(.truncated, at: 8, "no IHDR chunk") }
        let header = try PNGHeader(payload: ByteReader(bytes, range: first.dataRange))
        let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw ParseError(
                .limitExceeded, at: first.dataRange.lowerBound,
                "\(header.width)x\(header.height) exceeds the \(limits.maxPixels)-pixel limit")
        }

        var metadata = ImageMetadata()
        var warnings: [String] = []
        var budget = DecompressionBudget(limits: limits)
        var chunkTypes: [String] = []
        var seenTypes: Set<String> = []
        var paletteSize: Int?
        var hasTransparency = false
        var hasImageData = false

        for chunk in walk.chunks {
            if seenTypes.insert(chunk.type).inserted { chunkTypes.append(chunk.type) }
            let data = bytes[chunk.dataRange]
            switch chunk.type {
            case "IHDR":
                guard chunk.offset == first.offset else {
                    throw ParseError(.invalidValue, at: chunk.offset, "more than one IHDR chunk")
                }
            case "PLTE":
                guard data.count % 3 == 0, (3...768).contains(data.count) else {
                    throw ParseError(.invalidValue, at: chunk.offset, "PLTE is \(data.count) bytes (3...768, multiple of 3)")
                }
                paletteSize = data.count / 3
            case "IDAT":
                hasImageData = true
            case "tRNS":
                hasTransparency = true
            case "caBX":
                metadata.hasC2PA = true
            default:
                do throws(ParseError) {
                    try readMetadataChunk(chunk.type, data, limits: limits, budget: &budget, metadata: &metadata)
                } catch {
                    if error.code == .limitExceeded { throw error }
                    warnings.append("\(chunk.type): \(error)")
                }
            }
        }
        guard hasImageData else {
            if !walk.endsWithIEND {
                throw ParseError(.truncated, at: walk.endOffset, "the PNG data ends before any IDAT chunk")
            }
            throw ParseError(.invalidValue, at: walk.endOffset, "no IDAT chunk")
        }
        if header.colorType == 3 && paletteSize == nil {
            throw ParseError(.invalidValue, at: nil, "palette image without a PLTE chunk")
        }
        if metadata.exif == nil { metadata.exif = rawProfileEXIF(metadata.textChunks, limits: limits, warnings: &warnings) }
        if metadata.xmp == nil { metadata.xmp = xmpFromText(metadata.textChunks, limits: limits) }

        let info = PNGInfo(
            colorType: header.colorType, interlaced: header.interlaceMethod == 1, paletteSize: paletteSize,
            hasTransparency: hasTransparency, hasImageData: hasImageData, chunkTypes: chunkTypes,
            chunkCount: walk.chunks.count, endsWithIEND: walk.endsWithIEND)
        return ContainerInfo(
            format: .png, width: header.width, height: header.height, bitDepth: header.bitDepth,
            colorModel: header.colorModel, png: info, metadata: metadata, warnings: warnings)
    }

    private static func readMetadataChunk(
        _ type: String, _ data: ArraySlice<UInt8>, limits: ParseLimits, budget: inout DecompressionBudget,
        metadata: inout ImageMetadata
    ) throws(ParseError) {
        switch type {
        case "tEXt":
            metadata.textChunks.append(try PNGTextChunkReader.text(data))
        case "zTXt":
            metadata.textChunks.append(try PNGTextChunkReader.compressedText(data, budget: &budget))
        case "iTXt":
            let chunk = try PNGTextChunkReader.internationalText(data, budget: &budget)
            metadata.textChunks.append(chunk)
            if chunk.keyword == xmpKeyword && metadata.xmp == nil {
                metadata.xmp = XMPParser.parse(chunk.text, limits: limits)
            }
        case "eXIf":
            guard metadata.exif == nil else { return }
            do throws(ParseError) {
                let (summary, issues) = try EXIFParser.parseTolerant(Array(data), limits: limits)
                metadata.exif = summary
                if let issue = issues.first {
                    throw ParseError(issue.code, at: issue.offset, "\(issue.message) (fields read before it are kept)")
                }
            } catch {
                throw ParseError(error.code, at: error.offset.map { $0 + data.startIndex }, "EXIF: \(error.message)")
            }
        case "iCCP":
            guard metadata.iccProfile == nil else { return }
            let (name, profile) = try PNGTextChunkReader.iccProfile(data, budget: &budget)
            metadata.iccProfile = profile
            metadata.iccProfileName = name
        default:
            break
        }
    }

    /// XMP from a tEXt/zTXt `XML:com.adobe.xmp` chunk or an ImageMagick `Raw profile type xmp`, when present.
    private static func xmpFromText(_ chunks: [TextChunk], limits: ParseLimits) -> XMPSummary? {
        if let chunk = chunks.first(where: { $0.keyword == xmpKeyword }) {
            return XMPParser.parse(chunk.text, limits: limits)
        }
        for chunk in chunks where chunk.keyword == "Raw profile type xmp" {
            guard let bytes = PNGTextChunkReader.rawProfile(chunk.text, limits: limits) else { continue }
            return XMPParser.parse(TextDecoding.utf8OrLatin1(bytes[...]), limits: limits)
        }
        return nil
    }

    /// EXIF from an ImageMagick `Raw profile type exif` / `APP1` text chunk, when present.
    private static func rawProfileEXIF(
        _ chunks: [TextChunk], limits: ParseLimits, warnings: inout [String]
    ) -> EXIFSummary? {
        for chunk in chunks where chunk.keyword == "Raw profile type exif" || chunk.keyword == "Raw profile type APP1" {
            guard let tiff = PNGTextChunkReader.rawProfileEXIF(chunk.text, limits: limits) else { continue }
            do throws(ParseError) {
                return try EXIFParser.parse(tiff, limits: limits)
            } catch {
                warnings.append("\(chunk.keyword): \(error)")
            }
        }
        return nil
    }
}
