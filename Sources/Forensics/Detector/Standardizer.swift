/// Per-feature standardisation `(x − mean) / std`.
public struct Standardizer: Sendable, Codable, Equatable {
    /// Feature means.
    public var mean: [Double]
    /// Feature standard deviations (constant features get 1, so they map to 0).
    public var std: [Double]

    /// Creates a standardiser from explicit parameters.
    public init(mean: [Double], std: [Double]) {
        self.mean = mean
        self.std = std
    }

    /// Fits means and standard deviations (population form) to the rows of `samples`.
    public init(fitting samples: [[Double]]) {
        let dimension = samples.first?.count ?? 0
        var mean = [Double](repeating: 0, count: dimension)
        var variance = [Double](repeating: 0, count: dimension)
        let count = Double(max(1, samples.count))
        for row in samples { for j in 0..<dimension { mean[j] += row[j] } }
        for j in 0..<dimension { mean[j] /= count }
        for row in samples {
            for j in 0..<dimension {
                let d = row[j] - mean[j]
                variance[j] += d * d
            }
        }
        let std = variance.map { value -> Double in
            let s = (value / count).squareRoot()
            return s > 1e-12 ? s : 1
        }
        self.init(mean: mean, std: std)
    }

    /// The standardised copy of `values`.
    public func apply(_ values: [Double]) -> [Double] {
        var result = values
        for j in 0..<min(values.count, mean.count) { result[j] = (values[j] - mean[j]) / std[j] }
        return result
    }
}
