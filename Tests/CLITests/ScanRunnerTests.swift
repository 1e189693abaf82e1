import Foundation
import Synchronization
import Provenant
import Testing

@testable import ProvenantCLI

/// The scan engine on a generated folder, with a crafted analysis per file name.
@Suite struct ScanRunnerTests {
    static let jpegHead: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0]
    static let pngHead: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)

    /// `ai*` files are likely AI (0.95), `real*` likely authentic (0.05), `mid*` inconclusive (0.5),
    /// `corrupt*` fail with a decode error.
    static let fakeAnalyze: @Sendable (String) async -> AnalysisReport = { path in
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix("corrupt") {
            return AnalysisReport(path: path, error: ReportError(code: "decode.corrupt", message: "bad Huffman data"))
        }
        let p = name.hasPrefix("ai") ? 0.95 : name.hasPrefix("real") ? 0.05 : 0.5
        return AnalysisReport(path: path, aiProbability: p, verdict: VerdictBand.default.verdict(for: p))
    }

    func makeFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("ai1.jpg", Self.jpegHead)
        try folder.write("ai2.png", Self.pngHead)
        try folder.write("real1.jpg", Self.jpegHead)
        try folder.write("real2.jpg", Self.jpegHead)
        try folder.write("mid1.png", Self.pngHead)
        try folder.write("corrupt1.jpg", Self.jpegHead)
        try folder.write("notes.txt", Array("hello".utf8))
        try folder.write("empty.jpg", [])
        try folder.write("anim.gif", Array("GIF89a".utf8) + [0, 0, 0, 0])
        try folder.write("sub/real3.jpg", Self.jpegHead)
        return folder
    }

    func runner(_ folder: TemporaryFolder, output: String?, recursive: Bool = true, resume: Bool = false,
                format: ScanFormat = .jsonl, minProbability: Double? = nil, jobs: Int = 2) -> ScanRunner {
        ScanRunner(
            paths: [folder.path], recursive: recursive, jobs: jobs, format: format, outputPath: output, resume: resume,
            minProbability: minProbability, analyze: Self.fakeAnalyze)
    }

    @Test func scanCountsVerdictsErrorsAndSkips() async throws {
        let folder = try makeFolder()
        defer { folder.remove() }
        let console = BufferConsole()
        let output = folder.path + "/out.jsonl"
        let summary = try await runner(folder, output: output).run(console: console)
        #expect(summary.analysed == 7)
        #expect(summary.likelyAI == 2)
        #expect(summary.likelyAuthentic == 3)
        #expect(summary.inconclusive == 1)
        #expect(summary.errors == 1)
        #expect(summary.flagged == 2)
        #expect(summary.skippedNotImage == 2)  // notes.txt and the empty file
        #expect(summary.skippedUnsupported == 1)
        #expect(summary.exitStatus == 2)
        let lines = try folder.read("out.jsonl").split(separator: "\n")
        #expect(lines.count == 7)
        let names = Set(lines.compactMap { try? ReportJSON.decode(AnalysisReport.self, from: String($0)) }
            .map { ($0.path as NSString).lastPathComponent })
        #expect(names == ["ai1.jpg", "ai2.png", "real1.jpg", "real2.jpg", "mid1.png", "corrupt1.jpg", "real3.jpg"])
        #expect(console.output.isEmpty)
        #expect(console.errors.isEmpty)  // no progress bar when stderr is not a terminal
    }

    @Test func nonRecursiveScanStaysAtTheTop() async throws {
        let folder = try makeFolder()
        defer { folder.remove() }
        let summary = try await runner(folder, output: folder.path + "/o.jsonl", recursive: false).run(console: BufferConsole())
        #expect(summary.analysed == 6)
    }

    @Test func resumeSkipsDoneAndDropsACutOffLine() async throws {
        let folder = try makeFolder()
        defer { folder.remove() }
        let output = folder.path + "/out.jsonl"
        _ = try await runner(folder, output: output).run(console: BufferConsole())
        let lines = try folder.read("out.jsonl").split(separator: "\n").map(String.init)
        // Keep two complete lines and half of a third, as if the scan had been killed mid-write.
        let cut = lines[0] + "\n" + lines[1] + "\n" + String(lines[2].prefix(20))
        try Data(cut.utf8).write(to: URL(fileURLWithPath: output))
        let summary = try await runner(folder, output: output, resume: true).run(console: BufferConsole())
        #expect(summary.skippedResumed == 2)
        #expect(summary.analysed == 7)  // 5 analysed now + the 2 results already in the file
        #expect(summary.resumedResults == 2)
        let resumed = try folder.read("out.jsonl").split(separator: "\n").map(String.init)
        #expect(resumed.count == 7)
        let paths = resumed.compactMap { try? ReportJSON.decode(AnalysisReport.self, from: $0).path }
        #expect(paths.count == 7)
        #expect(Set(paths).count == 7)
        // Nothing left to do on a second resume; the summary still covers the whole file.
        let again = try await runner(folder, output: output, resume: true).run(console: BufferConsole())
        #expect(again.analysed == 7)
        #expect(again.resumedResults == 7)
        #expect(again.skippedResumed == 7)
        #expect(again.likelyAI == 2)
        #expect(again.exitStatus == 2)
    }

    @Test func minProbabilityDecidesWhatIsFlagged() async throws {
        let folder = try makeFolder()
        defer { folder.remove() }
        let high = try await runner(folder, output: folder.path + "/a.jsonl", minProbability: 0.99).run(console: BufferConsole())
        #expect(high.flagged == 0)
        #expect(high.exitStatus == 1)  // the corrupt file is an error and nothing was flagged
        let low = try await runner(folder, output: folder.path + "/b.jsonl", minProbability: 0.5).run(console: BufferConsole())
        #expect(low.flagged == 3)
        #expect(low.exitStatus == 2)
    }

    @Test func cleanFolderExitsZero() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("real1.jpg", Self.jpegHead)
        try folder.write("mid.png", Self.pngHead)
        let summary = try await runner(folder, output: nil, jobs: 1).run(console: BufferConsole())
        #expect(summary.exitStatus == 0)
    }

    @Test func csvOutputWithResume() async throws {
        let folder = try makeFolder()
        defer { folder.remove() }
        let output = folder.path + "/out.csv"
        let console = BufferConsole()
        _ = try await runner(folder, output: output, format: .csv).run(console: console)
        let lines = try folder.read("out.csv").split(separator: "\n").map(String.init)
        #expect(lines.first == CSVFormatter.header)
        #expect(lines.count == 8)
        let corrupt = try #require(lines.first { $0.contains("corrupt1.jpg") })
        #expect(corrupt.hasSuffix(",,,,,,,,decode.corrupt,bad Huffman data"))
        let again = try await runner(folder, output: output, resume: true, format: .csv).run(console: console)
        #expect(again.analysed == 7)
        #expect(again.resumedResults == 7)
        #expect(again.errors == 1)  // the corrupt file's error row, read back from the CSV
        #expect(try folder.read("out.csv").split(separator: "\n").count == 8)
    }

    @Test func csvEscaping() {
        #expect(CSVFormatter.escape("plain") == "plain")
        #expect(CSVFormatter.escape("a,b") == "\"a,b\"")
        #expect(CSVFormatter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFormatter.firstField(of: "\"a,\"\"b\",0.5") == "a,\"b")
        #expect(CSVFormatter.firstField(of: "x.jpg,0.5") == "x.jpg")
    }

    @Test func jsonlGoesToStandardOutputWithoutOutputFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("ai1.jpg", Self.jpegHead)
        let console = BufferConsole()
        _ = try await runner(folder, output: nil).run(console: console)
        #expect(
            console.output
                == #"{"ai_probability":0.95,"deep_stage":null,"error":null,"explanation":null,"frames":null,"model_version":null,"path":""# + file
                + #"","provenance":null,"schema_version":4,"signals":[],"tool_version":"0.2.0","verdict":"likely_ai","warnings":[]}"# + "\n")
    }
}

