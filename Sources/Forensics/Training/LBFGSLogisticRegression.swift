/// L2-regularised logistic regression for wide inputs (thousands of features), fitted by L-BFGS.
///
/// Minimises the same objective as ``LogisticRegression``:
/// `Σ wᵢ·log(1 + e^(−yᵢ·(β·xᵢ + b))) / Σ wᵢ + (λ/2)·‖β‖²` (bias not penalised). Newton's method
/// needs a `d × d` Hessian per step, which for the deep stage's 3,072 features is too slow; L-BFGS
/// needs only gradients: two passes over the design matrix per evaluation. The objective is
/// strictly convex for `λ > 0`, so the minimum is unique and both solvers reach it.
///
/// The design matrix is `Float` (row-major). Decision values `β·x` are summed in `Double`, so the
/// objective is exact enough for the line search near the minimum; the gradient `Σ rᵢ·xᵢ` is summed
/// in `Float` within blocks of 256 rows and in `Double` across blocks.
public struct LBFGSLogisticRegression: Sendable {
    /// L2 strength `λ` (on the mean loss). Must be positive for a unique minimum.
    public var l2: Double
    /// Maximum L-BFGS iterations.
    public var maxIterations: Int
    /// Convergence: the largest gradient component at or below this.
    public var gradientTolerance: Double
    /// Correction pairs kept.
    public var memory: Int

    /// Creates a trainer.
    public init(l2: Double, maxIterations: Int = 2000, gradientTolerance: Double = 1e-6, memory: Int = 12) {
        self.l2 = l2
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.memory = memory
    }

    /// A fitted model.
    public struct Fit: Sendable, Equatable {
        /// Coefficients, one per column.
        public var weights: [Double]
        /// Intercept.
        public var bias: Double
        /// Iterations used.
        public var iterations: Int
        /// Whether the gradient tolerance was reached.
        public var converged: Bool
        /// The objective at the solution.
        public var loss: Double
        /// The largest gradient component at the solution.
        public var largestGradient: Double
    }

    /// Row-major samples: `values.count == rows * columns`.
    public struct Design: Sendable {
        /// The values.
        public var values: [Float]
        /// Samples.
        public var rows: Int
        /// Features per sample.
        public var columns: Int

        /// Creates a design matrix; `values.count` must be `rows * columns`.
        public init(values: [Float], rows: Int, columns: Int) {
            precondition(values.count == rows * columns, "design size mismatch")
            self.values = values
            self.rows = rows
            self.columns = columns
        }
    }

