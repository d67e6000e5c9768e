import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work splitting for the `concurrentPerform` loops of this module.
///
/// Blocks are a function of the problem size only (never of the core count), and every reduction over
/// blocks runs sequentially in block order, so results are bit-identical on any number of threads.
enum ParallelBlocks {
    /// Online processors (at least 1).
    static let processorCount: Int = {
        #if canImport(Glibc) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }()

    /// Runs `body(i)` for `i` in `0..<count`, concurrently when `count > 1`.
    ///
    /// `body` must only write state that is disjoint between iterations.
    @inline(__always)
    static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 {
            body(0)
        } else if count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// `0..<count` cut into consecutive blocks of `blockSize` (the last one shorter).
    static func blocks(_ count: Int, blockSize: Int) -> [Range<Int>] {
        precondition(blockSize > 0, "block size must be positive")
        guard count > 0 else { return [] }
        return stride(from: 0, to: count, by: blockSize).map { $0..<min($0 + blockSize, count) }
    }
}

/// Wall-clock seconds on the monotonic clock.
struct Stopwatch {
    private let start = ContinuousClock.now

    /// Seconds since creation.
    var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
