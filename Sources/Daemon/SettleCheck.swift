import FileIO

/// Decides when a file in the drop folder is complete enough to take.
///
/// A file is taken once its size and modification time have been stable for a settle period, checked on a fresh
/// `stat` at decision time:
/// - after a close-after-write or moved-in event newer than its last modification, it is ready `settle` after
///   that modification (a writer that closed the file is done with it; a renamed-in file is complete at once when
///   its modification time is older than `settle`);
/// - without such an event (a file found by a scan, a writer that has not closed it yet), it is ready only after
///   `quiet` without modification, so a writer pausing for less than `quiet` is not cut short.
///
/// A modification time in the future (clock skew, `touch -d`) counts from when the daemon first saw the file as it
/// is, so such a file is not held back until its clock comes.
///
/// Writers that want certainty should write under a temporary name (`*.tmp`, `*.part`, hidden) and rename the
/// finished file into the drop folder: temporary names are never taken.
public struct SettleCheck: Sendable {
    /// Stability needed after a close or move event, in seconds.
    public var settle: Double
    /// Stability needed without one, in seconds.
    public var quiet: Double
    private var closedAt: [String: Double] = [:]
    private var observed: [String: (snapshot: FileSnapshot, since: Double)] = [:]

    /// What to do with a file now.
    public enum Decision: Sendable, Hashable {
        case ready
        /// Check again at this time (seconds since 1970).
        case wait(until: Double)
    }

    /// - Parameters:
    ///   - settle: seconds of stability after a close-after-write or moved-in event.
    ///   - quiet: seconds of stability without one; at least `settle` (default: 5 × `settle`, at least 1 s).
    public init(settle: Double, quiet: Double? = nil) {
        self.settle = max(0, settle)
        self.quiet = max(self.settle, quiet ?? max(1, 5 * settle))
    }

    /// Notes a close-after-write or moved-in event for `name` at `time` (seconds since 1970).
    public mutating func noteClosed(_ name: String, at time: Double) {
        closedAt[name] = max(closedAt[name] ?? time, time)
    }

    /// Forgets what was noted about `name` (it was taken, removed or moved away).
    public mutating func forget(_ name: String) {
        closedAt[name] = nil
        observed[name] = nil
    }

    /// Whether a close or move event was noted for `name` after the modification time in `snapshot`.
    public func wasClosed(_ name: String, after snapshot: FileSnapshot) -> Bool {
        guard let closed = closedAt[name] else { return false }
        return closed >= snapshot.modified
    }

    /// The decision for `name`, given a snapshot taken `now` (seconds since 1970); remembers the snapshot.
    public mutating func decision(for name: String, snapshot: FileSnapshot, now: Double) -> Decision {
        if observed[name]?.snapshot != snapshot { observed[name] = (snapshot, now) }
        let since = observed[name]?.since ?? now
        let needed = wasClosed(name, after: snapshot) ? settle : quiet
        let readyAt = min(snapshot.modified, since) + needed
        return now >= readyAt ? .ready : .wait(until: readyAt)
    }

    /// The names with something noted, for pruning names that left the folder.
    public var trackedNames: Set<String> { Set(closedAt.keys).union(observed.keys) }
}
