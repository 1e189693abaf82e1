import Foundation
import Provenant
import Synchronization
import Testing

@testable import ProvenantCLI

/// Issue 12: every scan input is accounted for — symbolic links, unreadable folders, sub-folders without
/// --recursive, cycles — and the output file is safe to resume.
@Suite struct ScanCoverageTests {
    static let jpegHead = ScanRunnerTests.jpegHead

    func runner(_ paths: [String], output: String? = nil, recursive: Bool = false, resume: Bool = false,
                format: ScanFormat = .jsonl) -> ScanRunner {
        ScanRunner(
            paths: paths, recursive: recursive, jobs: 2, format: format, outputPath: output, resume: resume,
            minProbability: nil, analyze: ScanRunnerTests.fakeAnalyze)
    }

    static func paths(in output: String) throws -> [String] {
        try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
            .map { try ReportJSON.decode(AnalysisReport.self, from: String($0)).path }.sorted()
    }

    @Test func symlinkedFilesAndFoldersAreFollowed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("data/real1.jpg", Self.jpegHead)
        try folder.write("data/deep/ai1.jpg", Self.jpegHead)
        try FileManager.default.createDirectory(atPath: folder.path + "/scan", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/scan/linked.jpg", withDestinationPath: folder.path + "/data/real1.jpg")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/scan/linked-folder", withDestinationPath: folder.path + "/data/deep")
        let output = folder.path + "/out.jsonl"
        let summary = try await runner([folder.path + "/scan"], output: output, recursive: true).run(console: BufferConsole())
        #expect(summary.analysed == 2)
        #expect(try Self.paths(in: output) == [folder.path + "/scan/linked-folder/ai1.jpg", folder.path + "/scan/linked.jpg"])

        // A symbolic link to a folder named as the input is walked too (the old walker yielded it as a file).
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link-to-data", withDestinationPath: folder.path + "/data")
        let direct = try await runner([folder.path + "/link-to-data"], recursive: true).run(console: BufferConsole())
        #expect(direct.analysed == 2)

