/// The CLIP ViT-B/16 image tower computed natively: patch embedding, class token and position
/// embeddings, pre-LayerNorm, 12 pre-norm transformer blocks (12-head attention, QuickGELU MLP),
/// final LayerNorm on the class token and the projection to 512 dimensions.
///
/// The weights are INT8 per output column (as in the ONNX export). By default the activations
/// entering each quantised product are quantised the way ONNX `DynamicQuantizeLinear` does and the
/// product is computed in exact integers (AVX-512 VNNI kernel) or, on CPUs without it, in floats
/// through `cblas_sgemm` — both reproduce onnxruntime's embedding (cosines in `docs/benchmarks.md`).
/// Immutable after loading, so one tower can serve many threads; each call allocates its own
/// ≈ 6 MB of scratch.
public final class CLIPVisionTower: Sendable {
    /// Architecture constants.
    public let configuration: CLIPConfiguration
    /// Whether activations are quantised before each quantised product, as onnxruntime does.
    public let emulatesActivationQuantization: Bool
    /// Whether the quantised products run in the AVX-512 VNNI integer kernel (else `cblas_sgemm`).
    public let usesIntegerKernel: Bool
    private let patchWeights: [Float]
    private let classEmbedding: [Float]
    private let positionEmbedding: [Float]
    private let preNormWeight: [Float]
    private let preNormBias: [Float]
    private let blocks: [TransformerBlock]
    private let postNormWeight: [Float]
    private let postNormBias: [Float]
    private let projection: QuantizedMatrix

    /// Builds the tower from a parsed weight file.
    ///
    /// OpenBLAS is set to one thread per product: the deep stage parallelises across images.
    public init(weights: CLIPWeightFile, emulateActivationQuantization: Bool = true) throws(DeepFeaturesError) {
        let c = weights.configuration
        configuration = c
        emulatesActivationQuantization = emulateActivationQuantization
        let integer = emulateActivationQuantization && MatrixProduct.fastKernelsAvailable
        usesIntegerKernel = integer
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
            blocks.append(try TransformerBlock(index: index, from: weights, integerKernel: integer))
        }
        self.blocks = blocks
        postNormWeight = try weights.floats("post_ln.weight", shape: [c.hidden])
        postNormBias = try weights.floats("post_ln.bias", shape: [c.hidden])
        projection = QuantizedMatrix(
            try weights.matrix("projection.weight", rows: c.hidden, columns: c.projection), integerKernel: integer)
        MatrixProduct.setThreads(1)
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
        patchWeights.withBase { w in
            MatrixProduct.multiply(
                m: grid * grid, n: c.hidden, k: inputWidth, a: s.wide, lda: inputWidth,
                b: w, ldb: c.hidden, c: s.hidden + c.hidden, ldc: c.hidden)
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

    /// Multi-head self-attention over the packed [tokens, 3·hidden] query/key/value rows.
    private func attention(qkv: UnsafeMutablePointer<Float>, into output: UnsafeMutablePointer<Float>, _ s: Scratch) {
        let c = configuration
        let m = c.tokens
        let h = c.hidden
        let headWidth = h / c.heads
        let stride = 3 * h
        // The export scales queries and keys each by headWidth^(-1/4) before their product.
        let scale = 1 / Float(headWidth).squareRoot().squareRoot()
        for r in 0..<m {
            for i in 0..<2 * h { qkv[r * stride + i] *= scale }
        }
        for head in 0..<c.heads {
            let q = qkv + head * headWidth
            let k = qkv + h + head * headWidth
            let v = qkv + 2 * h + head * headWidth
            for t in 0..<m {
                for d in 0..<headWidth { s.keysTransposed[d * m + t] = k[t * stride + d] }
            }
            MatrixProduct.multiply(
                m: m, n: m, k: headWidth, a: q, lda: stride, b: s.keysTransposed, ldb: m, c: s.scores, ldc: m)
            TensorKernels.softmaxRows(s.scores, rows: m, width: m)
            MatrixProduct.multiply(
                m: m, n: headWidth, k: m, a: s.scores, lda: m, b: v, ldb: stride, c: output + head * headWidth, ldc: h)
        }
    }

    /// `output = input · W` for a quantised matrix, plus bias. `input` is overwritten when
    /// activations are quantised.
    private func linear(
        _ input: UnsafeMutablePointer<Float>, rows: Int, _ matrix: QuantizedMatrix, bias: [Float]?,
        into output: UnsafeMutablePointer<Float>, _ scratch: Scratch
    ) {
        let activationScale: Float
        if usesIntegerKernel {
            let (scale, zeroPoint) = ActivationQuantizer.quantize(input, count: rows * matrix.rows, into: scratch.bytes)
            activationScale = scale
            matrix.packed.withUnsafeBufferPointer { packed in
                guard let base = packed.baseAddress else { return }
                MatrixProduct.multiplyIntegers(
                    m: rows, k: matrix.rows, a: scratch.bytes, packed: base, n: matrix.columns, c: scratch.integers)
            }
            // Σ (q − zp)·w = Σ q·w − zp·Σ w, exact in int32, then to float as onnxruntime does.
            matrix.columnSums.withUnsafeBufferPointer { sums in
                for r in 0..<rows {
                    for c in 0..<matrix.columns {
                        let i = r * matrix.columns + c
                        output[i] = Float(scratch.integers[i] &- zeroPoint &* sums[c])
                    }
                }
            }
        } else {
            activationScale =
                emulatesActivationQuantization
                ? ActivationQuantizer.quantizeInPlace(input, count: rows * matrix.rows) : 1
            matrix.integerWeights.withBase { w in
                MatrixProduct.multiply(
                    m: rows, n: matrix.columns, k: matrix.rows, a: input, lda: matrix.rows, b: w,
                    ldb: matrix.columns, c: output, ldc: matrix.columns)
            }
        }
        matrix.columnScales.withBase { scales in
            if let bias {
                bias.withBase { b in
                    TensorKernels.rescaleColumns(
                        output, rows: rows, columns: matrix.columns, scale: activationScale,
                        columnScales: scales, bias: b)
                }
            } else {
                TensorKernels.rescaleColumns(
                    output, rows: rows, columns: matrix.columns, scale: activationScale,
                    columnScales: scales, bias: nil)
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
    let integers: UnsafeMutablePointer<Int32>

    init(configuration c: CLIPConfiguration) {
        let m = c.tokens
        hidden = .allocate(capacity: m * c.hidden)
        normed = .allocate(capacity: m * c.hidden)
        attended = .allocate(capacity: m * c.hidden)
        wide = .allocate(capacity: m * max(c.mlp, 3 * c.hidden, 3 * c.patch * c.patch))
        scores = .allocate(capacity: m * m)
        keysTransposed = .allocate(capacity: m * c.hidden / c.heads)
        bytes = .allocate(capacity: m * c.mlp)
        integers = .allocate(capacity: m * max(c.mlp, 3 * c.hidden))
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
        integers.deallocate()
    }
}
