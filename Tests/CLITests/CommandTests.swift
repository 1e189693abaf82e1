import ArgumentParser
import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// Commands run in process against a buffer console.
@Suite struct CommandTests {
    /// Parses arguments as the `provenant` root would and runs the command; with `reportingConfiguration`,
    /// configuration errors become their exit status and message as in `main`.
    static func run(
        _ arguments: [String], reportingConfiguration: Bool = false
    ) async throws -> (status: Int32, console: BufferConsole) {
        let console = BufferConsole()
        let command = try ProvenantCommand.parseAsRoot(arguments)
        guard let runnable = command as? any ConsoleCommand else {
            Issue.record("not a console command: \(arguments)")
            return (-1, console)
        }
        let status = reportingConfiguration
            ? try await runnable.executeReportingConfiguration(console: console)
            : try await runnable.execute(console: console)
        return (status, console)
    }

    /// The exit status argument parsing gives for bad arguments.
    static func usageStatus(_ arguments: [String]) -> Int32 {
        do {
            _ = try ProvenantCommand.parseAsRoot(arguments)
            return 0
        } catch {
            return ProvenantCommand.exitCode(for: error).rawValue
        }
    }

    @Test func usageErrorsExit64() {
        #expect(Self.usageStatus(["scan", "--resume", "folder"]) == 64)
        #expect(Self.usageStatus(["scan", "--jobs", "0", "folder"]) == 64)
        #expect(Self.usageStatus(["check", "--format", "yaml", "a.jpg"]) == 64)
        #expect(Self.usageStatus(["check"]) == 64)
        #expect(Self.usageStatus(["check", "--ai-above", "1.5", "a.jpg"]) == 64)
        #expect(Self.usageStatus(["scan", "folder", "--min-probability", "2"]) == 64)
        #expect(Self.usageStatus(["verify", "--jobs", "0", "a.jpg"]) == 64)
    }

    /// `embed --token-means` prints per block the class token `--class-tokens` prints, then the patch mean;
    /// `--token-moments` the same two rows, then the patch deviation.
    @Test func embedPrintsClassTokensTokenMeansAndTokenMoments() async throws {
        let image = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DeepFeaturesTests/Fixtures/clip-shapes.png").path
        func values(_ arguments: [String], key: String) async throws -> [Double] {
            let (status, console) = try await Self.run(["embed", "--format", "jsonl"] + arguments + [image])
            #expect(status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [String: Any]
            return (object?[key] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? []
        }
        let tokens = try await values(["--class-tokens", "7,11"], key: "class_tokens")
        let means = try await values(["--token-means", "7,11"], key: "token_means")
        #expect(tokens.count == 2 * 768 && means.count == 4 * 768)
        #expect(Array(means[0..<768]) == Array(tokens[0..<768]) && Array(means[1536..<2304]) == Array(tokens[768..<1536]))
        #expect(Array(means[768..<1536]) != Array(tokens[0..<768]))
        let moments = try await values(["--token-moments", "7,11"], key: "token_moments")
        #expect(moments.count == 6 * 768)
        #expect(Array(moments[0..<1536]) == Array(means[0..<1536]) && Array(moments[2304..<3840]) == Array(means[1536..<3072]))
        #expect(moments[1536..<2304].allSatisfy { $0 > 0 } && moments[3840..<4608].allSatisfy { $0 > 0 })
        #expect(Self.usageStatus(["embed", "--class-tokens", "5", "--token-means", "5", image]) == 64)
        #expect(Self.usageStatus(["embed", "--token-means", "5", "--token-moments", "5", image]) == 64)
        #expect(Self.usageStatus(["embed", "--token-moments", "11,12", image]) == 64)
        #expect(Self.usageStatus(["embed", "--token-means", "9,7", image]) == 64)
    }

    @Test func verifyMissingFileIsAnErrorLine() async throws {
        let (status, console) = try await Self.run(["verify", "--format", "jsonl", "/nonexistent/provenant.jpg"])
        #expect(status == 1)
        #expect(
            console.output
                == #"{"detailed":null,"error":{"code":"io.not_found","message":"no such file: /nonexistent/provenant.jpg"},"model_version":null,"path":"/nonexistent/provenant.jpg","provenance":null,"schema_version":4,"tool_version":"0.2.0"}"#
                + "\n")
    }

    @Test func checkOnANonImageReportsFormatUnknown() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("notes.txt", Array("just text".utf8))
        let (status, console) = try await Self.run(["detect", "--format", "jsonl", file])
        #expect(status == 1)
        #expect(
            console.output
                == #"{"ai_probability":null,"error":{"code":"format.unknown","message":"not an image or video (no known signature)"},"frames":null,"model_version":"provenant-detector-v1","path":""#
                + file + #"","schema_version":4,"signals":[],"tool_version":"0.2.0","verdict":null,"warnings":[]}"# + "\n")
    }

    @Test func inspectUnreadableExitsOne() async throws {
        let (status, console) = try await Self.run(["inspect", "/nonexistent/x.png"])
        #expect(status == 1)
        #expect(console.output == "/nonexistent/x.png\n  error: io.not_found: no such file: /nonexistent/x.png\n")
    }

    @Test func parallelOutputKeepsArgumentOrder() async throws {
        let files = (0..<7).map { "/nonexistent/order-\($0).jpg" }
        let result = try await Self.run(["verify", "--format", "jsonl", "--jobs", "3"] + files)
        let paths = try result.console.output.split(separator: "\n").map {
            try ReportJSON.decode(VerifyReport.self, from: String($0)).path
        }
        #expect(paths == files)
    }

    @Test func jsonFormatIsAnObjectForOneFileAndAnArrayForSeveral() async throws {
        let one = try await Self.run(["verify", "--format", "json", "/nonexistent/a.jpg"])
        #expect(one.console.output.hasPrefix("{"))
        let two = try await Self.run(["verify", "--format", "json", "/nonexistent/a.jpg", "/nonexistent/b.jpg"])
        #expect(two.console.output.hasPrefix("["))
        let decoded = try ReportJSON.decode([VerifyReport].self, from: two.console.output)
        #expect(decoded.map(\.path) == ["/nonexistent/a.jpg", "/nonexistent/b.jpg"])
    }
}
