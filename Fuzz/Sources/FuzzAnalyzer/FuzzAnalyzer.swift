import ByteParsing
import Dispatch
import FuzzSupport
import Provenant

/// The analyzer with every stage and the bundled detector model, loaded once.
let analyzer: Analyzer? = {
    let model = FuzzSupport.samplesDirectory + "/../Models/provenant-detector-v1.json"
    return try? Analyzer(configuration: AnalyzerConfiguration(modelPath: model, limits: FuzzSupport.limits))
}()

/// Carries the report out of the task (written once before the semaphore is signalled).
final class ReportBox: @unchecked Sendable {
    var report: AnalysisReport?
}

/// The whole `Analyzer` on bytes: container, metadata, C2PA, decode, detector, watermark, fusion and
/// the JSON report.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnalyzer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let analyzer else { preconditionFailure("the analyzer could not be created") }
    let bytes = FuzzSupport.bytes(data, size)
    let done = DispatchSemaphore(value: 0)
    let box = ReportBox()
    Task {
        box.report = await analyzer.analyze(bytes: bytes, name: "fuzz")
        done.signal()
    }
    done.wait()
    _ = analyzer.inspect(bytes: bytes, name: "fuzz")
    return 0
}
