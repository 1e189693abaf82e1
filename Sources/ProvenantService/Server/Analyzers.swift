import Provenant

/// The analyzers behind the routes, created once when the service starts.
struct Analyzers: Sendable {
    /// `/v1/check`: every stage.
    let check: Analyzer
    /// `/v1/check?detailed=true`: every stage, keeping the manifest store dump.
    let checkDetailed: Analyzer
    /// `/v1/verify`: C2PA only.
    let verify: Analyzer
    /// `/v1/verify?detailed=true`.
    let verifyDetailed: Analyzer
    /// `/v1/inspect`: the container only.
    let inspect: Analyzer

    /// Loads the model and the trust settings.
    init(configuration: AnalyzerConfiguration) throws(ReportError) {
        var configuration = configuration
        configuration.stages = .all
        configuration.detailedProvenance = false
        check = try Analyzer(configuration: configuration)
        configuration.detailedProvenance = true
        checkDetailed = try Analyzer(configuration: configuration)
        configuration.stages = .provenance
        verifyDetailed = try Analyzer(configuration: configuration)
        configuration.detailedProvenance = false
        verify = try Analyzer(configuration: configuration)
        configuration.stages = []
        inspect = try Analyzer(configuration: configuration)
    }
}
