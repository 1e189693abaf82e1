import Foundation

/// The CLIP ViT-B/16 image tower computed natively: patch embedding, class token and position
/// embeddings, pre-LayerNorm, 12 pre-norm transformer blocks (12-head attention, QuickGELU MLP),
/// final LayerNorm on the class token and the projection to 512 dimensions.
///
/// By default every operator reproduces what onnxruntime computes for the INT8 dynamic-quantised
/// ONNX export, bit for bit: activations quantised per tensor to uint8 before each quantised product
/// (DynamicQuantizeLinear), u8 × s8 products summed exactly in int32 (onnxruntime on AVX-512 VNNI
/// CPUs, or the exact graph of `scripts/deep/exact_int8_onnx.py` anywhere — not the int16-saturating
/// AVX2 kernel), and MLAS's AVX2 float kernels for the convolution, attention products, LayerNorm,
/// softmax and QuickGELU (`Sources/CInt8GEMM`). The same bits come out on every CPU
/// (portable C paths elsewhere). Immutable after loading, so one tower can serve many threads; each
/// call allocates its own ≈ 6 MB of scratch.
public final class CLIPVisionTower: Sendable {
    /// Architecture constants.
    public let configuration: CLIPConfiguration
    /// Whether activations are quantised before each quantised product, as onnxruntime does (the
    /// product's path). When false, a diagnostic path multiplies float activations by the
    /// dequantised weights, which a plain float reference can be checked against.
    public let emulatesActivationQuantization: Bool
    private let patchWeights: [Float]
    private let classEmbedding: [Float]
    private let positionEmbedding: [Float]
    private let preNormWeight: [Float]
    private let preNormBias: [Float]
    private let blocks: [TransformerBlock]
    private let postNormWeight: [Float]
    private let postNormBias: [Float]
    private let projection: QuantizedMatrix
    /// The attention scale of the export: queries and keys are each multiplied by
    /// headWidth^(−1/4) in float, which onnxruntime folds into one factor (their float product)
    /// applied to each score.
    private let attentionScale: Float

    /// Builds the tower from a parsed weight file.
    public init(weights: CLIPWeightFile, emulateActivationQuantization: Bool = true) throws(DeepFeaturesError) {
        let c = weights.configuration
        configuration = c
        emulatesActivationQuantization = emulateActivationQuantization
        // The convolution's [out, in] weights transposed to [in, out] for a plain product.
        let patch = try weights.floats("embeddings.patch", shape: [c.hidden, 3, c.patch, c.patch])
        let inputWidth = 3 * c.patch * c.patch
        var transposed = [Float](repeating: 0, count: patch.count)
        for o in 0..<c.hidden {
            for i in 0..<inputWidth { transposed[i * c.hidden + o] = patch[o * inputWidth + i] }
        }
        patchWeights = transposed
        classEmbedding = try weights.floats("embeddings.class", shape: [c.hidden])
        positionEmbedding = try weights.floats("embeddings.position", shape: [c.tokens, c.hidden])
        preNormWeight = try weights.floats("pre_ln.weight", shape: [c.hidden])
        preNormBias = try weights.floats("pre_ln.bias", shape: [c.hidden])
        var blocks: [TransformerBlock] = []
        for index in 0..<c.layers {
            blocks.append(try TransformerBlock(index: index, from: weights))
        }
        self.blocks = blocks
        postNormWeight = try weights.floats("post_ln.weight", shape: [c.hidden])
        postNormBias = try weights.floats("post_ln.bias", shape: [c.hidden])
        projection = QuantizedMatrix(try weights.matrix("projection.weight", rows: c.hidden, columns: c.projection))
        let quarter = Float(pow(Double(c.hidden / c.heads), -0.25))
        attentionScale = quarter * quarter
    }

