/// Pixel features of one image.
public struct FeatureVector: Sendable, Equatable {
    /// The values, in the order given by the spec's families.
    public var values: [Double]
    /// Number of tiles the features were computed on.
    public var tiles: Int

    /// Creates a feature vector.
    public init(values: [Double], tiles: Int) {
        self.values = values
        self.tiles = tiles
    }
}

/// Computes a ``FeatureSpec``'s features from decoded pixels, at native resolution on a bounded
/// number of tiles (no resizing), so the cost per image is bounded by the tile budget.
public struct FeatureExtractor: Sendable {
    /// The spec being computed.
    public let spec: FeatureSpec

    /// Creates an extractor; the spec must be valid (``FeatureSpec/dimension`` not `nil`).
    public init(spec: FeatureSpec) {
        self.spec = spec
    }

    /// Features of interleaved RGB pixels (`width * height * 3` bytes).
    ///
    /// Luma is computed only inside the tiles, one tile at a time; each tile's luma feeds SPAM and,
    /// for the tiles the spectrum uses, the residual spectrum. The values equal those of
    /// ``features(luma:)`` on the whole-image plane.
    public func features(rgb pixels: [UInt8], width: Int, height: Int) -> FeatureVector {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "RGB buffer size mismatch")
        let tiles = TileGrid.tiles(width: width, height: height, tileSize: spec.tileSize, maxTiles: spec.maxTiles)
        let wantsSPAM = spec.families.contains(.spamLuma)
        let wantsSpectrum = spec.families.contains(.residualSpectrum)
        let spectrumTiles = wantsSpectrum ? Set(TileGrid.spread(tiles, count: spec.spectrumTiles)) : []
        var spam = SPAMAccumulator(threshold: spec.spamThreshold)
        var spectrum = ResidualSpectrumAccumulator(bins: spec.spectrumBins)
        for tile in tiles {
            let inSpectrum = spectrumTiles.contains(tile)
            guard wantsSPAM || inSpectrum else { continue }
            let local = LumaPlane(rgb: pixels, width: width, height: height, region: tile)
            let whole = TileRect(x: 0, y: 0, width: tile.width, height: tile.height)
            if wantsSPAM { spam.add(local, tile: whole) }
            if inSpectrum { spectrum.add(local, tile: whole) }
        }
        var values: [Double] = []
        values.reserveCapacity(spec.dimension ?? 0)
        for family in spec.families {
            switch family {
            case .spamLuma: values += spam.features()
            case .residualSpectrum: values += spectrum.features()
            default: continue
            }
        }
        return FeatureVector(values: values, tiles: tiles.count)
    }

    /// Features of a luma plane.
    public func features(luma plane: LumaPlane) -> FeatureVector {
        let tiles = TileGrid.tiles(
            width: plane.width, height: plane.height, tileSize: spec.tileSize, maxTiles: spec.maxTiles)
        var values: [Double] = []
        values.reserveCapacity(spec.dimension ?? 0)
        for family in spec.families {
            switch family {
            case .spamLuma:
                var spam = SPAMAccumulator(threshold: spec.spamThreshold)
                for tile in tiles { spam.add(plane, tile: tile) }
                values += spam.features()
            case .residualSpectrum:
                var spectrum = ResidualSpectrumAccumulator(bins: spec.spectrumBins)
                for tile in TileGrid.spread(tiles, count: spec.spectrumTiles) { spectrum.add(plane, tile: tile) }
                values += spectrum.features()
            default:
                continue
            }
        }
        return FeatureVector(values: values, tiles: tiles.count)
    }
}
