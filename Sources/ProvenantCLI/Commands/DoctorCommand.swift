import ArgumentParser
import Forensics
import Foundation
import Provenant

/// `provenant doctor`: where the installed resources were found, their versions and SHA-256s.
struct DoctorCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show where the model and trust defaults are found, with versions and SHA-256s.",
        discussion: """
            Lookup order for the Models directory and the trust directory: the SwiftPM resource bundle beside \
            the executable, beside the executable (Models/ or ../share/provenant/Models), $PROVENANT_HOME, then \
            a source checkout the executable was built in. --model and PROVENANT_MODEL name a model file \
            directly and come first.

            Exit status: 0 the detector model loads, 78 it is missing or broken.
            """
    )

    @Option(name: [.customShort("m"), .long], help: "Check this model file instead of the default.")
    var model: String?

    func execute(console: any Console) async throws -> Int32 {
        let locator = ResourceLocator()
        var text = "provenant \(ToolVersion.current) (report schema \(ReportSchema.version))\n"
        text += "executable: \(TerminalText.escape(Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? "unknown"))\n"
        for variable in [DetectorModel.environmentVariable, ResourceLocator.homeVariable] {
            let value = ProcessInfo.processInfo.environment[variable]
            text += "\(variable): \(value.map { TerminalText.escape($0) } ?? "(not set)")\n"
        }
        text += "search order:\n"
        for root in locator.roots {
            let exists = FileManager.default.fileExists(atPath: root.path)
            text += "  \(root.origin.rawValue): \(TerminalText.escape(root.path))\(exists ? "" : " (absent)")\n"
        }
        if let models = locator.modelsDirectory() {
            text += "models: \(TerminalText.escape(models.path)) (\(models.root.origin.rawValue))\n"
            text += Self.listing(models.path)
        } else {
            text += "models: none found\n"
        }
        if let trust = locator.trustDirectory() {
            text += "trust: \(TerminalText.escape(trust.path)) (\(trust.root.origin.rawValue))\n"
            text += Self.listing(trust.path)
        } else {
            text += "trust: no trust directory; C2PA manifests verify as valid, never trusted, unless --trust-anchors is given\n"
        }
        var configuration = AnalyzerConfiguration(stages: .all)
        configuration.modelPath = model
        var status = ExitStatus.ok
        do {
            configuration.trust = try TrustConfiguration.installedDefaults(locator: locator)?.configuration ?? TrustConfiguration()
            let analyzer = try Analyzer(configuration: configuration)
            text += "detector model: \(TerminalText.escape(analyzer.modelVersion ?? "none")) from \(TerminalText.escape(analyzer.modelPath ?? "?")) — loads and verifies\n"
        } catch {
            text += "problem: \(TerminalText.escape(error.code)): \(TerminalText.escape(error.message))\n"
            status = ExitStatus.configuration
        }
        console.out(text)
        return status
    }

    /// One line per regular file in a directory: name, size and SHA-256.
    static func listing(_ directory: String) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var text = ""
        for name in names where !name.hasPrefix(".") {
            let path = directory + "/" + name
            guard let bytes = try? FileReader.read(path: path, maxBytes: 1 << 30) else { continue }
            let digest = SHA256Digest.hash(bytes).map { String(format: "%02x", $0) }.joined()
            text += "  \(TerminalText.escape(name))  \(bytes.count) bytes  sha256 \(digest)\n"
        }
        return text
    }
}
