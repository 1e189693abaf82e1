/// Which pixel features the detector computes, and on which tiles.
///
/// Stored in the model file so that scoring always recomputes exactly the features a model was
/// trained on. JSON keys are snake_case and part of the model-file format.
public struct FeatureSpec: Sendable, Codable, Hashable {
    /// A feature family.
    public struct Family: RawRepresentable, Sendable, Codable, Hashable, CustomStringConvertible {
        /// The family's name in model files.
        public let rawValue: String
        /// Creates a family from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The family's name.
        public var description: String { rawValue }

        /// Second-order SPAM on luma, straight and diagonal groups (`2·(2T+1)³` values).
        public static let spamLuma = Family(rawValue: "spam_luma")
        /// Radial power spectrum and peak ratios of a Laplacian residual of luma (`bins + 8` values).
        public static let residualSpectrum = Family(rawValue: "residual_spectrum")
    }

    /// Tile side in pixels.
    public var tileSize: Int
    /// Maximum number of tiles per image.
    public var maxTiles: Int
    /// SPAM truncation threshold `T`.
    public var spamThreshold: Int
    /// Maximum number of tiles the spectrum is computed on (spread over the SPAM tiles).
    public var spectrumTiles: Int
    /// Radial bins of the spectrum.
    public var spectrumBins: Int
    /// The families, in feature-vector order.
    public var families: [Family]

    /// Creates a spec.
    public init(
        tileSize: Int = 256, maxTiles: Int = 8, spamThreshold: Int = 2,
        spectrumTiles: Int = 4, spectrumBins: Int = 32,
        families: [Family] = [.spamLuma, .residualSpectrum]
    ) {
        self.tileSize = tileSize
        self.maxTiles = maxTiles
        self.spamThreshold = spamThreshold
        self.spectrumTiles = spectrumTiles
        self.spectrumBins = spectrumBins
        self.families = families
    }

    /// The default spec of model version 1.
    public static let v1 = FeatureSpec()

    /// Length of the feature vector; `nil` when the spec names an unknown family or bad parameters.
    public var dimension: Int? {
        guard tileSize >= 16, tileSize <= 4096, maxTiles >= 1, maxTiles <= 64,
            (1...4).contains(spamThreshold), spectrumTiles >= 0, spectrumTiles <= 64,
            spectrumBins >= 1, spectrumBins <= 256, !families.isEmpty
        else { return nil }
        var total = 0
        for family in families {
            guard let size = dimension(of: family) else { return nil }
            total += size
        }
        return total
    }

    /// Number of values one family contributes; `nil` for an unknown family.
    public func dimension(of family: Family) -> Int? {
        let levels = 2 * spamThreshold + 1
        switch family {
        case .spamLuma: return 2 * levels * levels * levels
        case .residualSpectrum: return spectrumBins + 8
        default: return nil
        }
    }

    /// The spec restricted to `kept` families (order preserved), and a function projecting this
    /// spec's feature vectors onto it.
    public func restricted(to kept: [Family]) -> (spec: FeatureSpec, project: @Sendable ([Double]) -> [Double]) {
        var ranges: [Range<Int>] = []
        var offset = 0
        var families: [Family] = []
        for family in self.families {
            let size = dimension(of: family) ?? 0
            if kept.contains(family) {
                ranges.append(offset..<(offset + size))
                families.append(family)
            }
            offset += size
        }
        var spec = self
        spec.families = families
        let kept = ranges
        let project: @Sendable ([Double]) -> [Double] = { values in
            kept.flatMap { range in values.count >= range.upperBound ? Array(values[range]) : [] }
        }
        return (spec, project)
    }

    enum CodingKeys: String, CodingKey {
        case tileSize = "tile_size"
        case maxTiles = "max_tiles"
        case spamThreshold = "spam_threshold"
        case spectrumTiles = "spectrum_tiles"
        case spectrumBins = "spectrum_bins"
        case families
    }
}
