import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// Commands on the project's own Samples/ (skipped when the folder is absent).
@Suite struct SampleCommandTests {
    /// The package root: the nearest directory above this file holding Package.swift.
    static let packageRoot: String? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        return nil
    }()

    static func sample(_ relative: String) -> String? {
        guard let root = packageRoot else { return nil }
        let path = root + "/Samples/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    @Test func inspectReportsCameraEXIF() async throws {
        guard let file = Self.sample("jpeg/baseline-exif.jpg") else {
            print("skipping: Samples/jpeg/baseline-exif.jpg not found")
            return
        }
        let result = try await CommandTests.run(["inspect", "--format", "json", file])
        #expect(result.status == 0)
        #expect(result.console.output.contains(#""make" : "Provenant Test Camera Co.""#))
        #expect(result.console.output.contains(#""model" : "PTC-1""#))
    }

    @Test func inspectReportsGeneratorTextChunksWithKeys() async throws {
        guard let file = Self.sample("png/text-chunks.png") else {
            print("skipping: Samples/png/text-chunks.png not found")
            return
        }
        let result = try await CommandTests.run(["inspect", file])
        #expect(result.status == 0)
        #expect(result.console.output.contains("  text chunk parameters (tEXt): a quiet lake at sunset"))
        #expect(result.console.output.contains("  text chunk Comment (zTXt): "))
    }

    @Test func checkFlagsGeneratorParametersInTheSample() async throws {
        guard let file = Self.sample("png/text-chunks.png") else {
            print("skipping: Samples/png/text-chunks.png not found")
            return
        }
        let result = try await CommandTests.run(["check", "--format", "jsonl", file])
        let report = try ReportJSON.decode(AnalysisReport.self, from: result.console.output)
        #expect(report.error == nil)
        #expect(report.signals.contains { $0.kind == .metadata && $0.detected == true })
    }

    @Test func everySampleIsReadable() async throws {
        guard let root = Self.packageRoot, FileManager.default.fileExists(atPath: root + "/Samples") else {
            print("skipping: Samples/ not found")
            return
        }
        let files = ScanWalker(inputs: [root + "/Samples"], recursive: true, followSymlinks: true)
            .compactMap { entry -> String? in
                guard case .file(let path) = entry else { return nil }
                return path
            }
            .filter { $0.hasSuffix(".jpg") || $0.hasSuffix(".png") }
        #expect(!files.isEmpty)
        let result = try await CommandTests.run(["inspect", "--format", "jsonl"] + files)
        #expect(result.status == 0)
        #expect(result.console.output.split(separator: "\n").count == files.count)
    }
}
