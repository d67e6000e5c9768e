import Dispatch
import Foundation

/// Work splitting for the `concurrentPerform` loops of this module.
enum ConcurrentWork {
    /// The number of chunks to use when the caller does not say: the active processor count.
    static var defaultConcurrency: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `body(0) … body(count - 1)`, run concurrently when `count > 1`, results in index order.
    ///
    /// Each call must only touch state of its own index (or read shared immutable state).
    static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
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

    /// Splits `0..<weights.count` into at most `parts` contiguous ranges of about equal total weight.
    ///
    /// The split only decides which thread does what; callers must give the same results for any split.
    static func balancedRanges(weights: [Int], parts: Int) -> [Range<Int>] {
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