    /// The projected (not normalised) embedding of one preprocessed image: `pixels` holds
    /// 3 × 224 × 224 normalised values, channel-major (NCHW without the batch axis).
    public func projectedEmbedding(pixels: [Float]) throws(DeepFeaturesError) -> [Float] {
        let c = configuration
        guard pixels.count == 3 * c.image * c.image else {
            throw DeepFeaturesError(.dimensionMismatch, "expected \(3 * c.image * c.image) input values, got \(pixels.count)")
        }
        let scratch = Scratch(configuration: c)
        pixels.withBase { embedPatches($0, scratch) }
        for block in blocks { run(block, scratch) }
        return finish(scratch)
    }

    /// The class token of the residual stream (``CLIPConfiguration/hidden`` values, before any
    /// LayerNorm) after each block in `layers` (0-based, strictly increasing), concatenated in that
    /// order; each class token is followed by the summary of that block's patch tokens that `patches`
    /// asks for (means and deviations accumulated in `Double`). The forward pass stops after the last
    /// listed block. Same input as ``projectedEmbedding(pixels:)``.
    public func classTokens(pixels: [Float], layers: [Int], patches summary: PatchTokenSummary = .none) throws(DeepFeaturesError) -> [Float] {
        let c = configuration
        guard pixels.count == 3 * c.image * c.image else {
            throw DeepFeaturesError(.dimensionMismatch, "expected \(3 * c.image * c.image) input values, got \(pixels.count)")
        }
        guard TowerFeatures.classTokens(layers: layers).isValid(for: c), let last = layers.last else {
            throw DeepFeaturesError(.dimensionMismatch, "class-token layers must be strictly increasing within 0..<\(c.layers)")
        }
        let scratch = Scratch(configuration: c)
        pixels.withBase { embedPatches($0, scratch) }
        var tokens: [Float] = []
        tokens.reserveCapacity(summary.rowsPerBlock * layers.count * c.hidden)
        var wanted = layers[...]
        for (index, block) in blocks.enumerated() where index <= last {
            run(block, scratch)
            if wanted.first == index {
                tokens.append(contentsOf: UnsafeBufferPointer(start: scratch.hidden, count: c.hidden))
                if summary != .none { appendPatchSummary(scratch, summary, to: &tokens) }
                wanted = wanted.dropFirst()
            }
        }
        return tokens
    }

    /// Appends the mean of the residual stream's patch tokens (rows 1...grid²) and, for
    /// ``PatchTokenSummary/meanAndDeviation``, their population standard deviation, value by value.
    private func appendPatchSummary(_ s: Scratch, _ summary: PatchTokenSummary, to tokens: inout [Float]) {
        let c = configuration
        let patches = c.gridSide * c.gridSide
        var mean = [Double](repeating: 0, count: c.hidden)
        for p in 1...patches {
            let row = s.hidden + p * c.hidden
            for j in 0..<c.hidden { mean[j] += Double(row[j]) }
        }
        for j in 0..<c.hidden { mean[j] /= Double(patches) }
        tokens.append(contentsOf: mean.map { Float($0) })
        guard summary == .meanAndDeviation else { return }
        var squares = [Double](repeating: 0, count: c.hidden)
        for p in 1...patches {
            let row = s.hidden + p * c.hidden
            for j in 0..<c.hidden {
                let d = Double(row[j]) - mean[j]
                squares[j] += d * d
            }
        }
        tokens.append(contentsOf: squares.map { Float(($0 / Double(patches)).squareRoot()) })
    }

