import ArgumentParser
import Provenant

/// Per-file limits shared by `verify` and the analysing commands (docs/limits.md lists each one with
/// its default and the error it raises).
struct LimitOptions: ParsableArguments {
    @Option(name: .long, help: "Largest file read, e.g. 512M (default 512M; limit.file_too_large).")
    var maxFileSize: ByteCount?

    @Option(name: .long, help: "Most manifests in one C2PA manifest store (default 128; c2pa error_code too_many_manifests).")
    var maxManifests: Int?

    func validate() throws {
        try LimitBounds.requireBytes(["--max-file-size": maxFileSize])
        try LimitBounds.require(["--max-manifests": maxManifests], atLeast: 1)
    }

    /// Applies the options given on the command line.
    func apply(to configuration: inout AnalyzerConfiguration) {
        if let maxFileSize { configuration.limits.maxFileBytes = maxFileSize.bytes }
        if let maxManifests { configuration.limits.maxManifests = maxManifests }
    }
}
