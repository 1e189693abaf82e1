import ArgumentParser
import Forensics
import Foundation
import Provenant

/// The `provenant` command: how likely an image is AI-generated, and the evidence.
@main
struct ProvenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provenant",
        abstract: "Tells how likely an image is AI-generated, and shows the evidence.",
        discussion: """
            Exit statuses (check, detect, verify, scan):
              0   success; nothing flagged
              1   a file could not be read or analysed and nothing was
                  flagged, or a fatal error
              2   something was flagged: likely_ai (check, detect, scan),
                  ai_probability at or above --min-probability (scan), or
                  tampered Content Credentials (verify); 2 wins over 1
              64  usage error
              78  configuration error at start-up: the detector model or a
                  trust file is missing, unreadable or empty (nothing was
                  analysed; `provenant doctor` shows what was found)
            merge: as scan, and 3 when the merge is incomplete (expected
            inputs missing, a part unreadable or cut off).
            inspect: 0 every file read, 1 some file unreadable, 64 usage.
            bench: 0 measured, 1 no images, 64 usage.
            """,
        version: VersionText.text,
        subcommands: [
            CheckCommand.self, InspectCommand.self, VerifyCommand.self, DetectCommand.self, ScanCommand.self,
            MergeCommand.self, BenchCommand.self, TrainCommand.self, EvalCommand.self, DoctorCommand.self, EmbedCommand.self,
            ServeCommand.self,
        ],
        defaultSubcommand: nil
    )
}

/// What `provenant --version` prints: the tool, the report schema and the default model's version.
enum VersionText {
    static let text: String = {
        var model = "not found (see provenant doctor)"
        if let path = try? Analyzer.defaultModelPath(), let loaded = try? DetectorModel.load(path: path) {
            model = loaded.modelVersion
        }
        return "provenant \(ToolVersion.current) (report schema \(ReportSchema.version); model \(model))"
    }()
}
