import ArgumentParser

/// `--files-from FILE|-`: more input paths read from a list, shared by the per-file commands and `scan`.
struct FileListOptions: ParsableArguments {
    @Option(name: .long, help: "Also read input paths from FILE, one per line or NDJSON with a path field (- for standard input).")
    var filesFrom: String?

    /// Checks that there is something to read and that standard input is claimed at most once.
    func validate(arguments: [String]) throws {
        if arguments.isEmpty, filesFrom == nil { throw ValidationError("give at least one input path or --files-from FILE") }
        let stdinUses = arguments.filter { $0 == "-" }.count + (filesFrom == "-" ? 1 : 0)
        if stdinUses > 1 { throw ValidationError("standard input (-) can be used only once") }
    }

    /// The paths listed in `--files-from` that `keep` accepts (none without the option).
    func paths(keep: (String) -> Bool = { _ in true }) throws -> [String] {
        guard let filesFrom else { return [] }
        return try InputList.read(filesFrom, keep: keep)
    }
}
