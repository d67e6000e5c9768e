#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch

/// SIGUSR1 wakes the daemon to deliver now: `paperradar deliveries retry` makes failed deliveries pending and
/// signals the running daemon, which posts ``DropEvent/deliveriesDue``.
final class DeliveryWakeSignal {
    /// The signal `paperradar deliveries retry` sends.
    static let number = SIGUSR1
    private let source: any DispatchSourceSignal

    init(inbox: EventInbox) {
        signal(Self.number, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: Self.number, queue: .global())
        source.setEventHandler { inbox.post(.deliveriesDue) }
        source.resume()
    }

    func stop() { source.cancel() }
}
