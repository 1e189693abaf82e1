import Foundation
import Provenant
import ProvenantTestSupport
import Testing

@testable import ProvenantCLI

/// Issue 12's everyday edges, through the commands: each test fails on the behaviour the issue measured.
@Suite struct EverydayCommandTests {
    /// Runs a command the way `main` does, configuration errors included.
    static func run(_ arguments: [String]) async throws -> (status: Int32, console: BufferConsole) {
        try await CommandTests.run(arguments, reportingConfiguration: true)
    }

    @Test func missingModelIsAConfigurationErrorNotANeutralAnswer() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let image = try folder.write("a.jpg", try TestImages.jpeg())
        let result = try await Self.run(["check", "--model", folder.path + "/missing.json", "--format", "jsonl", image])
        #expect(result.status == 78)
        #expect(result.console.output.isEmpty)  // no 0.5 "inconclusive" line
        #expect(result.console.errors.hasPrefix("provenant: configuration error: model.not_found: "))
    }

    @Test func trustAnchorFileWithoutCertificatesIsRefused() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let image = try folder.write("a.jpg", try TestImages.jpeg())
        let empty = try folder.write("anchors.pem", Array("# no certificates here\n".utf8))
        let result = try await Self.run(["verify", "--trust-anchors", empty, image])
        #expect(result.status == 78)
        #expect(result.console.errors.contains("trust.no_certificates"))
        let missing = try await Self.run(["verify", "--trust-anchors", folder.path + "/none.pem", image])
        #expect(missing.status == 78)
        #expect(missing.console.errors.contains("trust.unreadable"))
    }

    @Test func checkOnAFolderSaysItIsAFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try await Self.run(["check", "--format", "jsonl", folder.path])
        #expect(result.status == 1)
        let report = try ReportJSON.decode(AnalysisReport.self, from: result.console.output)
        #expect(report.error?.code == "io.is_directory")
    }

    @Test func inspectEscapesHostileTextChunks() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let hostile = "\u{1B}[31mred\u{1B}]0;owned\u{07}\rover\u{9B}2J\u{202E}txt.exe"
        let file = try folder.write("evil\u{1B}[2J.png", try TestImages.png(text: [("Comment\u{1B}[1m", hostile)]))
        let result = try await Self.run(["inspect", file])
        let output = result.console.output
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x9B || $0.value == 0x202E })
        // tEXt is Latin-1, so the UTF-8 bytes of U+009B and U+202E arrive as Latin-1 characters, C1 bytes escaped.
        #expect(output.contains(#"\e[31mred\e]0;owned\u{7}\roverÂ\u{9B}2Jâ\u{80}®txt.exe"#))
        #expect(output.contains(#"evil\e[2J.png"#))
    }

    @Test func terminalEscapingKeepsOrdinaryText() {
        #expect(TerminalText.escape("Café – 東京 ✓") == "Café – 東京 ✓")
        #expect(TerminalText.escape("a\\b\nc\td") == #"a\\b\nc\td"#)
        #expect(TerminalText.escape("\u{7F}\u{85}\u{2028}\u{FEFF}") == #"\u{7F}\u{85}\u{2028}\u{FEFF}"#)
        #expect(TerminalText.escape("invoice\u{202E}fdp.exe\u{9B}31m") == #"invoice\u{202E}fdp.exe\u{9B}31m"#)
    }

    @Test func smallImagesGetACaveat() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("small.jpg", try TestImages.jpeg(width: 100, height: 72))
        let result = try await Self.run(["check", "--format", "jsonl", file])
        let report = try ReportJSON.decode(AnalysisReport.self, from: result.console.output)
        #expect(report.warnings.map(\.code) == ["detector.unmeasured_size"])
        #expect(report.verdict != .likelyAI)
        #expect(report.modelVersion != nil)
        #expect(report.toolVersion == ToolVersion.current)
    }

    @Test func checkPrintsOneDisclaimerPerRun() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = try folder.write("a.jpg", try TestImages.jpeg())
        let b = try folder.write("b.png", try TestImages.png())
        let result = try await Self.run(["check", a, b])
        #expect(result.console.output.components(separatedBy: "What this does not mean").count == 2)
        #expect(result.console.output.hasSuffix(TextRenderer.caveat))
        let quiet = try await Self.run(["check", "-q", a, b])
        #expect(!quiet.console.output.contains("What this does not mean"))
    }

    @Test func filesFromAndDashAreAccepted() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = try folder.write("a.jpg", try TestImages.jpeg())
        let b = try folder.write("b.png", try TestImages.png())
        let list = try folder.write("list.txt", Array("\(a)\r\n\n\(b)\n".utf8))
        let result = try await Self.run(["detect", "-f", "jsonl", "-j", "1", "--files-from", list])
        let paths = try result.console.output.split(separator: "\n").map { try ReportJSON.decode(DetectReport.self, from: String($0)).path }
        #expect(paths == [a, b])
        #expect(try InputList.parse(Array("x.jpg\0y z.png\0".utf8)) == ["x.jpg", "y z.png"])
        #expect(CommandTests.usageStatus(["check", "-"]) == 0)
        #expect(CommandTests.usageStatus(["check", "-", "--files-from", "-"]) == 64)
        #expect(CommandTests.usageStatus(["check"]) == 64)
    }

    @Test func optionsAppearOnlyWhereTheyAct() {
        #expect(CommandTests.usageStatus(["detect", "--trust-anchors", "x.pem", "a.jpg"]) == 64)
        #expect(CommandTests.usageStatus(["verify", "--model", "m.json", "a.jpg"]) == 64)
        #expect(CommandTests.usageStatus(["inspect", "--model", "m.json", "a.jpg"]) == 64)
    }

    @Test func versionNamesToolSchemaAndModel() {
        let version = ProvenantCommand.configuration.version
        #expect(version.hasPrefix("provenant \(ToolVersion.current) (report schema \(ReportSchema.version); model "))
        #expect(!version.contains("not found"))
    }

    @Test func doctorShowsTheModelWithItsChecksum() async throws {
        let result = try await Self.run(["doctor"])
        #expect(result.status == 0)
        #expect(result.console.output.contains("provenant-detector-v1.json"))
        #expect(result.console.output.contains("sha256 "))
        #expect(result.console.output.contains("— loads and verifies"))
    }
}

/// `check -` reads one image from standard input. Serialized: it replaces file descriptor 0 for a moment
/// (nothing else in the test process reads standard input).
@Suite(.serialized) struct StandardInputTests {
    @Test func dashReadsOneImageFromStandardInput() async throws {
        let bytes = try TestImages.png()
        let pipe = Pipe()
        let saved = dup(STDIN_FILENO)
        #expect(dup2(pipe.fileHandleForReading.fileDescriptor, STDIN_FILENO) >= 0)
        defer {
            dup2(saved, STDIN_FILENO)
            close(saved)
        }
        pipe.fileHandleForWriting.write(Data(bytes))
        try pipe.fileHandleForWriting.close()
        let result = try await EverydayCommandTests.run(["inspect", "-f", "jsonl", "-"])
        #expect(result.status == 0)
        let line = result.console.output
        #expect(line.contains(#""path":"-""#))
        #expect(line.contains(#""width":64"#))
    }
}
