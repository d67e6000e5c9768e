import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work-splitting helpers for `concurrentPerform` loops (this module's kernels, clustering).
///
/// Deterministic callers cut work into blocks that depend on the problem size only (``blocks(_:blockSize:)``, never
/// on the core count) and reduce over blocks in block order, so results are bit-identical on any number of threads.
public enum Parallel {
    /// Online processors (at least 1).
    public static let processorCount: Int = {
        #if canImport(Glibc) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()

    /// Runs `body(i)` for `i` in `0..<iterations`, concurrently when `iterations > 1`.
    ///
    /// `body` must only write state that is disjoint between iterations.
    @inline(__always)
    public static func forEach(_ iterations: Int, _ body: @Sendable (Int) -> Void) {
        if iterations == 1 {
            body(0)
        } else if iterations > 1 {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        }
    }

    /// `0..<count` cut into consecutive blocks of `blockSize` (the last one shorter).
    public static func blocks(_ count: Int, blockSize: Int) -> [Range<Int>] {
        precondition(blockSize > 0, "block size must be positive")
        guard count > 0 else { return [] }
        return stride(from: 0, to: count, by: blockSize).map { $0..<min($0 + blockSize, count) }
    }

    /// Splits `0..<count` into `parts` contiguous ranges of near-equal length (empty ranges dropped).
    static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        guard count > 0 else { return [] }
        return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    }

    /// Splits the rows of a CSR matrix into about `parts` contiguous ranges of near-equal work
    /// (stored entries plus one per row), by binary search on `rowOffsets`.
    static func balancedRowRanges(rowOffsets: UnsafeBufferPointer<Int>, rows: Int, parts: Int) -> [Range<Int>] {
        guard rows > 0 else { return [] }
        let parts = max(1, min(parts, rows))
        let totalWork = rowOffsets[rows] + rows
        var result: [Range<Int>] = []
        result.reserveCapacity(parts)
        var start = 0
        for p in 1...parts {
            var end: Int
            if p == parts {
                end = rows
            } else {
                // First row index r with rowOffsets[r] + r >= target.
                let target = totalWork * p / parts
                var lo = start, hi = rows
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if rowOffsets[mid] + mid < target { lo = mid + 1 } else { hi = mid }
                }
                end = lo
            }
            if end > start {
                result.append(start..<end)
                start = end
            }
        }
        return result
    }
}

/// Wall-clock timing on the monotonic clock.
public struct Stopwatch: Sendable {
    private let start = ContinuousClock.now

    public init() {}

    /// Seconds since creation.
    public var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Seconds taken by `body`.
    public static func measure(_ body: () throws -> Void) rethrows -> Double {
        let watch = Stopwatch()
        try body()
        return watch.seconds
    }
}
