import ArgumentParser

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
            inspect: 0 every file read, 1 some file unreadable, 64 usage.
            bench: 0 measured, 1 no images, 64 usage.
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, InspectCommand.self, VerifyCommand.self, DetectCommand.self, ScanCommand.self,
            BenchCommand.self, TrainCommand.self, EvalCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: nil
    )
}
