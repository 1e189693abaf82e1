import Foundation

/// The element-wise and row-wise kernels of the transformer, on raw row-major buffers.
enum TensorKernels {
    /// Row-wise LayerNorm of `rows × width` values from `input` into `output` (may alias):
    /// `(x − mean) / sqrt(var + eps) · weight + bias`, variance with divisor `width`.
    static func layerNorm(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        for r in 0..<rows {
            let x = input + r * width
            let y = output + r * width
            var sum: Float = 0
            for i in 0..<width { sum += x[i] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for i in 0..<width {
                let d = x[i] - mean
                squares += d * d
            }
            let inverse = 1 / (squares / Float(width) + epsilon).squareRoot()
            for i in 0..<width { y[i] = (x[i] - mean) * inverse * weight[i] + bias[i] }
        }
    }

    /// In-place softmax of each of `rows` rows of `width` values.
    static func softmaxRows(_ values: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let x = values + r * width
            var peak = -Float.infinity
            for i in 0..<width { peak = max(peak, x[i]) }
            var sum: Float = 0
            for i in 0..<width {
                let e = expf(x[i] - peak)
                x[i] = e
                sum += e
            }
            let inverse = 1 / sum
            for i in 0..<width { x[i] *= inverse }
        }
    }

    /// In-place QuickGELU: `x · sigmoid(alpha · x)`.
    static func quickGELU(_ values: UnsafeMutablePointer<Float>, count: Int, alpha: Float) {
        for i in 0..<count {
            let x = values[i]
            values[i] = x / (1 + expf(-alpha * x))
        }
    }

    /// `output[r][c] = product[r][c] · scale · columnScales[c] + bias[c]` for a quantised product.
    static func rescaleColumns(
        _ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int, scale: Float,
        columnScales: UnsafePointer<Float>, bias: UnsafePointer<Float>?
    ) {
        for r in 0..<rows {
            let row = values + r * columns
            if let bias {
                for c in 0..<columns { row[c] = row[c] * (scale * columnScales[c]) + bias[c] }
            } else {
                for c in 0..<columns { row[c] *= scale * columnScales[c] }
            }
        }
    }
}
