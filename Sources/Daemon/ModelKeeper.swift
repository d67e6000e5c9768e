import Dispatch
import Foundation
import Logging
import PaperRadarCore
import Pipeline
import Store
import Synchronization

/// Keeps the model the daemon's reports use: a cached ``VectorSpace`` extended after every ingest, the first fit
/// when the store has none, and background refits.
///
/// Contract:
/// - ``withCurrentSpace(_:)`` hands out a space that holds every stored paper under one consistent set of models
///   (TF-IDF, LSA and the topics fitted on them). The whole corpus is loaded once (start-up, after a refit, or
///   when another process refitted the store); each call after that only folds in the papers stored since.
/// - A refit (``refitIfDue(now:wait:)``) computes the new models while digests keep flowing with the old ones.
///   Only its last phase — saving the models, fitting topics, loading the new space — holds the model gate, so
///   a report is computed entirely before or entirely after the swap and names the model it used.
/// - Heavy work is synchronous: call from the daemon's processing queue or the refit queue, never from the
///   cooperative thread pool.
public final class ModelKeeper: Sendable {
    private struct State {
        var space: VectorSpace?
        var refitRunning = false
        var lastRefitFailure: Date?
    }

    public let engine: Engine
    public let policy: RefitPolicy
    private let fitOptions: FitOptions
    private let logger: Logger
    private let state = Mutex(State())
    /// Held while a report is computed and while a refit swaps models.
    private let gate = DispatchSemaphore(value: 1)
    private let refits = DispatchGroup()
    private let refitQueue = DispatchQueue(label: "paperradar.refit", qos: .utility)

    public init(engine: Engine, policy: RefitPolicy, fitOptions: FitOptions = FitOptions(), logger: Logger) {
        self.engine = engine
        self.policy = policy
        self.fitOptions = fitOptions
        self.logger = logger
    }

    /// The current TF-IDF and LSA models of the store, when both exist.
    public func currentModels() throws -> (tfidf: StoredModelInfo, lsa: StoredModelInfo)? {
        let infos = try engine.store.currentModelInfos()
        guard let tfidf = infos[Engine.ModelKind.tfidf], let lsa = infos[Engine.ModelKind.lsa] else { return nil }
        return (tfidf, lsa)
    }

    /// Whether the store has a fitted model.
    public var hasModel: Bool { ((try? currentModels()) ?? nil) != nil }

    /// Loads the whole corpus's space when the store has a model (at start-up, so the first digest does not pay
    /// for it).
    ///
    /// - Returns: the number of papers in the space, or nil when there is no model yet.
    @discardableResult
    public func load() throws -> Int? {
        gate.wait()
        defer { gate.signal() }
        guard try currentModels() != nil else { return nil }
        let space = try engine.vectorSpace()
        state.withLock { $0.space = space }
        MemoryRelease.returnFreedMemory()
        return space.ids.count
    }

    /// Runs `body` with a space holding every stored paper under one consistent set of models.
    ///
    /// Fits the first model when the store has none, and reloads the space when the store's models are not the
    /// cached space's (another process refitted).
    ///
    /// - Throws: ``PipelineError`` (no papers to fit on, unreadable models) and whatever `body` throws.
    public func withCurrentSpace<T>(_ body: (VectorSpace) throws -> T) throws -> T {
        gate.wait()
        defer { gate.signal() }
        var space: VectorSpace
        if let models = try currentModels() {
            if let cached = state.withLock({ $0.space }), cached.tfidf.contentHash == models.tfidf.contentHash,
                cached.lsa.contentHash == models.lsa.contentHash
            {
                space = cached
            } else {
                logger.info(
                    "loading the model's vectors",
                    metadata: ["model": "\(models.tfidf.contentHash)+\(models.lsa.contentHash)"])
                state.withLock { $0.space = nil }
                space = try engine.vectorSpace()
            }
        } else {
            space = try fitFirstModel()
        }
        state.withLock { $0.space = nil }  // one copy in memory while it is extended
        space = try engine.extending(space)
        state.withLock { $0.space = space }
        return try body(space)
    }

    /// Fits the first model (the caller holds the gate).
    private func fitFirstModel() throws -> VectorSpace {
        let papers = try engine.store.paperCount()
        logger.notice("no model yet: fitting TF-IDF, LSA and topics", metadata: ["papers": "\(papers)"])
        let started = Date()
        let report = try engine.fit(options: fitOptions)
        logger.notice(
            "model fitted",
            metadata: [
                "model": "\(report.tfidf.contentHash)+\(report.lsa.contentHash)", "papers": "\(report.paperCount)",
                "topics": "\(report.topics?.topics.count ?? 0)",
                "seconds": "\(String(format: "%.2f", Date().timeIntervalSince(started)))",
            ])
        return try engine.vectorSpace()
    }

    /// Starts a refit when the policy says one is due and none is running.
    ///
    /// - Parameters:
    ///   - wait: refit on the calling thread and return when done (for `--once`), instead of in the background.
    /// - Returns: why a refit was started, or nil.
    @discardableResult
    public func refitIfDue(now: Date = Date(), wait: Bool = false) -> RefitPolicy.Reason? {
        let started = state.withLock { state -> Bool in
            if state.refitRunning { return false }
            if let failure = state.lastRefitFailure, now.timeIntervalSince(failure) < 3600 { return false }
            state.refitRunning = true
            return true
        }
        guard started else { return nil }
        var reason: RefitPolicy.Reason?
        do {
            if let models = try currentModels() {
                reason = policy.reason(
                    modelPaperCount: models.tfidf.paperCount, fittedAt: Timestamp.date(from: models.tfidf.createdAt) ?? now,
                    paperCount: try engine.store.paperCount(), now: now)
            }
        } catch {
            logger.warning("cannot check whether a refit is due: \(error)")
        }
        guard let reason else {
            state.withLock { $0.refitRunning = false }
            return nil
        }
        refits.enter()
        let work: @Sendable () -> Void = { [self] in
            refit(reason)
            state.withLock { $0.refitRunning = false }
            refits.leave()
        }
        if wait { work() } else { refitQueue.async(execute: work) }
        return reason
    }

    /// Blocks until a running refit is done.
    public func waitForRefit() {
        refits.wait()
    }

    /// Whether a background refit is running.
    public var isRefitting: Bool { state.withLock { $0.refitRunning } }

    private func refit(_ reason: RefitPolicy.Reason) {
        logger.notice("refit started: \(reason)")
        let started = Date()
        var swapStarted: Date?
        defer { if swapStarted != nil { gate.signal() } }
        do {
            let report = try engine.fit(options: fitOptions) { stage in
                if stage == .saving, swapStarted == nil {
                    // From here on the store's models change: reports wait until the new space is loaded.
                    gate.wait()
                    swapStarted = Date()
                }
            }
            state.withLock { $0.space = nil }
            let space = try engine.vectorSpace()
            state.withLock { $0.space = space }
            MemoryRelease.returnFreedMemory()
            logger.notice(
                "refit done",
                metadata: [
                    "model": "\(report.tfidf.contentHash)+\(report.lsa.contentHash)",
                    "papers": "\(report.paperCount)", "topics": "\(report.topics?.topics.count ?? 0)",
                    "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(started)))",
                    "reports_paused_seconds":
                        "\(String(format: "%.1f", swapStarted.map { Date().timeIntervalSince($0) } ?? 0))",
                ])
        } catch {
            state.withLock { $0.lastRefitFailure = Date() }
            logger.error("refit failed (the current model stays; next attempt in an hour): \(error)")
        }
    }
}
