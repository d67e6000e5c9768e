/// Wall-clock timing on the monotonic clock: the one clock of PaperRadar's stage timings and benchmarks.
public struct Stopwatch: Sendable {
    private var start = ContinuousClock.now

    public init() {}

    /// Seconds since creation (or the last ``lap()``).
    public var seconds: Double { Self.seconds(ContinuousClock.now - start) }

    /// Milliseconds since creation (or the last ``lap()``), rounded.
    public var milliseconds: Int { Int((seconds * 1000).rounded()) }

    /// Seconds since creation or the previous lap; the next lap starts now.
    public mutating func lap() -> Double {
        let now = ContinuousClock.now
        defer { start = now }
        return Self.seconds(now - start)
    }

    /// Seconds taken by `body`.
    public static func measure(_ body: () throws -> Void) rethrows -> Double {
        let watch = Stopwatch()
        try body()
        return watch.seconds
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
