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

    /// Candidate ks for `--k auto`, scaled to the corpus: at least ~5 papers per topic, at most 50 topics, and at
    /// least √(n/20) topics (capped at 12) so that a large store is not summarised by a handful of topics (on
    /// text the silhouette keeps rising with k while stability falls, which favours the smallest candidates).
    static func autoCandidates(paperCount n: Int) -> [Int] {
        let smallest = min(12, max(2, Int((Double(n) / 20).squareRoot())))
        let wide = [4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 50].filter { $0 * 5 <= n && $0 >= smallest }
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
        // Papers none of whose words is in the vocabulary have a zero embedding: they are clustered with nobody and
        // join the largest topic with similarity 0.
        let clustered = space.embeddings.nonzeroRowIndices()
        guard clustered.count >= 2 else {
            throw PipelineError("topics need at least 2 papers with text in the model's vocabulary, found \(clustered.count)")
        }
        let points = clustered.count == n ? space.embeddings : space.embeddings.selectingRows(clustered)
        var curve: [TopicModel.KPoint] = []
        let k: Int
        switch count {
        case .fixed(let value):
            guard value >= 1 && value <= clustered.count else {
                throw PipelineError("--k must be between 1 and \(clustered.count) (the papers)")
            }
            k = value
        case .auto:
            let candidates = Self.autoCandidates(paperCount: clustered.count)
            if candidates.count < 2 {
                k = min(clustered.count, 2)
            } else {
                let selection = KSelection(candidates: candidates, seed: seed).select(points)
                k = selection.chosenK
                curve = selection.curve.map {
                    TopicModel.KPoint(k: $0.k, silhouette: $0.silhouette, stability: $0.stability, objective: $0.objective)
                }
            }
        }
        let fitted = SphericalKMeans(k: k, seed: seed).fit(points)
        let clusters = ClusterAssignment(fitted, rows: clustered, total: n)
        let stemmedTopTerms = ClassTFIDF().topTerms(
            tfidf: space.tfidfRows, assignments: clusters.assignments, clusterCount: k,
            vocabulary: space.tfidf.vocabulary)
        let centrality = TopicCentrality(
            embeddings: space.embeddings, centroids: clusters.centroids, assignments: clusters.assignments)
        let central = centrality.centralPapers(count: 5)
        // Terms as readers write them (`retrieval passages`, not the stems `retriev passag`), from the words of
        // each topic's 20 most central papers.
        let readingRows = centrality.centralPapers(count: 20)
        let readingPapers = try store.papers(ids: Set(readingRows.flatMap { $0.map { space.ids[$0.paper] } }))
        let topTerms = stemmedTopTerms.indices.map { c in
            let texts = readingRows[c].compactMap { readingPapers[space.ids[$0.paper]] }.flatMap { [$0.title, $0.abstract] }
            let readable = space.tfidf.readableTerms(stemmedTopTerms[c].map(\.term), in: texts)
            return zip(stemmedTopTerms[c], readable).map { term, text in
                var term = term
                term.term = text
                return term
            }
        }

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
            meanSimilarity: fitted.meanSimilarity, iterations: fitted.iterations.count, nextID: matching.nextID)

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

    /// Gives papers stored since the topics were fitted their nearest topic (by centroid cosine) and their
    /// similarity to each named topic, without refitting; ids and sizes stay those of the fit.
    ///
    /// - Returns: how many papers were assigned.
    @discardableResult
    public func assignNewPapersToTopics(space: VectorSpace) throws -> Int {
        guard let (model, hash) = try currentTopics(), model.lsaHash == space.lsa.contentHash, !model.topics.isEmpty
        else { return 0 }
        let assigned = Set(try store.topicAssignments(modelHash: hash).map(\.paperID))
        let rows = space.ids.indices.filter { !assigned.contains(space.ids[$0]) }
        return try assignToTopics(rows: rows, space: space, model: model, hash: hash)
    }

    /// Gives the papers at `rows` of the space their nearest topic of `model` and their named-topic similarities,
    /// replacing any earlier assignment under the model.
    @discardableResult
    func assignToTopics(rows: [Int], space: VectorSpace, model: TopicModel, hash: String) throws -> Int {
        guard !rows.isEmpty, !model.topics.isEmpty else { return 0 }
        let centroids = Matrix(model.centroids)
        let points = space.embeddings.selectingRows(rows)
        // Similarities to every centroid in one GEMM; zero embeddings join the largest topic with similarity 0.
        let scores = points.multiplied(by: centroids, transposeOther: true)
        let largest = model.topics.indices.max { model.topics[$0].size < model.topics[$1].size } ?? 0
        let catalog = try Self.bundledCatalog()
        let named = NamedTopicSimilarity(embeddings: points, seedVectors: seedVectors(catalog, space: space))
        let assignments = rows.indices.map { i in
            var best = largest
            var bestScore: Float = 0
            for c in 0..<centroids.rows where scores[i, c] > bestScore {
                best = c
                bestScore = scores[i, c]
            }
            return TopicAssignment(
                paperID: space.ids[rows[i]], topicID: model.topics[best].id, similarity: bestScore,
                namedSimilarities: named.similarities(ofPaper: i))
        }
        try store.addTopicAssignments(assignments, modelHash: hash)
        return assignments.count
    }

    /// One unit vector per named topic: its seed phrases analysed as one document (phrases separated so no bigram
    /// spans two seeds) and projected with the LSA basis; a topic none of whose seeds is in the vocabulary gets a
    /// zero vector and is never chosen.
    func seedVectors(_ catalog: NamedTopicCatalog, space: VectorSpace) -> Matrix {
        let documents = catalog.topics.map { TextDocument(title: "", abstract: $0.seeds.joined(separator: ". ")) }
        return space.lsa.embed(space.tfidf.transform(documents))
    }
}

/// k-means results spread back over every paper: rows that were not clustered (zero embeddings) join the largest
/// cluster with similarity 0.
struct ClusterAssignment {
    var centroids: Matrix
    var assignments: [Int]
    var similarities: [Float]
    var clusterSizes: [Int]

    init(_ result: KMeansResult, rows: [Int], total: Int) {
        centroids = result.centroids
        clusterSizes = result.clusterSizes
        guard rows.count != total else {
            assignments = result.assignments
            similarities = result.similarities
            return
        }
        let sizes = result.clusterSizes
        let largest = sizes.indices.max { sizes[$0] < sizes[$1] } ?? 0
        assignments = [Int](repeating: largest, count: total)
        similarities = [Float](repeating: 0, count: total)
        for (i, row) in rows.enumerated() {
            assignments[row] = result.assignments[i]
            similarities[row] = result.similarities[i]
        }
        clusterSizes[largest] += total - rows.count
    }
}

extension Matrix {
    /// Indices of the rows with a non-zero norm (unit rows, as embeddings are).
    func nonzeroRowIndices() -> [Int] {
        rowNorms().enumerated().filter { $0.element > 0.5 }.map(\.offset)
    }
}
