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
    public func features(rgb pixels: [UInt8], width: Int, height: Int) -> FeatureVector {
        features(luma: LumaPlane(rgb: pixels, width: width, height: height))
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
