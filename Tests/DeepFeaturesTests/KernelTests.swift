@testable import DeepFeatures
import Testing

/// The forward pass's kernels: known answers for onnxruntime's rules (exact integer sums, quantisation
/// parameters), the vector paths against the portable ones, and the AVX-512 / VNNI paths against the
/// AVX2 ones; all must give the same bits.
@Suite struct KernelTests {
    /// Deterministic values in [−spread, spread).
    static func values(_ count: Int, seed: UInt64, spread: Float) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * spread
        }
    }

    /// Runs `body` on the vector paths and on the portable paths and returns both results.
    static func bothPaths<T>(_ body: () -> T) -> (vector: T, portable: T) {
        TensorKernels.forcePortableKernels(false)
        let vector = body()
        TensorKernels.forcePortableKernels(true)
        let portable = body()
        TensorKernels.forcePortableKernels(false)
        return (vector, portable)
    }

    /// Deterministic uint8 activations and int8 weights of the given counts (one generator, activations first).
    static func integerOperands(activations: Int, weights: Int, seed: UInt64) -> (bytes: [UInt8], weights: [Int8]) {
        var state = seed
        let bytes = (0..<activations).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let weights = (0..<weights).map { _ -> Int8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return Int8(truncatingIfNeeded: state >> 56)
        }
        return (bytes, weights)
    }

    static func quantizedProduct(
        _ input: [UInt8], rows: Int, zeroPoint: Int32, _ matrix: Int8Matrix, bias: [Float]?,
        layout: QuantizedMatrix.Layout? = nil
    ) -> [Float] {
        let packed = QuantizedMatrix(matrix, layout: layout)
        var out = [Float](repeating: 0, count: rows * matrix.columns)
        let multipliers = [Float](repeating: 1, count: matrix.columns)
        input.withUnsafeBufferPointer { a in
            multipliers.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    guard let a = a.baseAddress, let m = m.baseAddress, let o = o.baseAddress else { return }
                    if let bias {
                        bias.withUnsafeBufferPointer { b in
                            TensorKernels.quantizedProduct(
                                a, rows: rows, zeroPoint: zeroPoint, matrix: packed, multipliers: m, bias: b.baseAddress,
                                into: o)
                        }
                    } else {
                        TensorKernels.quantizedProduct(
                            a, rows: rows, zeroPoint: zeroPoint, matrix: packed, multipliers: m, bias: nil, into: o)
                    }
                }
            }
        }
        return out
    }

    @Test func integerSumsAreExact() {
        // K = 4, N = 16: every column sums 4 · 255 · 127 = 129 540 exactly (onnxruntime's AVX2 kernel would
        // clamp each pair 255·127 + 255·127 = 64 770 to the int16 maximum 32 767 and give 65 534).
        let matrix = Int8Matrix(
            rows: 4, columns: 16, values: [Int8](repeating: 127, count: 64), columnScales: [Float](repeating: 1, count: 16))
        let (vector, portable) = Self.bothPaths {
            Self.quantizedProduct([255, 255, 255, 255], rows: 1, zeroPoint: 0, matrix, bias: nil)
        }
        #expect(vector == [Float](repeating: 129_540, count: 16))
        #expect(portable == vector)
        // With zero point 3: 129 540 − 3 · (4 · 127).
        let shifted = Self.quantizedProduct([255, 255, 255, 255], rows: 1, zeroPoint: 3, matrix, bias: nil)
        #expect(shifted == [Float](repeating: 129_540 - 1_524, count: 16))
    }

    @Test func wideAndAVX2KernelsComputeTheSameBits() {
        TensorKernels.forcePortableKernels(false)
        // 13 rows: two 6-row calls and a single row; K = 3072 (the MLP's), N = 64 (two 32-column steps).
        let rows = 13, k = 3072, n = 64
        let (bytes, weights) = Self.integerOperands(activations: rows * k, weights: k * n, seed: 11)
        let matrix = Int8Matrix(rows: k, columns: n, values: weights, columnScales: Self.values(n, seed: 12, spread: 0.01))
        let bias = Self.values(n, seed: 13, spread: 1)
        // The quad layout (AVX-512 VNNI kernel, or its portable loop) against the pair layout's kernels.
        let quads = Self.bothPaths { Self.quantizedProduct(bytes, rows: rows, zeroPoint: 91, matrix, bias: bias, layout: .quads) }
        #expect(quads.vector == quads.portable)
        let pairs = Self.quantizedProduct(bytes, rows: rows, zeroPoint: 91, matrix, bias: bias, layout: .pairs)
        #expect(quads.vector == pairs)
        let quadWeights = QuantizedMatrix(matrix, layout: .quads).integerWeightsAsFloats()
        #expect(quadWeights == weights.map(Float.init))
        guard TensorKernels.integerKernelName.hasSuffix("vnni") else {
            print("skipping the VNNI-against-AVX2 half: this CPU has no VNNI (integer kernel \(TensorKernels.integerKernelName))")
            return
        }
        // The AVX-512 float product (32 columns per step, masked edges) against the AVX2 one.
        let a = Self.values(rows * 37, seed: 14, spread: 2), b = Self.values(37 * 40, seed: 15, spread: 2)
        func product() -> [Float] {
            var c = [Float](repeating: 0, count: rows * 40)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        TensorKernels.multiply(
                            m: rows, n: 40, k: 37, a: a.baseAddress!, lda: 37, b: b.baseAddress!, ldb: 40, c: c.baseAddress!,
                            ldc: 40, alpha: 0.125, blockK: 16)
                    }
                }
            }
            return c
        }
        // Softmax rows of 197 (16-wide steps and a tail) and 205 values (also one 8-wide step).
        func softmax(_ width: Int) -> [Float] {
            var x = Self.values(3 * width, seed: UInt64(width), spread: 12)
            x.withUnsafeMutableBufferPointer { TensorKernels.softmaxRows($0.baseAddress!, rows: 3, width: width) }
            return x
        }
        // Dynamic quantisation of 16-wide steps and a tail.
        func quantized() -> [UInt8] {
            let x = Self.values(13 * 64 + 5, seed: 16, spread: 7)
            var q = [UInt8](repeating: 0, count: x.count)
            let (scale, zeroPoint) = x.withUnsafeBufferPointer { x in
                q.withUnsafeMutableBufferPointer { TensorKernels.quantize(x.baseAddress!, count: x.count, into: $0.baseAddress!) }
            }
            return q + [UInt8(truncatingIfNeeded: zeroPoint)] + withUnsafeBytes(of: scale.bitPattern) { Array($0) }
        }
        let wide = (product(), softmax(197), softmax(205))
        let wideQuantized = quantized()
        TensorKernels.limitToAVX2(true)
        let narrow = (product(), softmax(197), softmax(205))
        let narrowQuantized = quantized()
        TensorKernels.limitToAVX2(false)
        #expect(wideQuantized == narrowQuantized)
        #expect(wide.0 == narrow.0)
        #expect(wide.1 == narrow.1)
        #expect(wide.2 == narrow.2)

        let vnni = Self.quantizedProduct(bytes, rows: rows, zeroPoint: 91, matrix, bias: bias, layout: .pairs)
        TensorKernels.limitToAVX2(true)
        let avx2 = Self.quantizedProduct(bytes, rows: rows, zeroPoint: 91, matrix, bias: bias, layout: .pairs)
        TensorKernels.limitToAVX2(false)
        #expect(vnni == avx2)
        #expect(quads.vector == avx2)
        // The extreme sums of integerSumsAreExact through the VNNI kernel: 4 · 255 · 127 per column.
        let extreme = Int8Matrix(
            rows: 4, columns: 16, values: [Int8](repeating: 127, count: 64), columnScales: [Float](repeating: 1, count: 16))
        #expect(Self.quantizedProduct([255, 255, 255, 255], rows: 1, zeroPoint: 0, extreme, bias: nil, layout: .pairs)
            == [Float](repeating: 129_540, count: 16))
        let extremeWide = Int8Matrix(
            rows: 4, columns: 32, values: [Int8](repeating: 127, count: 128), columnScales: [Float](repeating: 1, count: 32))
        #expect(Self.quantizedProduct([255, 255, 255, 255], rows: 1, zeroPoint: 0, extremeWide, bias: nil, layout: .quads)
            == [Float](repeating: 129_540, count: 32))
    }

    @Test func quantisationParametersFollowDynamicQuantizeLinear() {
        // Range [−1, 3]: scale 4/255, zero point round(255/4) = 64 (63.75); 3 ↦ 255, −1 ↦ 0, 0 ↦ 64.
        let input: [Float] = [-1, 0, 3, 0.5, 1, 2, -0.5, 0.25, 3]
        var bytes = [UInt8](repeating: 0, count: input.count)
        let (scale, zeroPoint) = input.withUnsafeBufferPointer { x in
            bytes.withUnsafeMutableBufferPointer { q in
                TensorKernels.quantize(x.baseAddress!, count: x.count, into: q.baseAddress!)
            }
        }
        #expect(scale == Float(4) / 255)
        #expect(zeroPoint == 64)
        #expect(bytes[0] == 0 && bytes[1] == 64 && bytes[2] == 255)
        // An all-zero tensor: scale 1, zero point 0.
        var zeros = [UInt8](repeating: 9, count: 8)
        let empty = [Float](repeating: 0, count: 8).withUnsafeBufferPointer { x in
            zeros.withUnsafeMutableBufferPointer { q in TensorKernels.quantize(x.baseAddress!, count: 8, into: q.baseAddress!) }
        }
        #expect(empty.scale == 1 && empty.zeroPoint == 0 && zeros == [UInt8](repeating: 0, count: 8))
    }

    @Test func vectorAndPortablePathsComputeTheSameBits() {
        let rows = 13, k = 64, n = 48
        let (bytes, weights) = Self.integerOperands(activations: rows * k, weights: k * n, seed: 7)
        let matrix = Int8Matrix(rows: k, columns: n, values: weights, columnScales: Self.values(n, seed: 3, spread: 0.01))
        let bias = Self.values(n, seed: 4, spread: 1)
        let q = Self.bothPaths { Self.quantizedProduct(bytes, rows: rows, zeroPoint: 37, matrix, bias: bias) }
        #expect(q.vector == q.portable)

        let a = Self.values(rows * 37, seed: 5, spread: 2), b = Self.values(37 * 21, seed: 6, spread: 2)
        let product = Self.bothPaths { () -> [Float] in
            var c = [Float](repeating: 0, count: rows * 21)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        TensorKernels.multiply(
                            m: rows, n: 21, k: 37, a: a.baseAddress!, lda: 37, b: b.baseAddress!, ldb: 21, c: c.baseAddress!,
                            ldc: 21, alpha: 0.125, blockK: 16)
                    }
                }
            }
            return c
        }
        #expect(product.vector == product.portable)

        let x = Self.values(5 * 64, seed: 8, spread: 30)
        let weight = Self.values(64, seed: 9, spread: 2), shift = Self.values(64, seed: 10, spread: 1)
        let normed = Self.bothPaths { () -> [Float] in
            var y = x
            x.withUnsafeBufferPointer { xs in
                weight.withUnsafeBufferPointer { w in
                    shift.withUnsafeBufferPointer { s in
                        y.withUnsafeMutableBufferPointer { y in
                            TensorKernels.layerNorm(
                                xs.baseAddress!, into: y.baseAddress!, rows: 5, width: 64, weight: w.baseAddress!,
                                bias: s.baseAddress!, epsilon: 1e-5)
                        }
                    }
                }
            }
            return y
        }
        #expect(normed.vector == normed.portable)

        let softmax = Self.bothPaths { () -> [Float] in
            var y = Self.values(3 * 197, seed: 11, spread: 40)
            y.withUnsafeMutableBufferPointer { TensorKernels.softmaxRows($0.baseAddress!, rows: 3, width: 197) }
            return y
        }
        #expect(softmax.vector == softmax.portable)
        #expect(abs(softmax.vector[0..<197].reduce(0, +) - 1) < 1e-5)

        let gelu = Self.bothPaths { () -> [Float] in
            var y = Self.values(203, seed: 12, spread: 25)
            y.withUnsafeMutableBufferPointer { TensorKernels.quickGELU($0.baseAddress!, count: 203, alpha: 1.702) }
            return y
        }
        #expect(gelu.vector == gelu.portable)
    }
}
