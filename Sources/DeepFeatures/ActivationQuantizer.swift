/// Emulates ONNX `DynamicQuantizeLinear` on an activation tensor: uint8, per tensor, asymmetric.
///
/// The ONNX export quantises every input of a quantised matrix product this way at run time, so
/// the encoder reproduces it to match onnxruntime's embedding closely (see `docs/benchmarks.md`
/// for the cosine with and without). Specification: range = [min(0, min x), max(0, max x)],
/// scale = range / 255, zero point = round-half-even(−min / scale) in [0, 255],
/// q = clamp(round-half-even(x / scale) + zero point, 0, 255).
enum ActivationQuantizer {
    /// Replaces `values[0..<count]` by `q − zeroPoint` (integers stored as floats) and returns the
    /// scale that maps them back to real values.
    static func quantizeInPlace(_ values: UnsafeMutablePointer<Float>, count: Int) -> Float {
        var low: Float = 0
        var high: Float = 0
        for i in 0..<count {
            let v = values[i]
            low = min(low, v)
            high = max(high, v)
        }
        guard high > low else {
            for i in 0..<count { values[i] = 0 }
            return 1
        }
        let scale = (high - low) / 255
        let zeroPoint = min(max((0 - low / scale).rounded(.toNearestOrEven), 0), 255)
        for i in 0..<count {
            let q = min(max((values[i] / scale).rounded(.toNearestOrEven) + zeroPoint, 0), 255)
            values[i] = q - zeroPoint
        }
        return scale
    }
}

extension ActivationQuantizer {
    /// Quantises `count` values to uint8 into `output` (same rule as ``quantizeInPlace(_:count:)``)
    /// and returns the scale and zero point, for the integer kernel.
    static func quantize(
        _ values: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<UInt8>
    ) -> (scale: Float, zeroPoint: Int32) {
        var low: Float = 0
        var high: Float = 0
        for i in 0..<count {
            low = min(low, values[i])
            high = max(high, values[i])
        }
        guard high > low else {
            output.update(repeating: 0, count: count)
            return (1, 0)
        }
        let scale = (high - low) / 255
        let zeroPoint = min(max((0 - low / scale).rounded(.toNearestOrEven), 0), 255)
        for i in 0..<count {
            output[i] = UInt8(min(max((values[i] / scale).rounded(.toNearestOrEven) + zeroPoint, 0), 255))
        }
        return (scale, Int32(zeroPoint))
    }
}
