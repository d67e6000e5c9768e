import Foundation
import PaperRadarCore
import Reports
import Store
import Topics

/// The program name and version stamped on reports.
public enum PaperRadarVersion {
    public static let current = "0.6.0"
    public static var generator: String { "PaperRadar \(current)" }
}

/// Builds the reports over a space: a digest's report and the topic report. A query: it reads what the reports
/// name and writes nothing.
public struct ReportBuilder: Sendable {
    public let space: VectorSpace
    public let store: PaperStore
    /// The report date (injectable so that tests and snapshot files get a fixed one).
    public var now: Date

    public init(space: VectorSpace, store: PaperStore, now: Date = Date()) {
        self.space = space
        self.store = store
        self.now = now
    }

    /// The report for a digest: its summary (papers, new vs known, topic mix) and every paper with its topic and
    /// `top` related stored papers, ordered by `profileScores` when given, else grouped by topic.
    ///
    /// The digest's papers must be in the space (``ModelRepository/extend(_:with:)`` after ingesting). Related
    /// papers come from the whole store and never include the paper itself.
    ///
    /// - Parameters:
    ///   - profileScores: a reader's profile score per paper (``ReadingLists/profileScores(profile:ids:)``);
    ///     papers without one sort last.
    ///   - warnings: the parse warnings to print; by default those stored with the digest.
    ///   - settings: extra provenance settings (e.g. the profile file).
    public func digestReport(
        _ digest: IngestedDigest, top: Int = 5, profileScores: [ArxivID: Double]? = nil, warnings: [String]? = nil,
        settings: [ReportProvenance.Setting] = []
    ) throws -> DigestReport {
        let record = digest.record
        let related = try RelatedQueries(space: space, store: store).related(to: digest.papers, top: top)
        let relatedByQuery = Dictionary(related.compactMap { r in r.query.map { ($0, r.items) } }) { a, _ in a }
        let inDigest = Dictionary(digest.papers.map { ($0.id, $0) }) { a, _ in a }
        let otherIDs = Set(related.flatMap { $0.items.map(\.id) }).filter { inDigest[$0] == nil }
        var relatedPapers = try store.papers(ids: otherIDs)
        for (id, paper) in inDigest { relatedPapers[id] = paper }
        let topics = space.topics
        func topic(of id: ArxivID) -> TopicReference? {
            guard let row = space.row(of: id), let t = space.topic(ofRow: row) else { return nil }
            return TopicReference(id: t.id, name: t.name)
        }

        var entries = zip(digest.papers, digest.changes).map { paper, change in
            DigestReport.Entry(
                paper: PaperReference(paper), isNew: change == .new, isTitleOnly: paper.isTitleOnly,
                topic: topic(of: paper.id),
                profileScore: profileScores?[paper.id],
                related: (relatedByQuery[paper.id] ?? []).compactMap { item in
                    relatedPapers[item.id].map {
                        DigestReport.RelatedEntry(
                            paper: PaperReference($0), score: Double(item.score),
                            sharedTerms: item.sharedTerms.map(\.term))
                    }
                })
        }
        let mix = Self.topicMix(entries.map(\.topic))
        if profileScores != nil {
            // Best first; ties and unscored papers keep the digest's order (a stable sort).
            entries = entries.enumerated().sorted { a, b in
                let sa = a.element.profileScore ?? -.infinity
                let sb = b.element.profileScore ?? -.infinity
                return sa != sb ? sa > sb : a.offset < b.offset
            }.map(\.element)
        } else {
            // Grouped by topic, the digest's largest topic first; the digest's order within a topic.
            let rank = Dictionary(uniqueKeysWithValues: mix.enumerated().map { ($0.element.topic.id, $0.offset) })
            entries = entries.enumerated().sorted { a, b in
                let ra = a.element.topic.map { rank[$0.id] ?? Int.max } ?? Int.max
                let rb = b.element.topic.map { rank[$0.id] ?? Int.max } ?? Int.max
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
        }

        var extra: [ReportProvenance.Setting] = [
            .init(name: "related", value: "top \(top) per paper, score = 0.9·LSA cosine + 0.1·TF-IDF cosine")
        ]
        if let topics {
            extra.append(.init(name: "topics", value: "\(topics.model.topics.count) topics (\(topics.model.kChoice))"))
        }
        let newCount = entries.filter(\.isNew).count
        return DigestReport(
            provenance: provenance(topicsHash: topics?.hash, settings: extra + settings),
            digest: .init(
                id: record.id, file: URL(fileURLWithPath: record.path).lastPathComponent, date: record.date,
                format: record.format?.rawValue, contentHash: record.contentHash),
            summary: .init(
                paperCount: entries.count, newCount: newCount, knownCount: entries.count - newCount,
                titleOnlyCount: entries.count(where: \.isTitleOnly), topicMix: mix),
            ordering: profileScores == nil ? .topic : .profile, entries: entries,
            warnings: warnings ?? record.warnings)
    }

    /// Topic shares, largest first (ties by topic id); papers without a topic are left out.
    static func topicMix(_ topics: [TopicReference?]) -> [DigestReport.TopicShare] {
        var counts: [TopicReference: Int] = [:]
        for case let topic? in topics { counts[topic, default: 0] += 1 }
        return counts.map { DigestReport.TopicShare(topic: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.topic.id < $1.topic.id }
    }

    /// What produced a report: now, the store's size, the models' hashes and settings, plus `settings`.
    func provenance(topicsHash: String?, settings extra: [ReportProvenance.Setting]) -> ReportProvenance {
        ReportProvenance(space: space, topicsHash: topicsHash, settings: extra, now: now)
    }
}

extension ReportProvenance {
    /// What produced a report over a space: the date, the number of papers, the models' hashes and settings,
    /// plus `extra`.
    init(space: VectorSpace, topicsHash: String?, settings extra: [ReportProvenance.Setting], now: Date) {
        let settings: [ReportProvenance.Setting] = [
            .init(name: "tfidf", value: ModelRepository.summary(of: space.tfidf)),
            .init(
                name: "lsa",
                value: "LSA \(space.lsa.contentHash): \(space.lsa.dimension) dimensions, neighbours in the first "
                    + "\(min(96, space.lsa.dimension)) weighted by σ"),
        ]
        self.init(
            generatedAt: Timestamp.string(from: now), generator: PaperRadarVersion.generator,
            paperCount: space.count, modelHash: space.modelHash, topicsHash: topicsHash,
            settings: settings + extra)
    }
}

extension PaperReference {
    /// A stored paper as reports show it.
    public init(_ paper: Paper) {
        self.init(
            id: paper.id.rawValue, title: paper.title, authors: paper.authors, date: paper.date,
            categories: paper.categories)
    }
}
