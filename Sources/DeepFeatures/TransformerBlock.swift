/// The weights of one pre-norm transformer block of the CLIP vision tower.
struct TransformerBlock: Sendable {
    let norm1Weight: [Float]
    let norm1Bias: [Float]
    /// Query, key and value projections side by side: [hidden, 3·hidden].
    let queryKeyValue: QuantizedMatrix
    let queryKeyValueBias: [Float]
    let output: QuantizedMatrix
    let outputBias: [Float]
    let norm2Weight: [Float]
    let norm2Bias: [Float]
    let expand: QuantizedMatrix
    let expandBias: [Float]
    let contract: QuantizedMatrix
    let contractBias: [Float]

    /// Reads block `index` from a weight file and packs its matrices for the quantised product.
    init(index: Int, from file: CLIPWeightFile) throws(DeepFeaturesError) {
        let c = file.configuration
        let p = "layers.\(index)."
        norm1Weight = try file.floats(p + "ln1.weight", shape: [c.hidden])
        norm1Bias = try file.floats(p + "ln1.bias", shape: [c.hidden])
        let q = try file.matrix(p + "q.weight", rows: c.hidden, columns: c.hidden)
        let k = try file.matrix(p + "k.weight", rows: c.hidden, columns: c.hidden)
        let v = try file.matrix(p + "v.weight", rows: c.hidden, columns: c.hidden)
        queryKeyValue = QuantizedMatrix(Int8Matrix(sideBySide: [q, k, v]))
        queryKeyValueBias =
            try file.floats(p + "q.bias", shape: [c.hidden]) + file.floats(p + "k.bias", shape: [c.hidden])
            + file.floats(p + "v.bias", shape: [c.hidden])
        output = QuantizedMatrix(try file.matrix(p + "out.weight", rows: c.hidden, columns: c.hidden))
        outputBias = try file.floats(p + "out.bias", shape: [c.hidden])
        norm2Weight = try file.floats(p + "ln2.weight", shape: [c.hidden])
        norm2Bias = try file.floats(p + "ln2.bias", shape: [c.hidden])
        expand = QuantizedMatrix(try file.matrix(p + "fc1.weight", rows: c.hidden, columns: c.mlp))
        expandBias = try file.floats(p + "fc1.bias", shape: [c.mlp])
        contract = QuantizedMatrix(try file.matrix(p + "fc2.weight", rows: c.mlp, columns: c.hidden))
        contractBias = try file.floats(p + "fc2.bias", shape: [c.hidden])
    }
}