    /// Patch embedding (a 16×16 stride-16 convolution as one product), class token, positions, pre-LN.
    private func embedPatches(_ pixels: UnsafePointer<Float>, _ s: Scratch) {
        let c = configuration
        let grid = c.gridSide
        let patchArea = c.patch * c.patch
        let inputWidth = 3 * patchArea
        // im2col: one row per patch, columns in the weight's (channel, y, x) order.
        for py in 0..<grid {
            for px in 0..<grid {
                let row = s.wide + (py * grid + px) * inputWidth
                for channel in 0..<3 {
                    for y in 0..<c.patch {
                        let source = pixels + (channel * c.image + py * c.patch + y) * c.image + px * c.patch
                        (row + channel * patchArea + y * c.patch).update(from: source, count: c.patch)
                    }
                }
            }
        }
        // onnxruntime's NCHWc convolution sums each input channel's 16 × 16 products as one chain and
        // adds the three channel sums in order: a product in k-blocks of one channel.
        patchWeights.withBase { w in
            TensorKernels.multiply(
                m: grid * grid, n: c.hidden, k: inputWidth, a: s.wide, lda: inputWidth,
                b: w, ldb: c.hidden, c: s.hidden + c.hidden, ldc: c.hidden, blockK: patchArea)
        }
        (s.hidden).update(from: classEmbedding, count: c.hidden)
        positionEmbedding.withBase { p in
            for i in 0..<c.tokens * c.hidden { s.hidden[i] += p[i] }
        }
        preNormWeight.withBase { w in
            preNormBias.withBase { b in
                TensorKernels.layerNorm(
                    s.hidden, into: s.hidden, rows: c.tokens, width: c.hidden, weight: w,
                    bias: b, epsilon: c.layerNormEpsilon)
            }
        }
    }

    /// One pre-norm block: h += Attention(LN1(h)); h += MLP(LN2(h)).
    private func run(_ block: TransformerBlock, _ s: Scratch) {
        let c = configuration
        let m = c.tokens
        let h = c.hidden
        block.norm1Weight.withBase { w in
            block.norm1Bias.withBase { b in
                TensorKernels.layerNorm(
                    s.hidden, into: s.normed, rows: m, width: h, weight: w, bias: b,
                    epsilon: c.layerNormEpsilon)
            }
        }
        linear(s.normed, rows: m, block.queryKeyValue, bias: block.queryKeyValueBias, into: s.wide, s)
        attention(qkv: s.wide, into: s.attended, s)
        linear(s.attended, rows: m, block.output, bias: block.outputBias, into: s.normed, s)
        for i in 0..<m * h { s.hidden[i] += s.normed[i] }

        block.norm2Weight.withBase { w in
            block.norm2Bias.withBase { b in
                TensorKernels.layerNorm(
                    s.hidden, into: s.normed, rows: m, width: h, weight: w, bias: b,
                    epsilon: c.layerNormEpsilon)
            }
        }
        linear(s.normed, rows: m, block.expand, bias: block.expandBias, into: s.wide, s)
        TensorKernels.quickGELU(s.wide, count: m * c.mlp, alpha: c.quickGELUAlpha)
        linear(s.wide, rows: m, block.contract, bias: block.contractBias, into: s.normed, s)
        for i in 0..<m * h { s.hidden[i] += s.normed[i] }
    }

    /// Multi-head self-attention over the packed [tokens, 3·hidden] query/key/value rows:
    /// scores = scale · (q · kᵀ) (onnxruntime's FusedMatMul), softmax, then scores · v.
    private func attention(qkv: UnsafeMutablePointer<Float>, into output: UnsafeMutablePointer<Float>, _ s: Scratch) {
        let c = configuration
        let m = c.tokens
        let h = c.hidden
        let headWidth = h / c.heads
        let stride = 3 * h
        for head in 0..<c.heads {
            let q = qkv + head * headWidth
            let k = qkv + h + head * headWidth
            let v = qkv + 2 * h + head * headWidth
            for t in 0..<m {
                for d in 0..<headWidth { s.keysTransposed[d * m + t] = k[t * stride + d] }
            }
            TensorKernels.multiply(
                m: m, n: m, k: headWidth, a: q, lda: stride, b: s.keysTransposed, ldb: m, c: s.scores, ldc: m,
                alpha: attentionScale)
            TensorKernels.softmaxRows(s.scores, rows: m, width: m)
            TensorKernels.multiply(
                m: m, n: headWidth, k: m, a: s.scores, lda: m, b: v, ldb: stride, c: output + head * headWidth, ldc: h)
        }
    }

