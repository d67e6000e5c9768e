import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one parallel-for of PaperRadar: `concurrentPerform` loops and how to cut work for them.
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

    /// `body(0) … body(count - 1)`, run concurrently when `count > 1`, results in index order.
    ///
    /// Each call must only touch state of its own index (or read shared immutable state).
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let results = slots
        DispatchQueue.concurrentPerform(iterations: count) { index in results[index] = body(index) }
        return slots.map { $0! }
    }

    /// `0..<count` cut into consecutive blocks of `blockSize` (the last one shorter).
    public static func blocks(_ count: Int, blockSize: Int) -> [Range<Int>] {
        precondition(blockSize > 0, "block size must be positive")
        guard count > 0 else { return [] }
        return stride(from: 0, to: count, by: blockSize).map { $0..<min($0 + blockSize, count) }
    }

    /// Splits `0..<count` into `parts` contiguous ranges of near-equal length (empty ranges dropped).
    public static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        guard count > 0 else { return [] }
        return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    }

    /// Splits `0..<weights.count` into at most `parts` contiguous ranges of about equal total weight.
    ///
    /// The split only decides which thread does what; callers must give the same results for any split.
    public static func balancedRanges(weights: [Int], parts: Int) -> [Range<Int>] {
        let count = weights.count
        guard count > 0 else { return [] }
        let parts = max(1, min(parts, count))
        let total = weights.reduce(0, +)
        var ranges: [Range<Int>] = []
        var start = 0
        var accumulated = 0
        for index in 0..<count {
            accumulated += weights[index]
            if ranges.count < parts - 1 && accumulated >= total * (ranges.count + 1) / parts {
                ranges.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < count { ranges.append(start..<count) }
        return ranges
    }
}
