import Dispatch

/// Runs blocking work (parsing, SQLite, BLAS) on a dedicated serial queue, so the cooperative thread pool stays
/// free for signals, timers and the inotify bridge while a digest is processed.
///
/// The awaiting task is not cancellable while the work runs: a digest in progress always finishes.
public final class SerialWorker: Sendable {
    private let queue: DispatchQueue

    public init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Runs `work` on the queue and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    /// Runs throwing `work` on the queue.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
