import Clustering
import LinearAlgebra
import PaperRadarCore

/// How many topics to fit.
public enum TopicCount: Sendable, Hashable {
    case fixed(Int)
    /// Chosen by silhouette and stability across seeds on a sample (the curve is kept).
    case auto
}

/// A topic fit that cannot be done, with a message a user can act on.
public struct TopicFitError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Fits topics to a space of papers: spherical k-means on the embeddings (k fixed or chosen), class-based TF-IDF
/// labels, named topics from the catalog, central and bridge papers, and ids kept from the previous topics.
///
/// Pure: papers come in as matrices (rows in one order everywhere) and the result is a value; storing it is the
/// caller's business. Papers whose embedding is zero (no word in the vocabulary) are clustered with nobody and
/// join the largest topic with similarity 0.
public struct TopicFitter: Sendable {
    public var count: TopicCount
    public var seed: UInt64
    public var catalog: NamedTopicCatalog

    public init(count: TopicCount, seed: UInt64 = 0, catalog: NamedTopicCatalog) {
        self.count = count
        self.seed = seed
        self.catalog = catalog
    }

    /// What the topics are fitted on, one row per paper in the same order.
    public struct Input: Sendable {
        /// The paper id of each row (topics name their central and bridge papers by id).
        public var ids: [String]
        /// n × d unit embeddings.
        public var embeddings: Matrix
        /// n × m unit TF-IDF rows.
        public var tfidfRows: SparseMatrix
        /// Term strings by TF-IDF column.
        public var vocabulary: [String]
        /// One unit vector per named topic of the catalog, in the embeddings' space (zero when none of its seeds
        /// is in the vocabulary).
        public var seedVectors: Matrix
        /// The identity of the embeddings' model, recorded in the topics.
        public var lsaHash: String
        /// The previous topics and each row's topic under them (nil for rows they did not cover), so that
        /// persisting topics keep their ids.
        public var previous: (model: TopicModel, topicOfRow: [Int?])?

        public init(
            ids: [String], embeddings: Matrix, tfidfRows: SparseMatrix, vocabulary: [String], seedVectors: Matrix, lsaHash: String,
            previous: (model: TopicModel, topicOfRow: [Int?])?
        ) {
            precondition(embeddings.rows == ids.count && tfidfRows.rows == ids.count, "one row per paper")
            precondition(vocabulary.count == tfidfRows.columns, "the vocabulary names every column")
            precondition(seedVectors.columns == embeddings.columns, "seed vectors live in the embeddings' space")
            precondition(previous.map { $0.topicOfRow.count == embeddings.rows } ?? true, "one previous topic per row")
            self.ids = ids
            self.embeddings = embeddings
            self.tfidfRows = tfidfRows
            self.vocabulary = vocabulary
            self.seedVectors = seedVectors
            self.lsaHash = lsaHash
            self.previous = previous
        }
    }

    /// The fitted topics.
    public struct Fit: Sendable {
        public var model: TopicModel
        /// The stable topic id of every row.
        public var topicOfRow: [Int]
        /// Each row's cosine to its topic's centroid.
        public var similarityOfRow: [Float]
        /// Each row's cosine to every named topic (catalog order).
        public var namedSimilarities: NamedTopicSimilarity
        /// What happened to each topic since the previous fit, with the topic's name (new or old).
        public var events: [(event: TopicEvent, name: String?)]
    }

    /// Candidate ks for `--k auto`, scaled to the corpus: at least ~5 papers per topic, at most 50 topics, and at
    /// least √(n/20) topics (capped at 12) so that a large store is not summarised by a handful of topics (on
    /// text the silhouette keeps rising with k while stability falls, which favours the smallest candidates).
    public static func autoCandidates(paperCount n: Int) -> [Int] {
        let smallest = min(12, max(2, Int((Double(n) / 20).squareRoot())))
        let wide = [4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 50].filter { $0 * 5 <= n && $0 >= smallest }
        if wide.count >= 2 { return wide }
        return [2, 3, 4, 5, 6].filter { $0 * 3 <= n }
    }

