import ArgumentParser
import Testing

@testable import ProvenantCLI

/// The limit option groups (`LimitOptions`, `DecodeBudgetOptions`, `VideoOptions`) check their bounds
/// through `LimitBounds`: one wording, exit status 64.
@Suite struct LimitBoundsTests {
    static let cases: [([String], String)] = [
        (["check", "--max-frames", "0", "a.mp4"], "--max-frames must be at least 1"),
        (["check", "--max-video-frames", "0", "a.mp4"], "--max-video-frames must be at least 1"),
        (["check", "--max-deep-frames=-1", "a.mp4"], "--max-deep-frames must not be negative"),
        (["check", "--max-video-seconds", "0", "a.mp4"], "--max-video-seconds must be positive"),
        (["check", "--max-video-duration", "nan", "a.mp4"], "--max-video-duration must be positive"),
        (["check", "--max-scans", "0", "a.jpg"], "--max-scans must be at least 1"),
        (["check", "--max-decode-memory", "0", "a.jpg"], "--max-decode-memory must be at least 1 byte"),
        (["verify", "--max-file-size", "0", "a.jpg"], "--max-file-size must be at least 1 byte"),
        (["verify", "--max-manifests", "0", "a.jpg"], "--max-manifests must be at least 1"),
    ]

    @Test("an out-of-range limit is a usage error with its bound named", arguments: cases)
    func outOfRange(arguments: [String], message: String) {
        do {
            _ = try ProvenantCommand.parseAsRoot(arguments)
            Issue.record("accepted: \(arguments)")
        } catch {
            #expect(ProvenantCommand.message(for: error) == message)
            #expect(ProvenantCommand.exitCode(for: error).rawValue == 64)
        }
    }

    @Test("the smallest allowed values parse")
    func boundsAccepted() throws {
        _ = try ProvenantCommand.parseAsRoot(["check", "--max-frames", "1", "--max-deep-frames", "0", "--max-video-seconds", "0.5", "a.mp4"])
        _ = try ProvenantCommand.parseAsRoot(["verify", "--max-file-size", "1", "--max-manifests", "1", "a.jpg"])
    }
}