    /// `output = input · W` for a quantised matrix, plus bias: activations quantised to uint8 and
    /// multiplied in integers (the product's path), or float activations times the dequantised
    /// weights (the diagnostic path).
    private func linear(
        _ input: UnsafeMutablePointer<Float>, rows: Int, _ matrix: QuantizedMatrix, bias: [Float]?,
        into output: UnsafeMutablePointer<Float>, _ scratch: Scratch
    ) {
        if emulatesActivationQuantization {
            let (scale, zeroPoint) = TensorKernels.quantize(input, count: rows * matrix.rows, into: scratch.bytes)
            // onnxruntime multiplies each integer sum by (activation scale · column scale), then adds the bias.
            for i in 0..<matrix.columns { scratch.multipliers[i] = scale * matrix.columnScales[i] }
            if let bias {
                bias.withBase { b in
                    TensorKernels.quantizedProduct(
                        scratch.bytes, rows: rows, zeroPoint: zeroPoint, matrix: matrix, multipliers: scratch.multipliers,
                        bias: b, into: output)
                }
            } else {
                TensorKernels.quantizedProduct(
                    scratch.bytes, rows: rows, zeroPoint: zeroPoint, matrix: matrix, multipliers: scratch.multipliers,
                    bias: nil, into: output)
            }
            return
        }
        matrix.integerWeightsAsFloats().withBase { w in
            TensorKernels.multiply(
                m: rows, n: matrix.columns, k: matrix.rows, a: input, lda: matrix.rows, b: w, ldb: matrix.columns,
                c: output, ldc: matrix.columns)
        }
        matrix.columnScales.withBase { scales in
            if let bias {
                bias.withBase { b in
                    TensorKernels.rescaleColumns(output, rows: rows, columns: matrix.columns, columnScales: scales, bias: b)
                }
            } else {
                TensorKernels.rescaleColumns(output, rows: rows, columns: matrix.columns, columnScales: scales, bias: nil)
            }
        }
    }

    /// Final LayerNorm on the class token and the projection.
    private func finish(_ s: Scratch) -> [Float] {
        let c = configuration
        postNormWeight.withBase { w in
            postNormBias.withBase { b in
                TensorKernels.layerNorm(
                    s.hidden, into: s.normed, rows: 1, width: c.hidden, weight: w, bias: b,
                    epsilon: c.layerNormEpsilon)
            }
        }
        linear(s.normed, rows: 1, projection, bias: nil, into: s.attended, s)
        return Array(UnsafeBufferPointer(start: s.attended, count: c.projection))
    }
}

/// Per-call working buffers of the forward pass.
private final class Scratch {
    let hidden: UnsafeMutablePointer<Float>
    let normed: UnsafeMutablePointer<Float>
    let attended: UnsafeMutablePointer<Float>
    let wide: UnsafeMutablePointer<Float>
    let scores: UnsafeMutablePointer<Float>
    let keysTransposed: UnsafeMutablePointer<Float>
    let bytes: UnsafeMutablePointer<UInt8>
    let multipliers: UnsafeMutablePointer<Float>

    init(configuration c: CLIPConfiguration) {
        let m = c.tokens
        hidden = .allocate(capacity: m * c.hidden)
        normed = .allocate(capacity: m * c.hidden)
        attended = .allocate(capacity: m * c.hidden)
        wide = .allocate(capacity: m * max(c.mlp, 3 * c.hidden, 3 * c.patch * c.patch))
        scores = .allocate(capacity: m * m)
        keysTransposed = .allocate(capacity: m * c.hidden / c.heads)
        bytes = .allocate(capacity: m * c.mlp)
        multipliers = .allocate(capacity: max(c.mlp, 3 * c.hidden, c.projection))
        hidden.initialize(repeating: 0, count: m * c.hidden)
    }

    deinit {
        hidden.deallocate()
        normed.deallocate()
        attended.deallocate()
        wide.deallocate()
        scores.deallocate()
        keysTransposed.deallocate()
        bytes.deallocate()
        multipliers.deallocate()
    }
}