    /// Fits the topics.
    ///
    /// - Parameter readableTerms: the words readers write for a topic's stemmed top terms, given the rows of its 20
    ///   most central papers (their texts hold the surface forms).
    /// - Throws: ``TopicFitError`` when fewer than 2 papers have an embedding, or a fixed k is out of range.
    /// - Complexity: that of ``SphericalKMeans`` (and ``KSelection`` for `auto`), plus O(nnz) for the labels.
    public func fit(_ input: Input, readableTerms: (_ stems: [String], _ centralRows: [Int]) -> [String]) throws -> Fit {
        let n = input.embeddings.rows
        let clustered = input.embeddings.nonzeroRowIndices()
        guard clustered.count >= 2 else {
            throw TopicFitError(
                "topics need at least 2 papers with text in the model's vocabulary, found \(clustered.count)")
        }
        let points = clustered.count == n ? input.embeddings : input.embeddings.selectingRows(clustered)
        var curve: [TopicModel.KPoint] = []
        let k: Int
        switch count {
        case .fixed(let value):
            guard value >= 1 && value <= clustered.count else {
                throw TopicFitError("--k must be between 1 and \(clustered.count) (the papers)")
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
            tfidf: input.tfidfRows, assignments: clusters.assignments, clusterCount: k, vocabulary: input.vocabulary)
        let centrality = TopicCentrality(
            embeddings: input.embeddings, centroids: clusters.centroids, assignments: clusters.assignments)
        let central = centrality.centralPapers(count: 5)
        // Terms as readers write them (`retrieval passages`, not the stems `retriev passag`), from the words of
        // each topic's 20 most central papers.
        let readingRows = centrality.centralPapers(count: 20)
        let topTerms = stemmedTopTerms.indices.map { c in
            let readable = readableTerms(stemmedTopTerms[c].map(\.term), readingRows[c].map(\.paper))
            return zip(stemmedTopTerms[c], readable).map { term, text in
                var term = term
                term.term = text
                return term
            }
        }
        let labels = TopicNaming(catalog: catalog).label(
            centroids: clusters.centroids, seedVectors: input.seedVectors, topTerms: topTerms)
        let named = NamedTopicSimilarity(embeddings: input.embeddings, seedVectors: input.seedVectors)

        let matching = match(clusters, previous: input.previous, embeddings: input.embeddings)
        let topics = (0..<k).map { c in
            TopicModel.Topic(
                id: matching.ids[c], name: labels[c].name, namedTopicID: labels[c].namedTopicID,
                nameSimilarity: labels[c].similarity, size: clusters.clusterSizes[c],
                topTerms: topTerms[c].map(\.term), centralPapers: central[c].map { input.ids[$0.paper] })
        }
        let bridges = centrality.bridgePapers(limit: 20).map {
            TopicModel.Bridge(
                paper: input.ids[$0.paper], topicA: matching.ids[$0.topicA], topicB: matching.ids[$0.topicB],
                similarityA: $0.similarityA, similarityB: $0.similarityB)
        }
        let model = TopicModel(
            lsaHash: input.lsaHash, kChoice: count == .auto ? "auto" : "fixed", kCurve: curve, topics: topics,
            centroids: (0..<k).map(clusters.centroids.row), namedTopicIDs: catalog.topics.map(\.id), bridges: bridges,
            meanSimilarity: fitted.meanSimilarity, iterations: fitted.iterations.count, nextID: matching.nextID)
        var names = Dictionary(uniqueKeysWithValues: topics.map { ($0.id, $0.name) })
        for topic in input.previous?.model.topics ?? [] where names[topic.id] == nil { names[topic.id] = topic.name }
        return Fit(
            model: model, topicOfRow: clusters.assignments.map { matching.ids[$0] },
            similarityOfRow: clusters.similarities, namedSimilarities: named,
            events: matching.events.map { ($0, names[$0.id]) })
    }

    /// Stable ids: the previous topics, re-centred in today's space from their member papers, matched to the new
    /// centroids.
    private func match(
        _ clusters: ClusterAssignment, previous: (model: TopicModel, topicOfRow: [Int?])?, embeddings: Matrix
    ) -> TopicMatching {
        guard let previous else {
            return CentroidMatching().match(
                previousIDs: [], previousCentroids: Matrix(rows: 0, columns: embeddings.columns), previousSizes: [],
                currentCentroids: clusters.centroids, currentSizes: clusters.clusterSizes, nextID: 1)
        }
        let ids = previous.model.topics.map(\.id)
        let rowOfID = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var sums = Matrix(rows: ids.count, columns: embeddings.columns)
        for (paperRow, topic) in previous.topicOfRow.enumerated() {
            guard let topic, let topicRow = rowOfID[topic] else { continue }
            for j in 0..<sums.columns { sums[topicRow, j] += embeddings[paperRow, j] }
        }
        sums.normalizeRows()
        return CentroidMatching().match(
            previousIDs: ids, previousCentroids: sums, previousSizes: previous.model.topics.map(\.size),
            currentCentroids: clusters.centroids, currentSizes: clusters.clusterSizes, nextID: previous.model.nextID)
    }
}

/// k-means results spread back over every paper: rows that were not clustered (zero embeddings) join the largest
/// cluster with similarity 0.
public struct ClusterAssignment: Sendable {
    public var centroids: Matrix
    public var assignments: [Int]
    public var similarities: [Float]
    public var clusterSizes: [Int]

    public init(_ result: KMeansResult, rows: [Int], total: Int) {
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
    public func nonzeroRowIndices() -> [Int] {
        rowNorms().enumerated().filter { $0.element > 0.5 }.map(\.offset)
    }
}
