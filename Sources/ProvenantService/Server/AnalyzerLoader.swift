import Logging
import Provenant
import ServiceLifecycle

/// Loads the analyzers (model and trust anchors) once the server is up, then marks the service ready.
struct AnalyzerLoader: Service {
    let configuration: AnalyzerConfiguration
    let readiness: Readiness
    let logger: Logger

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = Result { () throws(ReportError) in try Analyzers(configuration: configuration) }
        readiness.loaded(result)
        switch result {
        case .success(let analyzers):
            logger.info(
                "ready",
                metadata: [
                    "model_version": .string(analyzers.check.modelVersion ?? "none"),
                    "load_seconds": .stringConvertible(clock.now - start),
                ])
        case .failure(let error):
            logger.error("the analyzer could not be loaded", metadata: ["error.code": .string(error.code), "error.message": .string(error.message)])
        }
        // Stay alive until the group shuts down, so the group does not treat the loader's end as a failure.
        try? await gracefulShutdown()
    }
}
