import Foundation

/// The parsed contents of a Provenant CLIP weight file (`Models/clip-vit-b16-image.pvw`).
///
/// Layout (all integers little-endian; documented in `Models/README.md`):
/// ```
/// "PVCLIPW1"                 8-byte magic
/// UInt32 H                   length of the JSON header
/// H bytes                    UTF-8 JSON: {"format": "provenant-clip-weights", "version": 1,
///                            "config": CLIPConfiguration, "source": {...},
///                            "tensors": [{"name", "dtype": "f32"|"i8c", "shape", "offset", "length"}]}
/// data region                tensor payloads at `offset` bytes from the region's start (64-byte aligned)
/// ```
/// `f32` payloads are IEEE-754 float32, row-major. `i8c` payloads are a matrix of shape [K, N]
/// quantised symmetrically per output column: N float32 scales, then K·N int8 values row-major;
/// the real weight is `int8 × scale[column]`.
public struct CLIPWeightFile: Sendable {
    /// The magic bytes at the start of every weight file.
    public static let magic: [UInt8] = Array("PVCLIPW1".utf8)
    /// The format name in the header.
    public static let formatName = "provenant-clip-weights"
    /// The format version this library reads.
    public static let currentVersion = 1

    /// Architecture constants from the header.
    public let configuration: CLIPConfiguration
    private let floatTensors: [String: (shape: [Int], values: [Float])]
    private let quantizedTensors: [String: Int8Matrix]

    private struct Header: Decodable {
        struct Entry: Decodable {
            var name: String
            var dtype: String
            var shape: [Int]
            var offset: Int
            var length: Int
        }
        var format: String
        var version: Int
        var config: CLIPConfiguration
        var tensors: [Entry]
    }

    /// Reads and parses the file at `path`.
    public init(contentsOfFile path: String) throws(DeepFeaturesError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeepFeaturesError(.ioError, "cannot read CLIP weights at \(path)")
        }
        try self.init(data: data)
    }

    /// Parses a weight file held in memory.
    public init(data: Data) throws(DeepFeaturesError) {
        let magic = Self.magic
        guard data.count >= magic.count + 4, Array(data.prefix(magic.count)) == magic else {
            throw DeepFeaturesError(.malformed, at: 0, "not a Provenant CLIP weight file (bad magic)")
        }
        let lengthBytes = Array(data[data.startIndex + magic.count..<data.startIndex + magic.count + 4])
        let headerLength = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        let headerStart = magic.count + 4
        guard headerLength <= data.count - headerStart else {
            throw DeepFeaturesError(.malformed, at: magic.count, "header length \(headerLength) exceeds the file")
        }
        let headerData = data[data.startIndex + headerStart..<data.startIndex + headerStart + headerLength]
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: headerData)
        } catch {
            throw DeepFeaturesError(.malformed, at: headerStart, "header is not valid JSON: \(error)")
        }
        guard header.format == Self.formatName, header.version == Self.currentVersion else {
            throw DeepFeaturesError(
                .unsupportedVersion, "weight file format \(header.format) v\(header.version) is not supported")
        }
        guard header.config == .vitB16 else {
            throw DeepFeaturesError(.dimensionMismatch, "only the ViT-B/16 architecture is supported")
        }
        let dataStart = headerStart + headerLength
        let regionLength = data.count - dataStart
        var floats: [String: (shape: [Int], values: [Float])] = [:]
        var quantized: [String: Int8Matrix] = [:]
        for entry in header.tensors {
            guard entry.offset >= 0, entry.length >= 0, entry.offset <= regionLength - entry.length,
                entry.shape.allSatisfy({ $0 > 0 && $0 <= 1 << 20 })
            else {
                throw DeepFeaturesError(.malformed, at: dataStart, "tensor \(entry.name) lies outside the file")
            }
            let start = data.startIndex + dataStart + entry.offset
            let payload = data[start..<start + entry.length]
            let count = entry.shape.reduce(1, *)
            switch entry.dtype {
            case "f32":
                guard entry.length == count * 4 else {
                    throw DeepFeaturesError(.malformed, at: dataStart + entry.offset, "tensor \(entry.name) has the wrong length")
                }
                floats[entry.name] = (entry.shape, Self.floats(payload, count: count))
            case "i8c":
                guard entry.shape.count == 2, entry.length == entry.shape[1] * 4 + count else {
                    throw DeepFeaturesError(.malformed, at: dataStart + entry.offset, "tensor \(entry.name) has the wrong length")
                }
                let columns = entry.shape[1]
                let scales = Self.floats(payload.prefix(columns * 4), count: columns)
                let values = Self.int8s(payload.dropFirst(columns * 4), count: count)
                quantized[entry.name] = Int8Matrix(rows: entry.shape[0], columns: columns, values: values, columnScales: scales)
            default:
                throw DeepFeaturesError(.unsupportedVersion, "tensor \(entry.name) has unknown dtype \(entry.dtype)")
            }
        }
        configuration = header.config
        floatTensors = floats
        quantizedTensors = quantized
    }

    /// The float tensor `name`, checked against `shape`.
    func floats(_ name: String, shape: [Int]) throws(DeepFeaturesError) -> [Float] {
        guard let tensor = floatTensors[name] else {
            throw DeepFeaturesError(.malformed, "weight file has no tensor \(name)")
        }
        guard tensor.shape == shape else {
            throw DeepFeaturesError(.dimensionMismatch, "tensor \(name) has shape \(tensor.shape), expected \(shape)")
        }
        return tensor.values
    }

    /// The quantised matrix `name` of shape [rows, columns].
    func matrix(_ name: String, rows: Int, columns: Int) throws(DeepFeaturesError) -> Int8Matrix {
        guard let matrix = quantizedTensors[name] else {
            throw DeepFeaturesError(.malformed, "weight file has no tensor \(name)")
        }
        guard matrix.rows == rows, matrix.columns == columns else {
            throw DeepFeaturesError(
                .dimensionMismatch, "tensor \(name) is \(matrix.rows)x\(matrix.columns), expected \(rows)x\(columns)")
        }
        return matrix
    }

    /// The bytes as signed 8-bit values, copied in one block (an element-wise map over `Data` cost
    /// about 2 s of CPU for the 85 MB of ViT-B/16 weights: most of the deep stage's load time).
    private static func int8s(_ bytes: Data, count: Int) -> [Int8] {
        var values = [Int8](repeating: 0, count: count)
        values.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(count)))
            }
        }
        return values
    }

    private static func floats(_ bytes: Data, count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(count * 4)))
            }
        }
        // The file is little-endian; so is every platform Swift on Linux and macOS runs on today.
        return values
    }
}
