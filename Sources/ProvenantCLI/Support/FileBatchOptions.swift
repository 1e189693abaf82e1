import ArgumentParser

/// The arguments shared by the per-file commands (`check`, `detect`, `verify`, `inspect`): the inputs,
/// the output format and how many files are processed at once.
struct FileBatchOptions: ParsableArguments {
    @Argument(help: "Image files (JPEG, PNG, WebP, HEIF/HEIC, AVIF, TIFF/DNG); - reads one image from standard input.")
    var files: [String] = []

    @OptionGroup var list: FileListOptions

    @Option(name: [.customShort("f"), .long], help: "Output format: text, json or jsonl.")
    var format: OutputFormat = .text

    @Option(name: [.short, .long], help: "Files processed at once (the number of cores unless given); output stays in argument order.")
    var jobs: Int = ProcessInfoBridge.activeProcessorCount

    func validate() throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256") }
        try list.validate(arguments: files)
    }

    /// The arguments followed by the paths of `--files-from`, in order.
    func inputs() throws -> [String] { try files + list.paths() }
}
