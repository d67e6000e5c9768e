import BundledModels
import Clustering
import Foundation
import LinearAlgebra
import PaperRadarCore
import Store
import TextFeatures
import Topics

/// How many topics to fit.
public enum TopicCount: Sendable, Hashable {
    case fixed(Int)
    /// Chosen by silhouette and stability across seeds on a sample (the curve is kept).
    case auto
}

extension Engine.ModelKind {
    public static let topics = "topics"
}

extension Engine {
    /// The named topics shipped in models/topics.toml.
    public static func bundledCatalog() throws -> NamedTopicCatalog {
        guard let text = BundledModels.text(named: "topics.toml") else {
            throw PipelineError("models/topics.toml was not embedded in this build")
        }
        do {
            return try NamedTopicCatalog(parsing: text)
        } catch {
            throw PipelineError("models/topics.toml: \(error)")
        }
    }

    /// The current topics, or `nil` before the first fit.
    public func currentTopics() throws -> (model: TopicModel, hash: String)? {
        guard let stored = try store.currentModel(kind: ModelKind.topics) else { return nil }
        do {
            return (try JSONDecoder().decode(TopicModel.self, from: Data(stored.data)), stored.contentHash)
        } catch {
            throw PipelineError("the stored topics are unreadable (\(error)); run `paperradar topics --k auto`")
        }
    }

    /// Candidate ks for `--k auto`, scaled to the corpus: at least ~5 papers per topic, at most 50 topics.
    static func autoCandidates(paperCount n: Int) -> [Int] {
        let wide = [4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 50].filter { $0 * 5 <= n }
        if wide.count >= 2 { return wide }
        return [2, 3, 4, 5, 6].filter { $0 * 3 <= n }
    }

