import NIOCore

/// The channel handler that notices a connection's client leaving and signals its ``ClientDeparture``.
///
/// A client has left when its side of the connection ends (it closed the socket or shut its sending side
/// down: the end of the input, which Hummingbird's servers see as a half-closure, and which nginx also
/// treats as a client gone) or when the connection closes. One watch per connection, in the pipeline
/// after the HTTP decoding; every read and event passes through unchanged.
final class ConnectionWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let departures: ClientDepartures
    private let departure = ClientDeparture()
    private var connection: ObjectIdentifier?

    init(departures: ClientDepartures) {
        self.departures = departures
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let connection = ObjectIdentifier(context.channel)
        self.connection = connection
        departures.register(departure, for: connection)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        forget()
    }

    func channelInactive(context: ChannelHandlerContext) {
        departure.signal()
        forget()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { departure.signal() }
        context.fireUserInboundEventTriggered(event)
    }

    private func forget() {
        if let connection { departures.remove(connection) }
        connection = nil
    }
}
