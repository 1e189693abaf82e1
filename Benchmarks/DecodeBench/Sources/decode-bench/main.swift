// decode-bench DIRECTORY [--scale 1|2|4|8] [--coefficients] [--repeat N]
//
// Decodes every JPEG and PNG under DIRECTORY (recursively) with ImageDecoder and prints totals
// per format: files, failures, megapixels, total milliseconds, ms/file and ms/megapixel. Reading
// the file is not timed; decoding is. With --coefficients it times JPEGCoefficientReader instead.
import Foundation
import ImageDecoding

struct Totals {
    var files = 0
    var failures = 0
    var megapixels = 0.0
    var seconds = 0.0
    var cpuSeconds = 0.0
}

/// CPU time consumed by the calling thread, in seconds.
func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

var arguments = Array(CommandLine.arguments.dropFirst())
var scale = DecodeScale.full
var coefficients = false
var repeats = 1
var directory: String?
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--scale":
        guard let value = arguments.first.flatMap(Int.init), let chosen = DecodeScale(rawValue: value) else {
            fatalError("--scale needs 1, 2, 4 or 8")
        }
        scale = chosen
        arguments.removeFirst()
    case "--coefficients":
        coefficients = true
    case "--repeat":
        guard let value = arguments.first.flatMap(Int.init), value > 0 else { fatalError("--repeat needs a count") }
        repeats = value
        arguments.removeFirst()
    default:
        directory = argument
    }
}
guard let directory else {
    print("usage: decode-bench DIRECTORY [--scale 1|2|4|8] [--coefficients] [--repeat N]")
    exit(64)
}

let root = URL(fileURLWithPath: directory)
var paths: [String] = []
if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
    for case let url as URL in enumerator where ["jpg", "jpeg", "png", "webp", "heic", "heif", "avif", "tif", "tiff", "dng"].contains(url.pathExtension.lowercased()) {
        paths.append(url.path)
    }
}
paths.sort()

var totals: [String: Totals] = [:]
var slowest: (String, Double) = ("", 0)
for path in paths {
    if coefficients && !["jpg", "jpeg"].contains(URL(fileURLWithPath: path).pathExtension.lowercased()) { continue }
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    let bytes = [UInt8](data)
    var best = Double.infinity
    var bestCPU = Double.infinity
    var key = "other"
    var pixels = 0
    var failed = false
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let startCPU = threadCPUTime()
        do {
            if coefficients {
                let read = try JPEGCoefficientReader.read(bytes)
                key = "jpeg"
                pixels = read.components.first.map { $0.widthInBlocks * $0.heightInBlocks * 64 } ?? 0
            } else {
                let image = try ImageDecoder.decode(bytes, options: DecodeOptions(scale: scale))
                key = image.format.rawValue
                pixels = image.sourceWidth * image.sourceHeight
            }
        } catch {
            failed = true
            FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
        }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        bestCPU = min(bestCPU, threadCPUTime() - startCPU)
    }
    if failed {
        totals[key, default: Totals()].failures += 1
        continue
    }
    totals[key, default: Totals()].files += 1
    totals[key, default: Totals()].megapixels += Double(pixels) / 1e6
    totals[key, default: Totals()].seconds += best
    totals[key, default: Totals()].cpuSeconds += bestCPU
    if best > slowest.1 { slowest = (path, best) }
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
print("mode: \(coefficients ? "coefficients" : "decode, scale 1/\(scale.rawValue)"), best of \(repeats)")
print("format | files | failures | source MP | wall ms | wall ms/file | wall ms/MP | CPU ms | CPU ms/file | CPU ms/MP")
var all = Totals()
for (key, value) in totals.sorted(by: { $0.key < $1.key }) {
    all.files += value.files
    all.failures += value.failures
    all.megapixels += value.megapixels
    all.seconds += value.seconds
    all.cpuSeconds += value.cpuSeconds
    print(row(key, value))
}
print(row("all", all))

func row(_ key: String, _ value: Totals) -> String {
    let files = Double(max(1, value.files))
    let megapixels = max(0.001, value.megapixels)
    return "\(key) | \(value.files) | \(value.failures) | \(format(value.megapixels)) | "
        + "\(format(value.seconds * 1000)) | \(format(value.seconds * 1000 / files, 2)) | "
        + "\(format(value.seconds * 1000 / megapixels, 2)) | \(format(value.cpuSeconds * 1000)) | "
        + "\(format(value.cpuSeconds * 1000 / files, 2)) | \(format(value.cpuSeconds * 1000 / megapixels, 2))"
}
print("slowest: \(slowest.0) \(format(slowest.1 * 1000)) ms")
