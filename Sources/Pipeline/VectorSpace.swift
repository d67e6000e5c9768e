import LinearAlgebra
import PaperRadarCore
import TextFeatures
import Topics

/// Every stored paper as vectors under one consistent set of models: TF-IDF rows, LSA embeddings, their neighbour
/// view, and the paper's topic.
///
/// Built once (``ModelRepository/openSpace()`` or a fit) and passed to every query and report; extended in place
/// with the papers a digest brings (``ModelRepository/extend(_:with:)``). Agreement of the models (the LSA basis
/// over this TF-IDF model, the topics over this basis, one row per paper everywhere) is checked once, here.
public struct VectorSpace: Sendable {
    public let tfidf: TFIDFModel
    public let lsa: LSAModel
    /// The named topics of models/topics.toml.
    public let catalog: NamedTopicCatalog
    /// One unit vector per named topic in the embeddings' space (its seed phrases analysed as one document and
    /// projected; zero when none of its seeds is in the vocabulary).
    public let seedVectors: Matrix
    /// Paper ids, the row order of every matrix.
    public private(set) var ids: [ArxivID]
    private var rowOfID: [ArxivID: Int]
    /// n × m unit TF-IDF rows.
    public private(set) var tfidfRows: SparseMatrix
    /// n × d unit LSA embeddings (clustering, topics).
    public private(set) var embeddings: Matrix
    /// The neighbour view of the embeddings (``LSAModel/neighbourView(of:dimensions:spectralPower:)``): related
    /// papers are found in it.
    public private(set) var neighbours: Matrix
    /// The topics over this basis, when fitted.
    public private(set) var topics: SpaceTopics?
    /// Every stored paper whose text sequence number (see the store's `TextSequence`) is at most this has its
    /// current text's vectors here.
    public internal(set) var textSequence: Int64
    /// How many vector blocks the store holds for these models (compaction is due when they pile up).
    var storedBlockCount: Int

    /// - Throws: ``PipelineError`` when the models or the rows do not agree (a store that needs `paperradar fit`).
    init(
        tfidf: TFIDFModel, lsa: LSAModel, catalog: NamedTopicCatalog, ids: [ArxivID], tfidfRows: SparseMatrix,
        embeddings: Matrix, topics: SpaceTopics?, textSequence: Int64, storedBlockCount: Int
    ) throws {
        guard lsa.tfidfHash == tfidf.contentHash else {
            throw PipelineError("the LSA model belongs to another TF-IDF model: run `paperradar fit`")
        }
        guard tfidfRows.rows == ids.count, embeddings.rows == ids.count, tfidfRows.columns == tfidf.featureCount,
            embeddings.columns == lsa.dimension
        else {
            throw PipelineError(
                "stored vectors are out of step (\(tfidfRows.rows) TF-IDF rows and \(embeddings.rows) embeddings for "
                    + "\(ids.count) papers): run `paperradar fit`")
        }
        if let topics {
            guard topics.model.lsaHash == lsa.contentHash, topics.topicOfRow.count == ids.count else {
                throw PipelineError("the topics belong to another model: run `paperradar topics --k auto`")
            }
        }
        var rowOfID: [ArxivID: Int] = [:]
        rowOfID.reserveCapacity(ids.count)
        for (row, id) in ids.enumerated() {
            guard rowOfID.updateValue(row, forKey: id) == nil else {
                throw PipelineError("paper \(id) has two rows of vectors: run `paperradar fit`")
            }
        }
        self.tfidf = tfidf
        self.lsa = lsa
        self.catalog = catalog
        let documents = catalog.topics.map { TextDocument(title: "", abstract: $0.seeds.joined(separator: ". ")) }
        seedVectors = lsa.embed(tfidf.transform(documents))
        self.ids = ids
        self.rowOfID = rowOfID
        self.tfidfRows = tfidfRows
        self.embeddings = embeddings
        neighbours = lsa.neighbourView(of: embeddings)
        self.topics = topics
        self.textSequence = textSequence
        self.storedBlockCount = storedBlockCount
    }

    /// The number of papers.
    public var count: Int { ids.count }

    /// The row of a paper, if it is in the space.
    public func row(of id: ArxivID) -> Int? { rowOfID[id] }

    /// A hash naming both models, printed on reports so two reports can be compared.
    public var modelHash: String { "\(tfidf.contentHash)+\(lsa.contentHash)" }

