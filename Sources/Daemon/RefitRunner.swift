import Foundation
import Logging
import PaperRadarCore
import Pipeline
import Synchronization

/// Runs the daemon's background refits, one at a time: a child task of the service waits for requests, computes
/// the fit on a thread of its own (reports go on meanwhile) and hands it to the ``ModelKeeper`` to install.
///
/// Cancelling the task (graceful shutdown) stops a running fit at its next stage; nothing is stored then and the
/// current model stays. A failed refit is not tried again for an hour.
final class RefitRunner: Sendable {
    private struct State {
        var running = false
        var lastFailure: Date?
    }

    private let state = Mutex(State())
    private let requests: AsyncStream<RefitPolicy.Reason>
    private let requestContinuation: AsyncStream<RefitPolicy.Reason>.Continuation
    private let thread = DedicatedThread(label: "paperradar.refit", qos: .utility)

    init() {
        (requests, requestContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Whether a refit is being computed or installed.
    var isRunning: Bool { state.withLock { $0.running } }

    /// Asks for a refit when the policy says one is due and none is running (nor failed within the hour).
    func requestIfDue(_ keeper: ModelKeeper, now: Date = Date()) async {
        let blocked = state.withLock { state in
            state.running || state.lastFailure.map { now.timeIntervalSince($0) < 3600 } == true
        }
        guard !blocked, let reason = await keeper.refitReason(now: now) else { return }
        state.withLock { $0.running = true }
        requestContinuation.yield(reason)
    }

    /// Serves requests until the task is cancelled.
    func serve(_ keeper: ModelKeeper, logger: Logger) async {
        for await reason in requests {
            if Task.isCancelled { break }
            await run(reason, keeper: keeper, logger: logger)
        }
    }

    /// Computes a refit and installs it (also called directly by `--once` runs).
    func run(_ reason: RefitPolicy.Reason, keeper: ModelKeeper, logger: Logger) async {
        state.withLock { $0.running = true }
        defer { state.withLock { $0.running = false } }
        logger.notice("refit started: \(reason)")
        let watch = Stopwatch()
        let cancelled = Atomic(false)
        do {
            let fitter = try ModelFitter(repository: keeper.repository, options: keeper.fitOptions)
            let prepared = try await withTaskCancellationHandler {
                try await thread.run {
                    try fitter.prepare(
                        progress: { logger.debug("refit stage", metadata: ["stage": "\($0.rawValue)"]) },
                        isCancelled: { cancelled.load(ordering: .relaxed) })
                }
            } onCancel: {
                cancelled.store(true, ordering: .relaxed)
            }
            try Task.checkCancellation()
            let paused = try await keeper.install(prepared)
            var metadata = ModelKeeper.fitMetadata(
                prepared.space, topicCount: prepared.topics?.model.topics.count, seconds: watch.seconds)
            metadata["reports_paused_seconds"] = "\(String(format: "%.1f", paused))"
            logger.notice("refit done", metadata: metadata)
        } catch is CancellationError {
            logger.notice("refit cancelled: the current model stays")
        } catch {
            state.withLock { $0.lastFailure = Date() }
            logger.error("refit failed (the current model stays; next attempt in an hour): \(error)")
        }
    }
}
