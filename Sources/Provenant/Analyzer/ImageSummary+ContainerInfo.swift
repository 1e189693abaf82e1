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
            exif: metadata.exif.map(EXIFFacts.init),
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
        webp = info.webp.map {
            WebPFacts(lossless: $0.lossless, hasAlpha: $0.hasAlpha, animated: $0.animated, frameCount: $0.frameCount)
        }
        bmff = info.bmff.map {
            // `ftyp` repeats the major brand among the compatible ones: each brand once, in file order.
            var brands: [String] = []
            for brand in $0.brands where !brands.contains(brand) { brands.append(brand) }
            return BMFFFacts(brands: brands, itemCount: $0.itemCount, hasSequence: $0.hasSequence)
        }
        tiff = info.tiff.map {
            TIFFFacts(
                byteOrder: $0.byteOrder, compression: $0.compression, photometric: $0.photometric,
                samplesPerPixel: $0.samplesPerPixel, bitsPerSample: $0.bitsPerSample, dng: $0.isDNG,
                subIFDCount: $0.subIFDCount)
        }
        iccDescription = metadata.iccProfile.flatMap { ICCProfileDescription.read($0) } ?? metadata.iccProfileName
        iptc = metadata.iptc.map {
            IPTCFacts(
                objectName: $0.objectName, headline: $0.headline, caption: $0.caption, keywords: $0.keywords,
                byline: $0.byline, credit: $0.credit, source: $0.source, copyrightNotice: $0.copyrightNotice,
                city: $0.city, country: $0.country, dateCreated: $0.dateCreated,
                originatingProgram: $0.originatingProgram)
        }
    }
}

extension EXIFFacts {
    /// The report view of an EXIF summary.
    init(_ exif: EXIFSummary) {
        self.init(
            make: exif.make, model: exif.model, software: exif.software, dateTimeOriginal: exif.dateTimeOriginal,
            imageDescription: exif.imageDescription, artist: exif.artist, copyright: exif.copyright,
            userComment: exif.userComment, hasGPS: exif.gpsLatitude != nil && exif.gpsLongitude != nil)
        gpsLatitude = exif.gpsLatitude
        gpsLongitude = exif.gpsLongitude
        lensMake = exif.lensMake
        lensModel = exif.lensModel
        orientation = exif.orientation
        exposureTime = exif.exposureTime
        fNumber = exif.fNumber
        iso = exif.iso
        focalLength = exif.focalLength
        dateTime = exif.dateTime
        bodySerialNumber = exif.bodySerialNumber
        hasMakerNote = exif.hasMakerNote
    }
}