/// Concurrency of the scan: at most `jobs` analyses in flight, and they do overlap.
@Suite struct ScanConcurrencyTests {
    final class Gauge: Sendable {
        let state = Mutex<(current: Int, peak: Int)>((0, 0))
        func enter() { state.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) } }
        func leave() { state.withLock { $0.current -= 1 } }
        var peak: Int { state.withLock { $0.peak } }
    }

    func peak(jobs: Int) async throws -> Int {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for index in 0..<12 { try folder.write("img\(index).jpg", ScanRunnerTests.jpegHead) }
        let gauge = Gauge()
        let runner = ScanRunner(
            paths: [folder.path], recursive: false, jobs: jobs, format: .jsonl, outputPath: folder.path + "/o.jsonl",
            resume: false, minProbability: nil,
            analyze: { path in
                gauge.enter()
                try? await Task.sleep(for: .milliseconds(30))
                gauge.leave()
                return AnalysisReport(path: path, aiProbability: 0.5, verdict: .inconclusive)
            })
        let summary = try await runner.run(console: BufferConsole())
        #expect(summary.analysed == 12)
        return gauge.peak
    }

    @Test func inFlightIsBoundedByJobs() async throws {
        #expect(try await peak(jobs: 1) == 1)
        #expect(try await peak(jobs: 3) == 3)
    }
}
