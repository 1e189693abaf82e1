/// A rectangle of pixels inside an image.
public struct TileRect: Sendable, Hashable, Codable {
    /// Left edge in pixels.
    public var x: Int
    /// Top edge in pixels.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Deterministic choice of the native-resolution tiles that features are computed on.
///
/// Tiles form an evenly spaced `columns × rows` grid spanning the image (first and last tiles touch
/// the edges). The grid is the largest one with at most `maxTiles` tiles that fits without overlap
/// in each direction; ties prefer balanced grids, then more columns. An image smaller than a tile in
/// a direction yields tiles as large as the image in that direction.
public enum TileGrid {
    /// The tiles for an image of `width × height` pixels.
    public static func tiles(width: Int, height: Int, tileSize: Int, maxTiles: Int) -> [TileRect] {
        guard width > 0, height > 0, tileSize > 0, maxTiles > 0 else { return [] }
        let maxColumns = max(1, min(width / tileSize, maxTiles))
        let maxRows = max(1, min(height / tileSize, maxTiles))
        var best = (columns: 1, rows: 1)
        for columns in 1...maxColumns {
            let rows = min(maxRows, maxTiles / columns)
            guard rows >= 1 else { continue }
            let product = columns * rows
            let bestProduct = best.columns * best.rows
            let balance = abs(columns - rows)
            let bestBalance = abs(best.columns - best.rows)
            if product > bestProduct
                || (product == bestProduct && balance < bestBalance)
                || (product == bestProduct && balance == bestBalance && columns > best.columns)
            {
                best = (columns, rows)
            }
        }
        let tileWidth = min(tileSize, width)
        let tileHeight = min(tileSize, height)
        func offsets(count: Int, extent: Int, tile: Int) -> [Int] {
            if count == 1 { return [(extent - tile) / 2] }
            return (0..<count).map { $0 * (extent - tile) / (count - 1) }
        }
        let xs = offsets(count: best.columns, extent: width, tile: tileWidth)
        let ys = offsets(count: best.rows, extent: height, tile: tileHeight)
        var result: [TileRect] = []
        result.reserveCapacity(xs.count * ys.count)
        for y in ys {
            for x in xs { result.append(TileRect(x: x, y: y, width: tileWidth, height: tileHeight)) }
        }
        return result
    }

    /// `count` tiles spread evenly over `tiles` (all of them when `count` ≥ `tiles.count`).
    public static func spread(_ tiles: [TileRect], count: Int) -> [TileRect] {
        guard count > 0 else { return [] }
        guard count < tiles.count else { return tiles }
        return (0..<count).map { tiles[$0 * tiles.count / count] }
    }
}