    /// The topic of the paper at `row`, when topics are fitted.
    public func topic(ofRow row: Int) -> TopicModel.Topic? {
        guard let topics else { return nil }
        return topics.model.topic(id: topics.topicOfRow[row])
    }

    /// Adds rows for new papers and replaces the rows of papers already here (their text changed).
    ///
    /// - Complexity: amortised O(added rows) when no row is replaced (the arrays are appended in place); a
    ///   replacement rebuilds the TF-IDF rows, O(nnz).
    mutating func upsertRows(
        ids added: [ArxivID], tfidfRows rows: SparseMatrix, embeddings vectors: Matrix, topics assigned: [(Int, Float)]?
    ) {
        precondition(rows.rows == added.count && vectors.rows == added.count, "one row per paper")
        precondition((assigned?.count ?? added.count) == added.count, "one topic per paper")
        let view = lsa.neighbourView(of: vectors)
        var appended: [Int] = []
        var replacedTargets: [Int] = []
        var replacedSources: [Int] = []
        for (k, id) in added.enumerated() {
            if let row = rowOfID[id] {
                replacedTargets.append(row)
                replacedSources.append(k)
            } else {
                appended.append(k)
            }
        }
        if !replacedTargets.isEmpty {
            tfidfRows = tfidfRows.replacingRows(replacedTargets, with: rows.selectingRows(replacedSources))
            for (target, source) in zip(replacedTargets, replacedSources) {
                embeddings.replaceRow(target, with: vectors, row: source)
                neighbours.replaceRow(target, with: view, row: source)
                if let assigned { topics?.assign(row: target, to: assigned[source]) }
            }
        }
        guard !appended.isEmpty else { return }
        let all = appended.count == added.count
        tfidfRows.appendRows(all ? rows : rows.selectingRows(appended))
        embeddings.appendRows(all ? vectors : vectors.selectingRows(appended))
        neighbours.appendRows(all ? view : view.selectingRows(appended))
        for k in appended {
            rowOfID[added[k]] = ids.count
            ids.append(added[k])
            if let assigned { topics?.append(assigned[k]) }
        }
    }

    /// Installs newly fitted topics.
    mutating func replaceTopics(_ new: SpaceTopics) {
        precondition(new.model.lsaHash == lsa.contentHash && new.topicOfRow.count == ids.count, "topics of this space")
        topics = new
    }
}

/// The topics of a space: the fitted model and each row's topic.
public struct SpaceTopics: Sendable {
    public let model: TopicModel
    /// The hash the topics are stored under.
    public let hash: String
    /// The stable topic id of each row.
    public private(set) var topicOfRow: [Int]
    /// Each row's cosine to its topic's centroid.
    public private(set) var similarityOfRow: [Float]

    init(model: TopicModel, hash: String, topicOfRow: [Int], similarityOfRow: [Float]) {
        precondition(topicOfRow.count == similarityOfRow.count, "one similarity per row")
        self.model = model
        self.hash = hash
        self.topicOfRow = topicOfRow
        self.similarityOfRow = similarityOfRow
    }

    /// The topic of each of `embeddings`' rows: the nearest centroid by cosine; a zero embedding joins the largest
    /// topic with similarity 0.
    ///
    /// - Complexity: one GEMM, O(n·d·k).
    func nearest(_ embeddings: Matrix) -> [(topic: Int, similarity: Float)] {
        guard embeddings.rows > 0, !model.topics.isEmpty else { return [] }
        let centroids = Matrix(model.centroids)
        let scores = embeddings.multiplied(by: centroids, transposeOther: true)
        let largest = model.topics.indices.max { model.topics[$0].size < model.topics[$1].size } ?? 0
        return (0..<embeddings.rows).map { i in
            var best = largest
            var bestScore: Float = 0
            for c in 0..<centroids.rows where scores[i, c] > bestScore {
                best = c
                bestScore = scores[i, c]
            }
            return (model.topics[best].id, bestScore)
        }
    }

    mutating func assign(row: Int, to assignment: (Int, Float)) {
        topicOfRow[row] = assignment.0
        similarityOfRow[row] = assignment.1
    }

    mutating func append(_ assignment: (Int, Float)) {
        topicOfRow.append(assignment.0)
        similarityOfRow.append(assignment.1)
    }
}
