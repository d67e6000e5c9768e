import Foundation
import Logging
import PaperRadarCore
import Pipeline
import Reports
import Store
import Synchronization

/// Keeps the model the daemon's reports and the web app use: the vector space, extended with every digest, the
/// first fit when the store has none, and the swap to a refitted model.
///
/// An actor whose methods run on a thread of its own (they block on SQLite and BLAS): digests and the refit's swap
/// are serialised here, so a report never sees half a model, and the cooperative thread pool stays free.
///
/// Contract:
/// - ``report(for:relatedCount:profile:settings:)`` computes a digest's report against a space holding every stored
///   paper under one consistent set of models (loaded once, extended in place with each digest);
/// - a refit is computed elsewhere (``ModelFitter/prepare(progress:isCancelled:)`` reads the store and writes
///   nothing) and installed here (``install(_:)``): the new models are stored, papers stored while the refit ran are
///   folded in, and the space is swapped, while reports wait only for that;
/// - readers that must not wait for a report (the web app's pages) take ``published``, the space as of the last
///   change, and ask for ``refresh()`` only when the store moved on.
public actor ModelKeeper {
    public let repository: ModelRepository
    public let policy: RefitPolicy
    public let fitOptions: FitOptions
    private let logger: Logger
    private let thread = DedicatedThread(label: "paperradar.models")
    private var space: VectorSpace?
    /// The space as of its last change, readable without waiting for the actor.
    private let snapshot = Mutex<VectorSpace?>(nil)
    /// When the current models were fitted, and on how many papers.
    private var fitted: (at: Date, paperCount: Int)?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    public init(repository: ModelRepository, policy: RefitPolicy, fitOptions: FitOptions = FitOptions(), logger: Logger) {
        self.repository = repository
        self.policy = policy
        self.fitOptions = fitOptions
        self.logger = logger
    }

    private var store: PaperStore { repository.store }

    /// The space as of its last change (nil before it is loaded), without waiting for a report in progress.
    public nonisolated var published: VectorSpace? { snapshot.withLock { $0 } }

    /// Makes the current space the published one.
    private func publish() {
        let current = space
        snapshot.withLock { $0 = current }
    }

    /// Changes the space in place: it is unpublished meanwhile, so that its arrays are not shared with the
    /// snapshot and grow where they are instead of being copied whole (the embeddings, neighbour view and TF-IDF
    /// rows of 94k papers are ~210 MB: a copy per digest cost that much memory and ~0.1 s). Readers of
    /// ``published`` find none meanwhile and ask the actor, as they do anyway once the store has moved on.
    private func changeSpace(_ change: (inout VectorSpace) throws -> Void) rethrows {
        snapshot.withLock { $0 = nil }
        defer { publish() }
        try change(&space!)
    }

    /// Whether the store has a fitted model.
    public func hasModel() throws -> Bool {
        if space != nil { return true }
        return try currentModels() != nil
    }

    /// Loads the whole corpus's space when the store has a model (at start-up, so the first digest does not pay
    /// for it).
    ///
    /// - Returns: the number of papers in the space, or nil when there is no model yet.
    /// Keeps the space when it is already loaded under the store's current models.
    ///
    /// - Returns: the number of papers in the space, or nil when there is no model yet.
    @discardableResult
    public func load() throws -> Int? {
        guard let models = try currentModels() else { return nil }
        if let space, Self.isSpace(space, of: models) { return space.count }
        space = nil
        snapshot.withLock { $0 = nil }
        space = try repository.openSpace()
        fitted = (Timestamp.date(from: models.tfidf.createdAt) ?? Date(), models.tfidf.paperCount)
        publish()
        MemoryRelease.returnFreedMemory()
        return space?.count
    }

    /// The space brought up to date without fitting: loaded (or reloaded after another process refitted), with
    /// the papers stored since folded in; nil when the store has no model yet.
    public func refresh() throws -> VectorSpace? {
        guard try load() != nil, space != nil else { return nil }
        if try store.lastTextSequence() > space!.textSequence {
            try changeSpace { try repository.catchUp(&$0) }
        }
        return space
    }

    private static func isSpace(_ space: VectorSpace, of models: (tfidf: StoredModelInfo, lsa: StoredModelInfo)) -> Bool {
        space.tfidf.contentHash == models.tfidf.contentHash && space.lsa.contentHash == models.lsa.contentHash
    }

    /// The report of an ingested digest: the space is brought up to date (loaded, or the first model fitted, when
    /// needed; the digest's papers folded in), then the report is built on it.
    ///
    /// - Throws: ``PipelineError`` (no papers to fit on, unreadable models) and store errors.
    public func report(
        for digest: IngestedDigest, relatedCount: Int, profile: ReportProfile?, settings: [ReportProvenance.Setting]
    ) throws -> DigestReport {
        var watch = Stopwatch()
        try bringUpToDate()
        let loaded = watch.lap()
        try changeSpace { try repository.extend(&$0, with: digest) }
        let extended = watch.lap()
        let current = space!
        var scores: [ArxivID: Double]?
        var settings = settings
        if let profile {
            // A profile that cannot score (no liked paper in the store yet, …) must not hold the digest back.
            do {
                scores = try ReadingLists(space: current, store: store)
                    .profileScores(profile: profile.profile, ids: digest.papers.map(\.id))
                settings.append(.init(name: "profile", value: profile.name))
            } catch {
                logger.warning("the profile \(profile.name) cannot order this report (ordered by topic): \(error)")
            }
        }
        let report = try ReportBuilder(space: current, store: store).digestReport(
            digest, top: relatedCount, profileScores: scores, settings: settings)
        logger.debug(
            "report computed",
            metadata: [
                "load_ms": "\(Int(loaded * 1000))", "extend_ms": "\(Int(extended * 1000))",
                "report_ms": "\(Int(watch.lap() * 1000))",
            ])
        return report
    }

    /// Loads the space when the store's models are not the cached space's (another process refitted), or fits the
    /// first model when there is none.
    private func bringUpToDate() throws {
        guard let models = try currentModels() else {
            try fitFirstModel()
            return
        }
        if let space, Self.isSpace(space, of: models) { return }
        logger.info(
            "loading the model's vectors", metadata: ["model": "\(models.tfidf.contentHash)+\(models.lsa.contentHash)"])
        try load()
    }

    private func fitFirstModel() throws {
        let papers = try store.paperCount()
        logger.notice("no model yet: fitting TF-IDF, LSA and topics", metadata: ["papers": "\(papers)"])
        let watch = Stopwatch()
        let result = try ModelFitter(repository: repository, options: fitOptions).fit()
        space = result.space
        publish()
        fitted = (Date(), result.report.paperCount)
        logger.notice(
            "model fitted",
            metadata: Self.fitMetadata(result.space, topicCount: result.report.topics?.topics.count, seconds: watch.seconds))
    }

    /// What the log says of a fit: its model, size, topics and time.
    static func fitMetadata(_ space: VectorSpace, topicCount: Int?, seconds: Double) -> Logger.Metadata {
        [
            "model": "\(space.modelHash)", "papers": "\(space.count)", "topics": "\(topicCount ?? 0)",
            "seconds": "\(String(format: "%.1f", seconds))",
        ]
    }

    /// Why a refit is due now, if it is (the policy applied to the current model and the space's size).
    public func refitReason(now: Date = Date()) -> RefitPolicy.Reason? {
        guard let space, let fitted else { return nil }
        return policy.reason(modelPaperCount: fitted.paperCount, fittedAt: fitted.at, paperCount: space.count, now: now)
    }

    /// Installs a refit computed elsewhere: stores its models, folds in the papers stored while it ran, and makes
    /// its space the current one. Reports wait for this (the store write and the catch-up), not for the fit.
    ///
    /// - Returns: how long reports waited, in seconds.
    @discardableResult
    public func install(_ prepared: ModelFitter.PreparedFit) throws -> Double {
        let watch = Stopwatch()
        logger.debug("refit stage", metadata: ["stage": "install"])
        // Reports wait for the install anyway: the old space goes first, so that only one space is in memory while
        // the new one is stored. Should storing fail, the next report loads the current (old) models again.
        space = nil
        snapshot.withLock { $0 = nil }  // the web app's readers wait for the new space meanwhile
        MemoryRelease.returnFreedMemory()
        var result = try ModelFitter(repository: repository, options: fitOptions).save(prepared)
        try repository.catchUp(&result.space)
        space = result.space
        publish()
        fitted = (Date(), result.report.paperCount)
        MemoryRelease.returnFreedMemory()
        return watch.seconds
    }

    /// The current TF-IDF and LSA models of the store, when both exist.
    private func currentModels() throws -> (tfidf: StoredModelInfo, lsa: StoredModelInfo)? {
        let infos = try store.currentModelInfos()
        guard let tfidf = infos[ModelRepository.Kind.tfidf], let lsa = infos[ModelRepository.Kind.lsa] else { return nil }
        return (tfidf, lsa)
    }
}
