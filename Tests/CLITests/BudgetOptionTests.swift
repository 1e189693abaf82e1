import ProvenantTestSupport
import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// The limit and decode-budget flags reach the analyzer, and sizes parse with their suffixes.
@Suite struct BudgetOptionTests {
    @Test func byteCountsTakeBinarySuffixes() {
        #expect(ByteCount(argument: "65536")?.bytes == 65_536)
        #expect(ByteCount(argument: "16K")?.bytes == 16_384)
        #expect(ByteCount(argument: "512m")?.bytes == 512 * 1_048_576)
        #expect(ByteCount(argument: "2G")?.bytes == 2 * 1_073_741_824)
        #expect(ByteCount(argument: "-1") == nil)
        #expect(ByteCount(argument: "1T") == nil)
        #expect(ByteCount(argument: "99999999999999999999G") == nil)
    }

    @Test func flagsSetTheConfiguration() throws {
        let options = try AnalysisOptions.parse([
            "--max-file-size", "1M", "--max-manifests", "7", "--max-pixels", "1000", "--max-decode-memory", "64K",
            "--max-scans", "20", "--max-scan-pixels", "5000", "--max-trailing-image-data", "1K", "--accept-truncated",
        ])
        let configuration = options.configuration(stages: .all)
        #expect(configuration.limits.maxFileBytes == 1_048_576)
        #expect(configuration.limits.maxManifests == 7)
        #expect(configuration.limits.maxPixels == 1000)
        #expect(configuration.decodeBudget.maxMemoryBytes == 65_536)
        #expect(configuration.decodeBudget.maxScans == 20)
        #expect(configuration.decodeBudget.maxScanPixels == 5000)
        #expect(configuration.decodeBudget.maxTrailingImageDataBytes == 1024)
        #expect(configuration.decodeBudget.acceptTruncated)
        #expect(throws: (any Error).self) { try AnalysisOptions.parse(["--max-scans", "0"]) }
    }

    @Test func checkReportsTheBudgetError() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("g.png", try TestImages.png())
        let run = try await CommandTests.run(["check", "--format", "jsonl", "--max-decode-memory", "1K", file])
        #expect(run.status == 1)
        #expect(run.console.output.contains(#""code":"decode.memory_budget_exceeded""#), "\(run.console.output)")
    }
}
