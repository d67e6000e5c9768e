import Foundation
import PaperRadarCore
import Reports
import Store

extension Engine {
    /// The report for a stored digest: its summary (papers, new vs known, topic mix) and every paper with its
    /// topic and `top` related stored papers, ordered by `profileScores` when given, else grouped by topic.
    ///
    /// The digest's papers must be in `space` (use ``extending(_:)`` after ingesting). Related papers come from
    /// the whole store and never include the paper itself.
    ///
    /// - Parameters:
    ///   - profileScores: a reader's profile score per paper (``profileScores(profile:ids:space:)``); papers
    ///     without one sort last.
    ///   - warnings: the parse warnings to print; by default those stored with the digest.
    ///   - settings: extra provenance settings (e.g. the profile file).
    /// - Throws: ``PipelineError`` when the digest is unknown.
    public func digestReport(
        digestID: Int64, space: VectorSpace, top: Int = 5, profileScores: [ArxivID: Double]? = nil,
        warnings: [String]? = nil, settings: [ReportProvenance.Setting] = [], now: Date = Date()
    ) throws -> DigestReport {
        guard let record = try store.digest(id: digestID) else { throw PipelineError("there is no digest #\(digestID)") }
        let members = try store.papersWithChange(inDigest: digestID)
        let related = try related(.digest(digestID), top: top, space: space)
        let relatedByQuery = Dictionary(related.compactMap { r in r.query.map { ($0, r.items) } }) { a, _ in a }
        let relatedPapers = try store.papers(ids: Set(related.flatMap { $0.items.map(\.id) }))

        let topics = try currentTopics().flatMap { $0.model.lsaHash == space.lsa.contentHash ? $0 : nil }
        let assignments = try topics.map {
            try store.topicAssignments(modelHash: $0.hash, ids: members.map(\.paper.id))
        } ?? [:]
        func topic(of id: ArxivID) -> TopicReference? {
            guard let model = topics?.model, let a = assignments[id], let t = model.topic(id: a.topicID) else { return nil }
            return TopicReference(id: t.id, name: t.name)
        }

        var entries = members.map { member in
            DigestReport.Entry(
                paper: PaperReference(member.paper), isNew: member.change == .new, topic: topic(of: member.paper.id),
                profileScore: profileScores?[member.paper.id],
                related: (relatedByQuery[member.paper.id] ?? []).compactMap { item in
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
            provenance: try provenance(space: space, topicsHash: topics?.hash, settings: extra + settings, now: now),
            digest: .init(
                id: record.id, file: URL(fileURLWithPath: record.path).lastPathComponent, date: record.date,
                format: record.format?.rawValue, contentHash: record.contentHash),
            summary: .init(
                paperCount: entries.count, newCount: newCount, knownCount: entries.count - newCount, topicMix: mix),
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
}