        // --no-follow-symlinks skips links inside folders and counts them.
        var noFollow = runner([folder.path + "/scan"], recursive: true)
        noFollow.followSymlinks = false
        noFollow.verbose = true
        let console = BufferConsole()
        let skipped = try await noFollow.run(console: console)
        #expect(skipped.analysed == 0)
        #expect(skipped.skippedSymlinks == 2)
        #expect(console.errors.contains("skipped: \(folder.path)/scan/linked.jpg: symbolic link (not followed)\n"))
    }

    @Test func symlinkCyclesEndAndAreNamed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a/real1.jpg", Self.jpegHead)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/a/loop", withDestinationPath: folder.path + "/a")
        var scan = runner([folder.path + "/a"], recursive: true)
        scan.verbose = true
        let console = BufferConsole()
        let summary = try await scan.run(console: console)
        #expect(summary.analysed == 1)
        #expect(summary.skippedOther == 1)
        #expect(console.errors.contains("\(folder.path)/a/loop: folder already scanned"))
    }

    @Test func unreadableFoldersAndBrokenLinksAreErrorsByName() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("top/real1.jpg", Self.jpegHead)
        try folder.write("top/locked/ai1.jpg", Self.jpegHead)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/top/dangling.jpg", withDestinationPath: folder.path + "/nowhere.jpg")
        let output = folder.path + "/out.jsonl"
        var scan = runner([folder.path + "/top"], output: output, recursive: true)
        // Root reads any folder, so the refusal is simulated where the walker lists folders.
        scan.listFolder = { path in
            if path.hasSuffix("/locked") { throw CocoaError(.fileReadNoPermission) }
            return try FileManager.default.contentsOfDirectory(atPath: path)
        }
        let summary = try await scan.run(console: BufferConsole())
        #expect(summary.analysed == 3)
        #expect(summary.errors == 2)
        #expect(summary.exitStatus == 1)
        let reports = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
            .map { try ReportJSON.decode(AnalysisReport.self, from: String($0)) }
        #expect(reports.first { $0.path.hasSuffix("/locked") }?.error?.code == "io.unreadable_folder")
        #expect(reports.first { $0.path.hasSuffix("/dangling.jpg") }?.error?.code == "io.broken_link")
    }

    @Test func subfoldersWithoutRecursiveAreCountedAndHinted() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("only-subfolders/a/real1.jpg", Self.jpegHead)
        try folder.write("only-subfolders/b/real2.jpg", Self.jpegHead)
        let scan = runner([folder.path + "/only-subfolders"])
        let summary = try await scan.run(console: BufferConsole())
        #expect(summary.analysed == 0)
        #expect(summary.skippedSubfolders == 2)
        #expect(summary.text(flagRule: scan.flagRule()).contains("hint: 2 sub-folders were not scanned; pass --recursive to include them\n"))
    }

    @Test func pathsAreWrittenRelativeToTheRootAsGiven() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("photos/real1.jpg", Self.jpegHead)
        let output = folder.path + "/out.jsonl"
        _ = try await runner([folder.path + "/photos/"], output: output).run(console: BufferConsole())
        #expect(try Self.paths(in: output) == [folder.path + "/photos/real1.jpg"])
    }

    @Test func resumeComparesCanonicalPathsAndCoversTheWholeFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("photos/ai1.jpg", Self.jpegHead)
        try folder.write("photos/real1.jpg", Self.jpegHead)
        let output = folder.path + "/out.jsonl"
        // The first run saw one file, named through a different spelling of the folder.
        let first = try ReportJSON.line(AnalysisReport(path: folder.path + "/./photos/ai1.jpg", aiProbability: 0.95, verdict: .likelyAI))
        try Data((first + "\n").utf8).write(to: URL(fileURLWithPath: output))
        let summary = try await runner([folder.path + "/photos"], output: output, resume: true).run(console: BufferConsole())
        #expect(summary.skippedResumed == 1)
        #expect(summary.analysed == 2)  // the earlier result plus the new one
        #expect(summary.resumedResults == 1)
        #expect(summary.likelyAI == 1)
        #expect(summary.exitStatus == 2)  // the flagged image from the earlier run still counts
        #expect(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func resumeRefusesAnOutputInTheOtherFormat() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("photos/ai1.jpg", Self.jpegHead)
        let output = folder.path + "/out.jsonl"
        _ = try await runner([folder.path + "/photos"], output: output).run(console: BufferConsole())
        let before = try String(contentsOfFile: output, encoding: .utf8)
        await #expect(throws: ScanError.self) {
            _ = try await runner([folder.path + "/photos"], output: output, resume: true, format: .csv).run(console: BufferConsole())
        }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == before)
    }

    @Test func outputIsNotOverwrittenWithoutForce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = try folder.write("results.jsonl", Array("{\"path\":\"x\"}\n".utf8))
        #expect(CommandTests.usageStatus(["scan", folder.path, "--output", output]) == 64)
        #expect(CommandTests.usageStatus(["scan", folder.path, "--output", output, "--force"]) == 0)
        #expect(CommandTests.usageStatus(["scan", folder.path, "-o", output, "--resume"]) == 0)
        #expect(CommandTests.usageStatus(["scan", folder.path, "-o", output, "--resume", "--force"]) == 64)
    }

    @Test func progressBarIsClearedBeforeResultLinesOnASharedTerminal() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("photos/ai1.jpg", Self.jpegHead)
        let console = TerminalConsole()
        _ = try await runner([folder.path + "/photos"]).run(console: console)
        let events = console.events
        let firstResult = try #require(events.firstIndex { $0.hasPrefix("out:") })
        #expect(firstResult > 0)
        #expect(events[firstResult - 1] == "err:\r\u{1B}[K")
    }
}

/// A console that says standard error is a terminal and records writes in order.
final class TerminalConsole: Console {
    private let record = Mutex<[String]>([])
    func out(_ text: String) { record.withLock { $0.append("out:" + text) } }
    func err(_ text: String) { record.withLock { $0.append("err:" + text) } }
    var stderrIsTerminal: Bool { true }
    var events: [String] { record.withLock { $0 } }
}
