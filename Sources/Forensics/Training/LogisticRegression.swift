/// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
/// squares) with a Cholesky solve: exact, deterministic and fast for a few hundred features.
///
/// Minimises `Σ wᵢ·log(1 + e^(−yᵢ·(β·xᵢ + b))) / Σ wᵢ + (λ/2)·‖β‖²` (the bias is not penalised),
/// with labels `yᵢ ∈ {0, 1}` mapped to ±1 and sample weights `wᵢ`.
public struct LogisticRegression: Sendable {
    /// L2 strength `λ` (on the mean loss).
    public var l2: Double
    /// Maximum Newton iterations.
    public var maxIterations: Int
    /// Convergence tolerance on the largest step component.
    public var tolerance: Double

    /// Creates a trainer.
    public init(l2: Double = 1e-2, maxIterations: Int = 50, tolerance: Double = 1e-8) {
        self.l2 = l2
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// A fitted linear model.
    public struct Fit: Sendable, Equatable {
        /// Coefficients, one per feature.
        public var weights: [Double]
        /// Intercept.
        public var bias: Double
        /// Newton iterations used.
        public var iterations: Int

        /// The decision value `β·x + b`.
        public func logit(_ features: [Double]) -> Double {
            var sum = bias
            for j in 0..<min(weights.count, features.count) { sum += weights[j] * features[j] }
            return sum
        }
    }

    /// Fits the model to `samples` (rows of equal length) with binary `labels`.
    public func fit(samples: [[Double]], labels: [Bool], weights sampleWeights: [Double]? = nil) -> Fit {
        let n = samples.count
        let d = samples.first?.count ?? 0
        let p = d + 1  // last coordinate is the bias
        guard n > 0 else { return Fit(weights: [Double](repeating: 0, count: d), bias: 0, iterations: 0) }
        let sampleWeight = sampleWeights ?? [Double](repeating: 1, count: n)
        let totalWeight = max(1e-12, sampleWeight.reduce(0, +))
        // Flattened design matrix with a trailing 1 for the bias.
        var design = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<d { design[i * p + j] = samples[i][j] }
            design[i * p + d] = 1
        }
        var beta = [Double](repeating: 0, count: p)
        var iterations = 0
        var hessian = [Double](repeating: 0, count: p * p)
        var gradient = [Double](repeating: 0, count: p)
        for iteration in 1...max(1, maxIterations) {
            iterations = iteration
            for k in 0..<(p * p) { hessian[k] = 0 }
            for k in 0..<p { gradient[k] = 0 }
            design.withUnsafeBufferPointer { x in
                hessian.withUnsafeMutableBufferPointer { h in
                    for i in 0..<n {
                        let row = i * p
                        var z = 0.0
                        for j in 0..<p { z += beta[j] * x[row + j] }
                        let probability = LogisticFunction.sigmoid(z)
                        let weight = sampleWeight[i] / totalWeight
                        let residual = (probability - (labels[i] ? 1 : 0)) * weight
                        let curvature = max(probability * (1 - probability), 1e-10) * weight
                        for j in 0..<p {
                            gradient[j] += residual * x[row + j]
                            let scaled = curvature * x[row + j]
                            if scaled == 0 { continue }
                            // Upper triangle only; mirrored below.
                            for k in j..<p { h[j * p + k] += scaled * x[row + k] }
                        }
                    }
                }
            }
            for j in 0..<d {
                gradient[j] += l2 * beta[j]
                hessian[j * p + j] += l2
            }
            hessian[d * p + d] += 1e-9
            for j in 0..<p { for k in 0..<j { hessian[j * p + k] = hessian[k * p + j] } }
            guard let step = Self.choleskySolve(hessian, gradient, size: p) else { break }
            var largest = 0.0
            for j in 0..<p {
                beta[j] -= step[j]
                largest = max(largest, abs(step[j]))
            }
            if largest < tolerance { break }
        }
        return Fit(weights: Array(beta[0..<d]), bias: beta[d], iterations: iterations)
    }

    /// Solves `A·x = b` for symmetric positive-definite `A` (`size × size`, row-major).
    static func choleskySolve(_ matrix: [Double], _ rhs: [Double], size n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = rhs[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }
}
