import ArgumentParser
import Provenant

/// The C2PA trust options (and the strict mode) shared by the commands that verify Content Credentials (`verify`, `check`, `scan`).
struct TrustOptions: ParsableArguments {
    @Option(name: .long, help: "PEM bundle of C2PA trust anchors (default: the installed trust directory's anchors.pem, if any).")
    var trustAnchors: String?

    @Option(name: .long, help: "PEM bundle of allowed C2PA signing certificates.")
    var allowedSigners: String?

    @Option(name: .long, help: "C2PA trust configuration: accepted EKU OIDs, one per line, // comments.")
    var trustConfig: String?

    @Flag(
        name: .long,
        help: "C2PA strict mode: claim v1 manifests get the C2PA 2.x rules too (a time-stamp dates a signature only from a trusted authority; only a signed x5chain is trusted).")
    var strict = false

    /// Loads the files named by the options; with none given, the installed trust directory's files
    /// (see `provenant doctor`), else no anchors. A named file that cannot be read is a `trust.unreadable` error.
    func load() throws(ReportError) -> TrustConfiguration {
        do {
            var configuration: TrustConfiguration
            if trustAnchors == nil, allowedSigners == nil, trustConfig == nil {
                configuration = try TrustConfiguration.installedDefaults()?.configuration ?? TrustConfiguration()
            } else {
                configuration = try TrustConfiguration.load(
                    trustAnchors: trustAnchors, allowedSigners: allowedSigners, trustConfig: trustConfig)
            }
            configuration.strict = strict
            return configuration
        } catch {
            throw ReportError(code: "trust.unreadable", message: error.message)
        }
    }
}