    /// Fits the model. `labels` and `sampleWeights` have one entry per row.
    public func fit(_ design: Design, labels: [Bool], sampleWeights: [Double]) -> Fit {
        let n = design.rows
        let d = design.columns
        precondition(labels.count == n && sampleWeights.count == n, "one label and weight per row")
        let total = max(1e-300, sampleWeights.reduce(0, +))
        let weight = sampleWeights.map { $0 / total }
        let target = labels.map { $0 ? 1.0 : 0.0 }
        let p = d + 1
        var theta = [Double](repeating: 0, count: p)
        var (loss, gradient) = evaluate(design, theta: theta, target: target, weight: weight)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var curvatures: [Double] = []
        var iterations = 0
        var converged = gradient.map(abs).max() ?? 0 <= gradientTolerance
        while !converged && iterations < maxIterations {
            iterations += 1
            // Two-loop recursion: direction = −H·gradient.
            var q = gradient
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[k] = dot(steps[k], q) / curvatures[k]
                for j in 0..<p { q[j] -= alphas[k] * changes[k][j] }
            }
            if let last = steps.indices.last {
                let scale = curvatures[last] / dot(changes[last], changes[last])
                for j in 0..<p { q[j] *= scale }
            } else {
                let norm = dot(gradient, gradient).squareRoot()
                for j in 0..<p { q[j] /= max(1, norm) }
            }
            for k in 0..<steps.count {
                let beta = dot(changes[k], q) / curvatures[k]
                for j in 0..<p { q[j] += steps[k][j] * (alphas[k] - beta) }
            }
            var direction = q.map { -$0 }
            var slope = dot(direction, gradient)
            if slope >= 0 {  // not a descent direction: restart from steepest descent
                steps.removeAll()
                changes.removeAll()
                curvatures.removeAll()
                direction = gradient.map { -$0 }
                slope = dot(direction, gradient)
            }
            // Backtracking line search (Armijo).
            var step = 1.0
            var accepted = false
            var candidate = theta
            var candidateLoss = loss
            var candidateGradient = gradient
            for _ in 0..<40 {
                for j in 0..<p { candidate[j] = theta[j] + step * direction[j] }
                (candidateLoss, candidateGradient) = evaluate(design, theta: candidate, target: target, weight: weight)
                if candidateLoss <= loss + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }
            let s = (0..<p).map { candidate[$0] - theta[$0] }
            let yv = (0..<p).map { candidateGradient[$0] - gradient[$0] }
            let curvature = dot(s, yv)
            if curvature > 1e-12 * dot(yv, yv).squareRoot() * dot(s, s).squareRoot() {
                steps.append(s)
                changes.append(yv)
                curvatures.append(curvature)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                    curvatures.removeFirst()
                }
            }
            let decrease = loss - candidateLoss
            theta = candidate
            loss = candidateLoss
            gradient = candidateGradient
            converged = gradient.map(abs).max() ?? 0 <= gradientTolerance
            if !converged && decrease <= 1e-15 * max(1, abs(loss)) { break }
        }
        return Fit(
            weights: Array(theta[0..<d]), bias: theta[d], iterations: iterations, converged: converged, loss: loss,
            largestGradient: gradient.map(abs).max() ?? 0)
    }

    /// The objective and its gradient at `theta` (weights then bias).
    func evaluate(_ design: Design, theta: [Double], target: [Double], weight: [Double]) -> (Double, [Double]) {
        let n = design.rows
        let d = design.columns
        let beta = Array(theta[0..<d])
        let bias = theta[d]
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: d + 1)
        var blockGradient = [Float](repeating: 0, count: d)
        design.values.withUnsafeBufferPointer { x in
            beta.withUnsafeBufferPointer { b in
                blockGradient.withUnsafeMutableBufferPointer { g in
                    for i in 0..<n {
                        let row = UnsafeBufferPointer(rebasing: x[(i * d)..<(i * d + d)])
                        let z = Self.dot(row, b) + bias
                        loss += weight[i] * (LogisticFunction.softplus(z) - target[i] * z)
                        let residual = weight[i] * (LogisticFunction.sigmoid(z) - target[i])
                        gradient[d] += residual
                        Self.axpy(Float(residual), row, g)
                        if i % 256 == 255 || i == n - 1 {
                            for j in 0..<d {
                                gradient[j] += Double(g[j])
                                g[j] = 0
                            }
                        }
                    }
                }
            }
        }
        var penalty = 0.0
        for j in 0..<d {
            penalty += theta[j] * theta[j]
            gradient[j] += l2 * theta[j]
        }
        return (loss + 0.5 * l2 * penalty, gradient)
    }

    /// `Σ aⱼ·bⱼ` summed in `Double`, in four interleaved partial sums.
    ///
    /// Plain loops over the buffers: the optimiser vectorises them, which measured about eight times
    /// faster than the same sums written with `SIMD8<Double>` (whose conversion from `Float` lanes it
    /// does not vectorise) and turned `eval --deep`'s probe fits from compute-bound into memory-bound.
    static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Double>) -> Double {
        let count = min(a.count, b.count)
        var s0 = 0.0
        var s1 = 0.0
        var s2 = 0.0
        var s3 = 0.0
        var j = 0
        while j + 4 <= count {
            s0 += Double(a[j]) * b[j]
            s1 += Double(a[j + 1]) * b[j + 1]
            s2 += Double(a[j + 2]) * b[j + 2]
            s3 += Double(a[j + 3]) * b[j + 3]
            j += 4
        }
        while j < count {
            s0 += Double(a[j]) * b[j]
            j += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// `y += alpha·x` over the shorter of the two (a plain loop, vectorised by the optimiser).
    static func axpy(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        let count = min(x.count, y.count)
        for j in 0..<count { y[j] += alpha * x[j] }
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for j in 0..<a.count { sum += a[j] * b[j] }
        return sum
    }
}
