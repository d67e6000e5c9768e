import Store

/// When failed deliveries are tried again, and which deliveries are due: pure decisions, given `now` in seconds
/// since 1970 (no clock, no store, no threads).
///
/// A failed attempt (the program exits non-zero, times out or cannot be started) is retried after
/// `initial × 2^(attempts−1)` seconds, at most `maximum`; after `maximumAttempts` attempts the delivery is given
/// up (`failed`) until `paperradar deliveries retry`.
public struct DeliveryPolicy: Sendable, Hashable {
    public var maximumAttempts: Int
    /// First delay and cap, in seconds.
    public var initialDelay: Double
    public var maximumDelay: Double

    public init(maximumAttempts: Int = 10, initialDelay: Double = 30, maximumDelay: Double = 3_600) {
        precondition(maximumAttempts >= 1, "a delivery is attempted at least once")
        precondition(initialDelay > 0 && maximumDelay >= initialDelay, "delays are positive and the cap not below the first")
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// The delay before the next attempt after `attempts` failed ones, or nil when the delivery is given up.
    public func delay(afterFailedAttempts attempts: Int) -> Double? {
        guard attempts < maximumAttempts else { return nil }
        let exponent = max(0, min(attempts - 1, 30))
        return min(maximumDelay, initialDelay * Double(1 << exponent))
    }

    /// What to deliver now among `deliveries`, oldest first, and when the next one that is not due yet will be.
    ///
    /// Only pending deliveries count (sending, sent and failed ones are not the scheduler's); a pending delivery is
    /// due once `now` reaches its `nextAttempt` (seconds since 1970; an unreadable time is due at once).
    public static func plan(_ deliveries: [(delivery: JournalDelivery, nextAttempt: Double?)], now: Double)
        -> (due: [JournalDelivery], next: Double?)
    {
        var due: [JournalDelivery] = []
        var next: Double?
        for (delivery, time) in deliveries where delivery.state == .pending {
            let at = time ?? -.infinity
            if at <= now {
                due.append(delivery)
            } else {
                next = min(next ?? at, at)
            }
        }
        return (due.sorted { $0.id < $1.id }, next)
    }
}
