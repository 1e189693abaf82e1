import ImageContainers

extension ImageSummary {
    /// The inspect view of a parsed container.
    init(_ info: ContainerInfo) {
        let metadata = info.metadata
        var seen: Set<String> = []
        self.init(
            format: info.format.rawValue,
            width: info.width,
            height: info.height,
            colorModel: info.colorModel,
            bitDepth: info.bitDepth,
            jpeg: info.jpeg.map {
                JPEGFacts(
                    quality: $0.estimatedQuality, subsampling: $0.subsampling.isEmpty ? nil : $0.subsampling,
                    progressive: $0.progressive, arithmetic: $0.arithmetic)
            },
            png: info.png.map {
                PNGFacts(
                    interlaced: $0.interlaced, paletteSize: $0.paletteSize,
                    chunkTypes: $0.chunkTypes.filter { seen.insert($0).inserted })
            },
            exif: metadata.exif.map {
                EXIFFacts(
                    make: $0.make, model: $0.model, software: $0.software, dateTimeOriginal: $0.dateTimeOriginal,
                    imageDescription: $0.imageDescription, artist: $0.artist, copyright: $0.copyright,
                    userComment: $0.userComment, hasGPS: $0.hasGPS)
            },
            xmp: metadata.xmp.map {
                XMPFacts(
                    digitalSourceType: $0.digitalSourceType, creatorTool: $0.creatorTool, creators: $0.creators,
                    credit: $0.credit, provenance: $0.provenance)
            },
            textChunks: metadata.textChunks.map {
                TextChunkFacts(keyword: $0.keyword, chunkType: $0.chunkType, text: $0.text)
            },
            comments: metadata.comments,
            iccProfileBytes: metadata.iccProfile?.count,
            c2paPresent: metadata.hasC2PA)
    }
}
