import Foundation
import ProvenantTestSupport
import Testing

@testable import Provenant

/// Issue 12's edges in the library: loud start-up failures, resource discovery, honest reports.
@Suite struct EverydayAnalyzerTests {
    /// A locator for an executable in an empty place, with no PROVENANT_HOME.
    static func nowhere(_ folder: String) -> ResourceLocator {
        ResourceLocator(executablePath: folder + "/bin/provenant", environment: [:])
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "provenant-everyday-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func analyzerInitThrowsWhenNoModelIsFound() throws {
        guard ProcessInfo.processInfo.environment[DetectorModelName.variable] == nil else {
            print("skipping: PROVENANT_MODEL is set in this environment")
            return
        }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = AnalyzerConfiguration()
        configuration.resources = Self.nowhere(folder)
        do {
            _ = try Analyzer(configuration: configuration)
            Issue.record("Analyzer() did not throw without a model")
        } catch {
            #expect(error.code == "model.not_found")
            #expect(error.message.contains(folder + "/bin/Models"))
        }
        // Stages without the detector need no model.
        configuration.stages = .provenance
        #expect(throws: Never.self) { try Analyzer(configuration: configuration) }
    }

    @Test func resourcesAreFoundBesideTheExecutableThenInProvenantHome() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fileManager = FileManager.default
        let shared = folder + "/prefix/share/provenant/Models"
        let home = folder + "/home/Models"
        try fileManager.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: home, withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: folder + "/home/trust", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: home + "/provenant-detector-v1.json"))
        let locator = ResourceLocator(
            executablePath: folder + "/prefix/bin/provenant", environment: ["PROVENANT_HOME": folder + "/home"])
        #expect(locator.roots.map(\.origin) == [.resourceBundle, .resourceBundle, .resourceBundle, .executable, .executable, .home])
        // share/provenant/Models holds no model yet: PROVENANT_HOME wins.
        #expect(locator.modelsDirectory()?.path == home)
        #expect(locator.trustDirectory()?.path == folder + "/home/trust")
        try Data("{}".utf8).write(to: URL(fileURLWithPath: shared + "/provenant-detector-v2.json"))
        #expect(locator.modelsDirectory()?.path == shared)
        #expect(locator.modelsDirectory()?.root.origin == .executable)
    }

    @Test func aFolderIsReportedAsAFolder() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: .provenance))
        #expect(await analyzer.analyze(path: folder).error?.code == "io.is_directory")
        #expect(await analyzer.inspect(path: folder).error?.code == "io.is_directory")
    }

    @Test func pipesAreRead() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/image.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = try TestImages.png()
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(bytes))
                try? handle.close()
            }
        }
        writer.start()
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: []))
        let report = await analyzer.inspect(path: fifo)
        #expect(report.error == nil)
        #expect(report.image?.width == 64)
    }

    @Test func decoderWarningsReachTheReport() async throws {
        // Corrupt the entropy-coded data of a JPEG (keeping every marker) so libjpeg warns and recovers.
        var bytes = try TestImages.jpeg(width: 320, height: 320, quality: 90)
        let scanStart = try #require(Self.startOfScanData(bytes))
        for offset in stride(from: scanStart + 40, to: bytes.count - 40, by: 97) where bytes[offset] != 0xFF && bytes[offset - 1] != 0xFF {
            bytes[offset] = bytes[offset] == 0x00 ? 0x01 : 0x00
        }
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: .detection))
        let report = await analyzer.analyze(bytes: bytes, name: "corrupt.jpg")
        #expect(report.error == nil)
        #expect(report.warnings.contains { $0.code.hasPrefix("decode.") })
        let detectorStep = report.explanation?.steps.last { $0.kind == "detector" }  // the counted one (deep when it ran)
        #expect(detectorStep?.reason.contains("weight × 0.5000 because of decode.") == true)
    }

    /// The offset just after the SOS segment.
    static func startOfScanData(_ bytes: [UInt8]) -> Int? {
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if marker == 0xDA { return index + 2 + length }
            index += 2 + length
        }
        return nil
    }
}

/// The name of the model override variable, without importing Forensics here.
enum DetectorModelName {
    static let variable = "PROVENANT_MODEL"
}
