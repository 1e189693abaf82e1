import ArgumentParser

/// The arguments shared by the per-file commands (`check`, `detect`, `verify`): the files, the output
/// format and how many files are processed at once.
struct FileBatchOptions: ParsableArguments {
    @Argument(help: "Image files (JPEG, PNG, WebP, HEIF/HEIC, AVIF, TIFF/DNG).")
    var files: [String]

    @Option(name: .long, help: "Output format: text, json or jsonl.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Files processed at once (the number of cores unless given); output stays in argument order.")
    var jobs: Int = ProcessInfoBridge.activeProcessorCount

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256") }
    }
}
