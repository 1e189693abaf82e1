import ArgumentParser
import Provenant

/// The C2PA trust options shared by `verify` and the analysing commands.
struct TrustOptions: ParsableArguments {
    @Option(name: .long, help: "PEM bundle of C2PA trust anchors.")
    var trustAnchors: String?

    @Option(name: .long, help: "PEM bundle of allowed C2PA signing certificates.")
    var allowedSigners: String?

    @Option(name: .long, help: "C2PA trust configuration: accepted EKU OIDs, one per line, // comments.")
    var trustConfig: String?

    /// Loads the files named by the options (no anchors when none are given).
    func load() throws -> TrustConfiguration {
        try TrustConfiguration.load(trustAnchors: trustAnchors, allowedSigners: allowedSigners, trustConfig: trustConfig)
    }
}
