import Synchronization

/// Counts the SQL statements a store runs (`PAPERRADAR_TRACE_SQL=1`, for benchmarks): all of them, and those that
/// read the `paper` table's rows (papers' texts). Statements run by triggers are part of the one that fired them.
public final class StatementCounter: Sendable {
    private let all = Atomic<Int>(0)
    private let paperReads = Atomic<Int>(0)

    init() {}

    func count(_ sql: String) {
        // SQLite also traces the statements a trigger runs (FTS5's index upkeep), as comments: they are part of the
        // statement that fired the trigger, not statements of their own.
        if sql.hasPrefix("--") { return }
        all.add(1, ordering: .relaxed)
        let text = sql.lowercased()
        if text.hasPrefix("select"), text.contains("from paper p") || text.contains("join paper p")
            || text.contains("from paper where") || text.contains("from paper order") || text.contains("from paper\n")
        {
            paperReads.add(1, ordering: .relaxed)
        }
    }

    /// Statements run so far, and how many of them read paper rows.
    public var counts: (statements: Int, paperReads: Int) {
        (all.load(ordering: .relaxed), paperReads.load(ordering: .relaxed))
    }
}
