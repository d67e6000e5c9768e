import Daemon
import Foundation
import Hummingbird
import Logging
import PaperRadarCore
import Pipeline
import Recommendation
import Reports
import Store
import Synchronization

/// The web app's state: one store, the model keeper's space (shared with the daemon when it runs in the same
/// process), the reader's stored profile, and what is kept in memory between requests.
final class WebApp: Sendable {
    let configuration: ServeConfiguration
    let store: PaperStore
    let keeper: ModelKeeper
    let profiles: ReadingProfiles
    let logger: Logger
    let hosts: HostPolicy
    /// The port the server listens on (known once it runs, when asked for port 0).
    private let port: Mutex<Int>
    /// The papers of the space, kept for reading lists.
    private let catalogCache = Mutex<PaperCatalog?>(nil)
    /// The topic report of the current space (its principal components take a while on a large store).
    let topicReportCache = Mutex<(key: String, report: TopicReport)?>(nil)
    /// Every paper's related-paper candidates for the current models (built in the background), and the model
    /// hash of a build under way.
    private let relatedIndexCache = Mutex<RelatedIndex?>(nil)
    private let relatedIndexBuild = Mutex<String?>(nil)
    /// The inline script's CSP hash (`sha256-…`).
    let scriptHash: String

    init(configuration: ServeConfiguration, store: PaperStore, keeper: ModelKeeper, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.keeper = keeper
        self.logger = logger
        profiles = ReadingProfiles(store: store)
        hosts = HostPolicy(boundHost: configuration.host, allowedHosts: configuration.allowedHosts)
        port = Mutex(configuration.port)
        scriptHash = PageLayout.scriptHash
    }

    var boundPort: Int {
        get { port.withLock { $0 } }
        set { port.withLock { $0 = newValue } }
    }

    var profileName: String { configuration.profile }

    /// The current space, or nil before the first fit: the keeper's published space, brought up to date first
    /// when the store moved on (papers stored by another process, another process's refit).
    func space() async throws -> VectorSpace? {
        if let published = keeper.published, try isCurrent(published) { return published }
        return try await keeper.refresh()
    }

    /// The current space, or a refusal saying how to get one.
    func requireSpace() async throws -> VectorSpace {
        guard let space = try await space() else { throw Self.noModel }
        return space
    }

    /// The refusal of a page that needs a model before there is one.
    static let noModel = WebRefusal(
        .serviceUnavailable, "No model yet",
        "This needs a fitted model, and the store has none yet: run `paperradar fit` (after `paperradar import` or "
            + "`ingest`), or let `paperradar serve --watch` fit one on the first digests.")

    private func isCurrent(_ space: VectorSpace) throws -> Bool {
        guard try store.lastTextSequence() <= space.textSequence else { return false }
        let infos = try store.currentModelInfos()
        return infos[ModelRepository.Kind.tfidf]?.contentHash == space.tfidf.contentHash
            && infos[ModelRepository.Kind.lsa]?.contentHash == space.lsa.contentHash
    }

    /// The space's papers, read once and then followed as the space grows.
    func catalog(for space: VectorSpace) throws -> PaperCatalog {
        try catalogCache.withLock { cached in
            if var catalog = cached {
                if !catalog.isCurrent(for: space) { try catalog.update(for: space, store: store) }
                if catalog.isCurrent(for: space) {
                    cached = catalog
                    return catalog
                }
            }
            let fresh = try PaperCatalog(space: space, store: store)
            cached = fresh
            return fresh
        }
    }

    /// The related-paper index following `space`, or nil while one is built for its models (started here when
    /// none is under way): pages then scan the space as before.
    func relatedIndex(for space: VectorSpace) throws -> RelatedIndex? {
        let current = try relatedIndexCache.withLock { cached -> RelatedIndex? in
            guard var index = cached, index.serves(space), space.textSequence >= index.sequence else { return nil }
            try index.follow(space, store: store)
            cached = index
            return index
        }
        if current == nil { buildRelatedIndex(for: space) }
        return current
    }

    private func buildRelatedIndex(for space: VectorSpace) {
        let starts = relatedIndexBuild.withLock { building -> Bool in
            guard building != space.modelHash else { return false }
            building = space.modelHash
            return true
        }
        guard starts else { return }
        let logger = logger
        Task.detached(priority: .utility) { [self] in
            let watch = Stopwatch()
            let index = RelatedIndex(space: space, top: Self.relatedCount)
            relatedIndexCache.withLock { $0 = index }
            relatedIndexBuild.withLock { $0 = nil }
            logger.notice(
                "related-paper index built",
                metadata: ["papers": "\(space.count)", "seconds": "\(String(format: "%.2f", watch.seconds))"])
        }
    }

    /// Related papers shown on a paper page.
    static let relatedCount = 10

    /// A key that changes whenever the space does (models, topics, papers, texts).
    static func key(of space: VectorSpace) -> String {
        "\(space.modelHash)|\(space.topics?.hash ?? "-")|\(space.count)|\(space.textSequence)"
    }

    /// Loads the space and the catalog ahead of the first request that needs them.
    func warmUp() async {
        do {
            let watch = Stopwatch()
            guard let space = try await space() else {
                logger.notice("no model yet: search, related papers and the reading list need `paperradar fit`")
                return
            }
            _ = try catalog(for: space)
            _ = try relatedIndex(for: space)
            logger.notice(
                "model loaded", metadata: ["papers": "\(space.count)", "seconds": "\(String(format: "%.2f", watch.seconds))"])
        } catch {
            logger.error("cannot load the model: \(error)")
        }
    }

    /// The reader's stored profile.
    func profile() throws -> ReadingProfile { try profiles.profile(named: profileName) }

    /// The reader's rating of each paper of the stored profile.
    func ratings() throws -> [ArxivID: PaperReport.Rating] {
        guard let stored = try store.storedProfile(named: profileName) else { return [:] }
        var result: [ArxivID: PaperReport.Rating] = [:]
        for rating in stored.ratings {
            var current = result[rating.paperID] ?? PaperReport.Rating()
            switch rating.kind {
            case .like: current.liked = true
            case .dislike: current.disliked = true
            case .save: current.saved = true
            }
            result[rating.paperID] = current
        }
        return result
    }
}

/// A request the app refuses or cannot serve, with the status and the page that says why.
struct WebRefusal: Error {
    var status: HTTPResponse.Status
    var title: String
    var message: String

    init(_ status: HTTPResponse.Status, _ title: String, _ message: String) {
        self.status = status
        self.title = title
        self.message = message
    }
}

extension WebApp {
    /// Seconds as whole milliseconds with one decimal, for the debug log.
    static func milliseconds(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10_000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