    /// Clusters the embeddings into topics, labels and names them, keeps ids of topics that persist since the
    /// previous fit, and stores topics, assignments and events in one transaction.
    ///
    /// - Throws: ``PipelineError`` when there are too few papers.
    @discardableResult
    public func fitTopics(space: VectorSpace, count: TopicCount, seed: UInt64 = 0) throws -> TopicModel {
        let n = space.ids.count
        guard n >= 2 else { throw PipelineError("topics need at least 2 papers, the store has \(n)") }
        var curve: [TopicModel.KPoint] = []
        let k: Int
        switch count {
        case .fixed(let value):
            guard value >= 1 && value <= n else { throw PipelineError("--k must be between 1 and \(n) (the papers)") }
            k = value
        case .auto:
            let candidates = Self.autoCandidates(paperCount: n)
            if candidates.count < 2 {
                k = min(n, 2)
            } else {
                let selection = KSelection(candidates: candidates, seed: seed).select(space.embeddings)
                k = selection.chosenK
                curve = selection.curve.map {
                    TopicModel.KPoint(k: $0.k, silhouette: $0.silhouette, stability: $0.stability, objective: $0.objective)
                }
            }
        }
        let clusters = SphericalKMeans(k: k, seed: seed).fit(space.embeddings)
        let topTerms = ClassTFIDF().topTerms(
            tfidf: space.tfidfRows, assignments: clusters.assignments, clusterCount: k,
            vocabulary: space.tfidf.vocabulary)
        let centrality = TopicCentrality(
            embeddings: space.embeddings, centroids: clusters.centroids, assignments: clusters.assignments)
        let central = centrality.centralPapers(count: 5)

        let catalog = try Self.bundledCatalog()
        let seedVectors = seedVectors(catalog, space: space)
        let labels = TopicNaming(catalog: catalog).label(
            centroids: clusters.centroids, seedVectors: seedVectors, topTerms: topTerms)
        let named = NamedTopicSimilarity(embeddings: space.embeddings, seedVectors: seedVectors)

        // Stable ids: the previous topics, re-centred in today's space from their member papers.
        let previous = try currentTopics()
        var matching: TopicMatching
        var previousNames: [Int: String] = [:]
        if let previous {
            let assignments = try store.topicAssignments(modelHash: previous.hash)
            let ids = previous.model.topics.map(\.id)
            var sums = Matrix(rows: ids.count, columns: space.embeddings.columns)
            let rowOfID = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            for assignment in assignments {
                guard let topicRow = rowOfID[assignment.topicID], let paperRow = space.index(of: assignment.paperID)
                else { continue }
                for j in 0..<sums.columns { sums[topicRow, j] += space.embeddings[paperRow, j] }
            }
            sums.normalizeRows()
            for topic in previous.model.topics { previousNames[topic.id] = topic.name }
            matching = CentroidMatching().match(
                previousIDs: ids, previousCentroids: sums, previousSizes: previous.model.topics.map(\.size),
                currentCentroids: clusters.centroids, currentSizes: clusters.clusterSizes,
                nextID: previous.model.nextID)
        } else {
            matching = CentroidMatching().match(
                previousIDs: [], previousCentroids: Matrix(rows: 0, columns: space.embeddings.columns),
                previousSizes: [], currentCentroids: clusters.centroids, currentSizes: clusters.clusterSizes,
                nextID: 1)
        }

        let topics = (0..<k).map { c in
            TopicModel.Topic(
                id: matching.ids[c], name: labels[c].name, namedTopicID: labels[c].namedTopicID,
                nameSimilarity: labels[c].similarity, size: clusters.clusterSizes[c],
                topTerms: topTerms[c].map(\.term), centralPapers: central[c].map { space.ids[$0.paper].rawValue })
        }
        let bridges = centrality.bridgePapers(limit: 20).map {
            TopicModel.Bridge(
                paper: space.ids[$0.paper].rawValue, topicA: matching.ids[$0.topicA], topicB: matching.ids[$0.topicB],
                similarityA: $0.similarityA, similarityB: $0.similarityB)
        }
        let model = TopicModel(
            lsaHash: space.lsa.contentHash, kChoice: count == .auto ? "auto" : "fixed", kCurve: curve, topics: topics,
            centroids: (0..<k).map(clusters.centroids.row), namedTopicIDs: catalog.topics.map(\.id), bridges: bridges,
            meanSimilarity: clusters.meanSimilarity, iterations: clusters.iterations.count, nextID: matching.nextID)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = [UInt8](try encoder.encode(model))
        let hash = String(SHA256.hexDigest(data).prefix(16))
        let nameOfID = Dictionary(uniqueKeysWithValues: topics.map { ($0.id, $0.name) })
        let events = matching.events.map { event in
            TopicEventRecord(
                modelHash: hash, topicID: event.id, kind: event.kind.rawValue,
                name: nameOfID[event.id] ?? previousNames[event.id], previousSize: event.previousSize,
                size: event.currentSize)
        }
        let assignments = (0..<n).map { i in
            TopicAssignment(
                paperID: space.ids[i], topicID: matching.ids[clusters.assignments[i]],
                similarity: clusters.similarities[i], namedSimilarities: named.similarities(ofPaper: i))
        }
        let names = topics.sorted { $0.size > $1.size }.prefix(6).map(\.name).joined(separator: ", ")
        try store.saveTopics(
            StoredModel(
                kind: ModelKind.topics, contentHash: hash, parentHash: space.lsa.contentHash, paperCount: n,
                summary: "\(k) topics (k \(model.kChoice)): \(names)\(k > 6 ? ", …" : "")", data: data),
            assignments: assignments, events: events)
        return model
    }

    /// One unit vector per named topic: its seed phrases analysed as one document (phrases separated so no bigram
    /// spans two seeds) and projected with the LSA basis; a topic none of whose seeds is in the vocabulary gets a
    /// zero vector and is never chosen.
    func seedVectors(_ catalog: NamedTopicCatalog, space: VectorSpace) -> Matrix {
        let documents = catalog.topics.map { TextDocument(title: "", abstract: $0.seeds.joined(separator: ". ")) }
        return space.lsa.embed(space.tfidf.transform(documents))
    }
}
