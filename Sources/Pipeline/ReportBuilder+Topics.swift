import Foundation
import LinearAlgebra
import PaperRadarCore
import Reports
import Store
import Topics

extension ReportBuilder {
    /// The most papers the topic map shows; larger stores show an even sample (every paper still shapes the axes).
    public static let topicMapLimit = 2_500
    /// Up to this many distinct paper dates the over-time chart has one point per day, beyond it one per month.
    public static let dailyTimelineLimit = 60

    /// The topic report: every topic with its current size, growth over the paper dates, top terms, central
    /// papers; bridge papers; how k was chosen; a 2-D map (first two principal components of the embeddings,
    /// via LAPACK `ssyevd`); and the topic events of refits.
    ///
    /// Sizes and growth count every paper's current assignment, including papers folded in since the fit.
    ///
    /// - Throws: ``PipelineError`` when no topics are fitted for the current models.
    /// - Complexity: O(n·d²) for the principal components, O(n) for the rest.
    public func topicReport() throws -> TopicReport {
        guard let topicsOfSpace = space.topics else {
            throw PipelineError("no topics for the current model: run `paperradar topics` (or `paperradar fit`)")
        }
        let model = topicsOfSpace.model
        let hash = topicsOfSpace.hash
        var topicOf: [ArxivID: Int] = [:]
        topicOf.reserveCapacity(space.count)
        for (row, topic) in topicsOfSpace.topicOfRow.enumerated() { topicOf[space.ids[row]] = topic }

        // Growth: papers per date bucket (day, or month for long histories) and topic.
        let dates = try store.paperDates()
        let days = Set(dates.values)
        let monthly = days.count > Self.dailyTimelineLimit
        func bucket(_ date: String) -> String { monthly ? String(date.prefix(7)) : date }
        let buckets = Set(days.map(bucket)).sorted()
        let column = Dictionary(uniqueKeysWithValues: buckets.enumerated().map { ($1, $0) })
        var growth: [Int: [Int]] = [:]
        var sizes: [Int: Int] = [:]
        for (id, topic) in topicOf {
            sizes[topic, default: 0] += 1
            guard let date = dates[id], let c = column[bucket(date)] else { continue }
            growth[topic, default: [Int](repeating: 0, count: buckets.count)][c] += 1
        }

        // Papers the report names: central papers, bridges, map points.
        let mapRows = Self.evenSample(count: space.ids.count, limit: Self.topicMapLimit)
        var named = Set(model.topics.flatMap(\.centralPapers).compactMap(ArxivID.init))
        named.formUnion(model.bridges.compactMap { ArxivID($0.paper) })
        named.formUnion(mapRows.map { space.ids[$0] })
        let papers = try store.papers(ids: named)
        func reference(_ raw: String) -> PaperReference? { ArxivID(raw).flatMap { papers[$0] }.map(PaperReference.init) }

        let references = Dictionary(uniqueKeysWithValues: model.topics.map { ($0.id, TopicReference(id: $0.id, name: $0.name)) })
        let topics = model.topics.map { t in
            TopicReport.Topic(
                id: t.id, name: t.name, namedTopic: t.namedTopicID, size: sizes[t.id] ?? 0,
                growth: growth[t.id] ?? [Int](repeating: 0, count: buckets.count),
                topTerms: space.tfidf.readableTerms(
                    t.topTerms,
                    in: t.centralPapers.compactMap { ArxivID($0).flatMap { papers[$0] } }.flatMap { [$0.title, $0.abstract] }),
                centralPapers: t.centralPapers.compactMap(reference))
        }.sorted { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }
        let bridges = model.bridges.compactMap { b -> TopicReport.Bridge? in
            guard let paper = reference(b.paper), let a = references[b.topicA], let c = references[b.topicB] else { return nil }
            return TopicReport.Bridge(
                paper: paper, topicA: a, topicB: c, similarityA: Double(b.similarityA), similarityB: Double(b.similarityB))
        }

        // The map: principal components of every embedding, a sample of the points drawn.
        var map: [TopicReport.MapPoint] = []
        var explained: [Double] = []
        if space.ids.count >= 2 && space.embeddings.columns >= 2 {
            let pca = space.embeddings.principalComponents(2)
            // Total variance = trace of the covariance = (Σ|x|² − n·|mean|²) / (n − 1), without a centred copy.
            let n = Double(space.ids.count)
            let squares = space.embeddings.storage.reduce(0) { $0 + Double($1) * Double($1) }
            let meanSquare = pca.means.reduce(0) { $0 + Double($1) * Double($1) }
            let total = (squares - n * meanSquare) / (n - 1)
            explained = pca.explainedVariance.map { total > 0 ? Double($0) / total : 0 }
            map = mapRows.compactMap { row in
                let id = space.ids[row]
                guard let topic = topicOf[id] else { return nil }
                return TopicReport.MapPoint(
                    id: id.rawValue, title: papers[id]?.title ?? id.rawValue, topicID: topic,
                    x: Double(pca.projection[row, 0]), y: Double(pca.projection[row, 1]))
            }
        }

        let chosenK = model.topics.count
        let events = try store.topicEvents().reversed().prefix(100).map {
            TopicReport.Event(
                topicID: $0.topicID, kind: $0.kind, name: $0.name, previousSize: $0.previousSize, size: $0.size, at: $0.at)
        }
        let kChoice = model.kChoice == "auto" && !model.kCurve.isEmpty
            ? "auto: k = \(chosenK) from \(model.kCurve.map(\.k).map(String.init).joined(separator: ", ")) "
                + "by silhouette and stability across seeds"
            : "\(model.kChoice == "auto" ? "auto (too few papers for a curve)" : "fixed"): k = \(chosenK)"
        return TopicReport(
            provenance: provenance(
                topicsHash: hash,
                settings: [
                    .init(name: "topics", value: "\(chosenK) topics, spherical k-means on LSA embeddings"),
                    .init(name: "map", value: "first two principal components of the \(space.embeddings.columns)-d embeddings"),
                ]),
            kChoice: kChoice,
            kCurve: model.kCurve.map {
                TopicReport.KPoint(k: $0.k, silhouette: $0.silhouette, stability: $0.stability, chosen: $0.k == chosenK)
            },
            topics: topics, bridges: bridges, map: map, mapPaperCount: space.ids.count,
            mapExplainedVariance: explained, dates: buckets, events: Array(events))
    }

    /// `limit` row indices spread evenly over `0..<count` (all of them when `count ≤ limit`).
    static func evenSample(count: Int, limit: Int) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit }
    }
}
