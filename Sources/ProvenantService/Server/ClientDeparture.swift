import NIOCore
import Synchronization

/// Whether the client of a connection has gone (the connection closed before the answer was written).
///
/// One per connection: HTTP/1.1 answers the requests of a connection one after another, so the
/// connection's departure is the departure of the request in progress on it. The worker pool observes it
/// while a request waits in the queue or its analysis runs, and gives the request's place up when it is
/// signalled. Observers are removed when the request no longer needs them, so a long-lived keep-alive
/// connection keeps no per-request state.
final class ClientDeparture: Sendable {
    private struct State {
        var departed = false
        var nextID: UInt64 = 0
        var observers: [UInt64: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// Whether the client has gone.
    var departed: Bool { state.withLock { $0.departed } }

    /// Observers registered now.
    var observerCount: Int { state.withLock { $0.observers.count } }

    /// Calls `observer` once when the client goes (at once when it has already gone). Returns the id that
    /// ``stopObserving(_:)`` takes.
    func observe(_ observer: @escaping @Sendable () -> Void) -> UInt64 {
        let registered: UInt64? = state.withLock {
            guard !$0.departed else { return nil }
            $0.nextID += 1
            $0.observers[$0.nextID] = observer
            return $0.nextID
        }
        guard let registered else {
            observer()
            return 0
        }
        return registered
    }

    /// Removes an observer that has not been called yet.
    func stopObserving(_ id: UInt64) {
        _ = state.withLock { $0.observers.removeValue(forKey: id) }
    }

    /// Marks the client gone and calls every observer once.
    func signal() {
        let observers: [@Sendable () -> Void] = state.withLock {
            guard !$0.departed else { return [] }
            $0.departed = true
            let pending = Array($0.observers.values)
            $0.observers = [:]
            return pending
        }
        for observer in observers { observer() }
    }
}

/// The ``ClientDeparture`` of each open connection, registered by the connection's ``ConnectionWatch``
/// when the connection is set up and dropped when it closes.
final class ClientDepartures: Sendable {
    private let connections = Mutex([ObjectIdentifier: ClientDeparture]())

    /// Connections being watched now.
    var count: Int { connections.withLock { $0.count } }

    /// The departure of `channel`'s client, or `nil` for a channel no ``ConnectionWatch`` watches.
    func departure(of channel: any Channel) -> ClientDeparture? {
        connections.withLock { $0[ObjectIdentifier(channel)] }
    }

    /// A watch for one new connection (its channel handler).
    func watch() -> ConnectionWatch { ConnectionWatch(departures: self) }

    func register(_ departure: ClientDeparture, for connection: ObjectIdentifier) {
        connections.withLock { $0[connection] = departure }
    }

    func remove(_ connection: ObjectIdentifier) {
        _ = connections.withLock { $0.removeValue(forKey: connection) }
    }
}
