import Provenant
import Synchronization

/// Whether the service can answer analysis requests: the analyzers are loaded and it is not draining.
final class Readiness: Sendable {
    enum State: Sendable {
        case loading
        case ready(Analyzers)
        case failed(ReportError)
    }

    private let state = Mutex<(state: State, draining: Bool)>((.loading, false))

    /// The analyzers, or the 503 to answer.
    func analyzers() throws(ServiceError) -> Analyzers {
        let (current, draining) = state.withLock { ($0.state, $0.draining) }
        if draining { throw .notReady("the service is shutting down") }
        switch current {
        case .loading: throw .notReady("the model and trust anchors are still loading")
        case .failed(let error): throw .notReady("the analyzer could not be loaded: \(error.code): \(error.message)")
        case .ready(let analyzers): return analyzers
        }
    }

    /// Records the outcome of loading.
    func loaded(_ result: Result<Analyzers, ReportError>) {
        state.withLock {
            switch result {
            case .success(let analyzers): $0.state = .ready(analyzers)
            case .failure(let error): $0.state = .failed(error)
            }
        }
    }

    /// Marks the service as draining: `/readyz` and new analyses answer 503.
    func beginDraining() { state.withLock { $0.draining = true } }
}
