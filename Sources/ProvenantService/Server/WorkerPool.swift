import NIOCore
import NIOPosix
import Synchronization

/// Runs analyses on dedicated threads, at most `concurrency` at once, with a bounded wait queue and a
/// time budget.
///
/// Analyses are CPU-bound; running them here keeps Swift's cooperative pool (which serves every request,
/// `/healthz` and `/metrics` included) free. A request that finds every worker busy waits in the queue;
/// when the queue is full it is refused at once (429). A request whose analysis is not done within the
/// budget is answered 504; its worker finishes the analysis and only then takes the next one, so the
/// number of analyses in progress never exceeds `concurrency`.
///
/// A request whose client goes away (its ``ClientDeparture`` is signalled) gives its place up: taken out
/// of the queue at once, or, when a worker has already started its analysis, answered at once while the
/// worker finishes the analysis (its result is dropped) and then takes the next request. Work whose
/// client has gone by the time a worker takes it is never started.
final class WorkerPool: Sendable {
    /// How a wait in the queue ended.
    private enum Admission: Sendable {
        case handedWorker
        case timedOut
        case clientGone
    }

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Admission, Never>
    }

    private struct Slots {
        var running = 0
        var waiting: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let threads: NIOThreadPool
    private let eventLoop: any EventLoop
    private let concurrency: Int
    private let queueDepth: Int
    private let timeout: TimeAmount
    private let timeoutSeconds: Double
    private let slots = Mutex(Slots())
    private let metrics: ServiceMetrics

    init(concurrency: Int, queueDepth: Int, timeoutSeconds: Double, metrics: ServiceMetrics) {
        self.concurrency = max(1, concurrency)
        self.queueDepth = max(0, queueDepth)
        self.timeoutSeconds = timeoutSeconds
        self.timeout = .nanoseconds(Int64((timeoutSeconds * 1e9).rounded()))
        self.threads = NIOThreadPool(numberOfThreads: self.concurrency)
        self.eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        self.metrics = metrics
        threads.start()
    }

    /// Stops the worker threads after the work already submitted.
    func shutdown() async throws {
        try await threads.shutdownGracefully()
    }

    /// Requests waiting for a worker and analyses running.
    var load: (running: Int, waiting: Int) { slots.withLock { ($0.running, $0.waiting.count) } }

    /// Runs `work` on a worker thread and returns its value, or throws 429 (queue full), 504 (over budget,
    /// in the queue or on the worker) or ``ServiceError/clientGone`` (the client left first).
    func run<Value: Sendable>(
        until departure: ClientDeparture? = nil, _ work: @escaping @Sendable () -> Value
    ) async throws(ServiceError) -> Value {
        if departure?.departed == true { throw .clientGone }
        let deadline = NIODeadline.now() + timeout
        try await acquire(deadline: deadline, departure: departure)
        let result: Result<Value, ServiceError> = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let budget = timeoutSeconds
            let timer = eventLoop.scheduleTask(deadline: deadline) {
                once.resume(.failure(.timedOut(seconds: budget)))
            }
            let observer = departure?.observe { once.resume(.failure(.clientGone)) }
            threads.submit { [self] state in
                let outcome: Result<Value, ServiceError>
                if case .active = state {
                    // A client that left before a worker got to its request: the work is skipped.
                    outcome = departure?.departed == true ? .failure(.clientGone) : .success(work())
                } else {
                    outcome = .failure(.notReady("the service is shutting down"))
                }
                timer.cancel()
                if let departure, let observer { departure.stopObserving(observer) }
                release()
                once.resume(outcome)
            }
        }
        return try result.get()
    }

    private func acquire(deadline: NIODeadline, departure: ClientDeparture?) async throws(ServiceError) {
        enum Entry { case run, wait(UInt64), refuse }
        let entry: Entry = slots.withLock {
            if $0.running < concurrency {
                $0.running += 1
                return .run
            }
            guard $0.waiting.count < queueDepth else { return .refuse }
            $0.nextID += 1
            return .wait($0.nextID)
        }
        switch entry {
        case .run:
            metrics.inFlight.increment()
        case .refuse:
            throw .busy(retryAfter: max(1, Int(timeoutSeconds.rounded(.up)) / 4))
        case .wait(let id):
            metrics.queued.increment()
            var observer: UInt64?
            let admission = await withCheckedContinuation { (continuation: CheckedContinuation<Admission, Never>) in
                let admittedNow: Bool = slots.withLock {
                    // A worker may have finished between the check above and here.
                    if $0.running < concurrency {
                        $0.running += 1
                        return true
                    }
                    $0.waiting.append(Waiter(id: id, continuation: continuation))
                    return false
                }
                if admittedNow {
                    continuation.resume(returning: .handedWorker)
                    return
                }
                eventLoop.scheduleTask(deadline: deadline) { [self] in leaveQueue(id, .timedOut) }
                observer = departure?.observe { [self] in leaveQueue(id, .clientGone) }
            }
            if let departure, let observer { departure.stopObserving(observer) }
            metrics.queued.decrement()
            switch admission {
            case .handedWorker: metrics.inFlight.increment()
            case .timedOut: throw .timedOut(seconds: timeoutSeconds)
            case .clientGone: throw .clientGone
            }
        }
    }

    /// Takes a waiter out of the queue when its time budget ran out there or its client left (if a worker
    /// has not taken it).
    private func leaveQueue(_ id: UInt64, _ reason: Admission) {
        let leaving: Waiter? = slots.withLock { state in
            guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiting.remove(at: index)
        }
        leaving?.continuation.resume(returning: reason)
    }

    /// Hands the slot to the longest-waiting request, or frees it.
    private func release() {
        metrics.inFlight.decrement()
        let next: Waiter? = slots.withLock {
            if $0.waiting.isEmpty {
                $0.running -= 1
                return nil
            }
            return $0.waiting.removeFirst()
        }
        next?.continuation.resume(returning: .handedWorker)
    }
}

/// Resumes a continuation exactly once, from whichever of the worker or the timer gets there first.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Result<Value, ServiceError>, Never>?>

    init(_ continuation: CheckedContinuation<Result<Value, ServiceError>, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ result: Result<Value, ServiceError>) {
        let pending = continuation.withLock { value -> CheckedContinuation<Result<Value, ServiceError>, Never>? in
            defer { value = nil }
            return value
        }
        pending?.resume(returning: result)
    }
}
