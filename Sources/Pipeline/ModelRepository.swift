import Foundation
import LinearAlgebra
import PaperRadarCore
import Store
import TextFeatures
import Topics

/// Loads and saves PaperRadar's models (TF-IDF, LSA, topics) and their vectors, and builds the vector space from
/// them: the one place that knows how models are encoded and stored.
public struct ModelRepository: Sendable {
    public let store: PaperStore

    public init(store: PaperStore) { self.store = store }

    /// Model kinds as stored.
    public enum Kind {
        public static let tfidf = "tfidf"
        public static let lsa = "lsa"
        public static let topics = "topics"
    }

    // MARK: - Models

    /// The current TF-IDF model, or `nil` before the first fit.
    public func currentTFIDF() throws -> TFIDFModel? {
        guard let stored = try store.currentModel(kind: Kind.tfidf) else { return nil }
        do {
            return try TFIDFModel(decoding: stored.data)
        } catch {
            throw PipelineError(
                "the stored TF-IDF model \(stored.contentHash) is unreadable (\(error)); run `paperradar fit` again")
        }
    }

    /// The current TF-IDF model, or an error telling the user to fit one.
    public func requireTFIDF() throws -> TFIDFModel {
        guard let model = try currentTFIDF() else { throw Self.noModel }
        return model
    }

    static let noModel = PipelineError("no model has been fitted yet: run `paperradar fit` (after `ingest` or `import`)")

    /// The current LSA model, or `nil` before the first fit.
    func currentLSA() throws -> LSAModel? {
        guard let stored = try store.currentModel(kind: Kind.lsa) else { return nil }
        do {
            return try LSAModel(decoding: stored.data, contentHash: stored.contentHash)
        } catch {
            throw PipelineError(
                "the stored LSA model \(stored.contentHash) is unreadable (\(error)); run `paperradar fit` again")
        }
    }

    /// The current topics and the hash they are stored under, or `nil` before the first fit.
    public func currentTopics() throws -> (model: TopicModel, hash: String)? {
        guard let stored = try store.currentModel(kind: Kind.topics) else { return nil }
        do {
            return (try JSONDecoder().decode(TopicModel.self, from: Data(stored.data)), stored.contentHash)
        } catch {
            throw PipelineError("the stored topics are unreadable (\(error)); run `paperradar topics --k auto`")
        }
    }

    /// A one-line description of a TF-IDF model, stored with it and shown by `stats` and reports.
    public static func summary(of model: TFIDFModel) -> String {
        let c = model.configuration
        let grams =
            c.ngramRange.lowerBound == c.ngramRange.upperBound
            ? "\(c.ngramRange.lowerBound)-grams" : "\(c.ngramRange.lowerBound)-\(c.ngramRange.upperBound)-grams"
        return "TF-IDF \(model.contentHash): \(model.featureCount) terms (\(grams), minDF \(c.minDF), "
            + "maxDF \(c.maxDF), \(c.stemming ? "stemmed" : "unstemmed"), title ×\(c.titleWeight), "
            + "prior \(Int(model.priorPseudoDocuments.rounded())) pseudo-documents), \(model.documentCount) papers"
    }

    /// A one-line description of an LSA model.
    static func summary(of model: LSAModel) -> String {
        let variance = model.singularValues.reduce(Float(0)) { $0 + $1 * $1 }
        return "LSA \(model.contentHash): \(model.dimension) dimensions over \(model.basis.rows) terms, "
            + "σ₁ \(String(format: "%.2f", model.singularValues.first ?? 0)), Σσ² \(String(format: "%.1f", variance))"
    }

    /// Saves a fitted TF-IDF model and LSA basis with every paper's vectors (one block each), in one transaction;
    /// they become the current models (the previous ones and their vectors are deleted).
    func save(
        tfidf: TFIDFModel, lsa: LSAModel, ids: [ArxivID], rows: SparseMatrix, embeddings: Matrix, textSequence: Int64
    ) throws {
        try store.saveModels([
            (
                StoredModel(
                    kind: Kind.tfidf, contentHash: tfidf.contentHash, paperCount: ids.count,
                    summary: Self.summary(of: tfidf), data: tfidf.encoded()),
                [Self.block(ids: ids, rows: rows, textSequence: textSequence)]
            ),
            (
                StoredModel(
                    kind: Kind.lsa, contentHash: lsa.contentHash, parentHash: lsa.tfidfHash, paperCount: ids.count,
                    summary: Self.summary(of: lsa), data: lsa.encoded()),
                [Self.block(ids: ids, embeddings: embeddings, textSequence: textSequence)]
            ),
        ])
    }

    /// Saves fitted topics (the model, every row's assignment and the refit's events) in one transaction.
    ///
    /// - Returns: the topics as the space carries them.
    func saveTopics(_ fit: TopicFitter.Fit, ids: [ArxivID]) throws -> SpaceTopics {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = [UInt8](try encoder.encode(fit.model))
        let hash = String(SHA256.hexDigest(data).prefix(16))
        let events = fit.events.map { event, name in
            TopicEventRecord(
                modelHash: hash, topicID: event.id, kind: event.kind.rawValue, name: name,
                previousSize: event.previousSize, size: event.currentSize)
        }
        let assignments = ids.indices.map { i in
            TopicAssignment(
                paperID: ids[i], topicID: fit.topicOfRow[i], similarity: fit.similarityOfRow[i],
                namedSimilarities: fit.namedSimilarities.similarities(ofPaper: i))
        }
        let k = fit.model.topics.count
        let names = fit.model.topics.sorted { $0.size > $1.size }.prefix(6).map(\.name).joined(separator: ", ")
        try store.saveTopics(
            StoredModel(
                kind: Kind.topics, contentHash: hash, parentHash: fit.model.lsaHash, paperCount: ids.count,
                summary: "\(k) topics (k \(fit.model.kChoice)): \(names)\(k > 6 ? ", …" : "")", data: data),
            assignments: assignments, events: events)
        return SpaceTopics(
            model: fit.model, hash: hash, topicOfRow: fit.topicOfRow, similarityOfRow: fit.similarityOfRow)
    }

    // MARK: - The space

    /// The space as stored, and the papers it lacks or holds outdated rows for.
    public struct StoredSpace: Sendable {
        public var space: VectorSpace
        /// Papers new or changed since their vectors were computed (or never folded in).
        public var outdated: [ArxivID]
        /// The highest text sequence number when the store was read.
        public var lastTextSequence: Int64
    }

    /// Reads the current models and their vectors (a pure read), or `nil` before the first fit.
    ///
    /// A refit in another process that replaces the models while they are read makes the read start over (up to
    /// three times), so the space is always one consistent set of models.
    ///
    /// - Throws: ``PipelineError`` when the stored models or vectors do not agree.
    /// - Complexity: O(stored vector bytes) to read the blocks, plus one indexed query for what changed since.
    public func storedSpace() throws -> StoredSpace? {
        for attempt in 1... {
            do {
                return try readStoredSpace()
            } catch let error as StoreError where error.isConcurrentChange && attempt < 3 {
                continue
            }
        }
        preconditionFailure("unreachable")
    }

    private func readStoredSpace() throws -> StoredSpace? {
        guard let tfidf = try currentTFIDF() else { return nil }
        guard let lsa = try currentLSA(), lsa.tfidfHash == tfidf.contentHash else {
            throw PipelineError("the LSA model is missing or belongs to another TF-IDF model: run `paperradar fit`")
        }
        let last = try store.lastTextSequence()
        var tfidfBlocks = try store.vectorBlocks(modelHash: tfidf.contentHash)
        var lsaBlocks = try store.vectorBlocks(modelHash: lsa.contentHash)
        let rows = try StoredRows(
            tfidfBlocks: &tfidfBlocks, lsaBlocks: &lsaBlocks, tfidfWidth: tfidf.featureCount, dimension: lsa.dimension)
        var topics: SpaceTopics?
        if let (model, hash) = try currentTopics(), model.lsaHash == lsa.contentHash {
            topics = try loadTopics(model, hash: hash, ids: rows.ids, embeddings: rows.embeddings)
        }
        let space = try VectorSpace(
            tfidf: tfidf, lsa: lsa, catalog: ModelInputs.bundledCatalog(), ids: rows.ids, tfidfRows: rows.tfidfRows,
            embeddings: rows.embeddings, topics: topics, textSequence: rows.coveredSequence,
            storedBlockCount: rows.blockCount)
        let changed = try store.texts(after: rows.coveredSequence)
        let outdated = changed.filter { id, sequence in
            guard let row = space.row(of: id) else { return true }
            return sequence > rows.sequenceOfRow[row]
        }.map(\.id)
        return StoredSpace(space: space, outdated: outdated, lastTextSequence: last)
    }

    /// The space with every stored paper: the stored vectors, plus those of papers new or changed since, computed
    /// with the frozen models and stored (a fold-in; refitting is explicit).
    ///
    /// - Throws: ``PipelineError`` before the first fit, or when the stored models or vectors do not agree.
    public func openSpace() throws -> VectorSpace {
        guard var stored = try storedSpace() else { throw Self.noModel }
        if stored.outdated.isEmpty {
            stored.space.textSequence = max(stored.space.textSequence, stored.lastTextSequence)
        } else {
            let found = try store.papers(ids: stored.outdated)
            try extend(&stored.space, with: stored.outdated.compactMap { found[$0] }, textSequence: stored.lastTextSequence)
        }
        return stored.space
    }

    /// Each row's stored topic; rows without one (folded in by an older version) get the nearest centroid.
    private func loadTopics(_ model: TopicModel, hash: String, ids: [ArxivID], embeddings: Matrix) throws -> SpaceTopics {
        let byID = try store.topicsOfPapers(modelHash: hash)
        var topics = SpaceTopics(
            model: model, hash: hash, topicOfRow: ids.map { byID[$0]?.0 ?? -1 },
            similarityOfRow: ids.map { byID[$0]?.1 ?? 0 })
        let missing = ids.indices.filter { byID[ids[$0]] == nil }
        if !missing.isEmpty {
            for (row, assignment) in zip(missing, topics.nearest(embeddings.selectingRows(missing))) {
                topics.assign(row: row, to: assignment)
            }
        }
        return topics
    }

    // MARK: - Fold-in

    /// Folds papers into the space with its frozen models: computes their TF-IDF rows, embeddings and nearest
    /// topics, stores them (one block per model, plus the topic assignments), and adds their rows to the space (a
    /// paper already in it has its rows replaced). The space then covers every text up to `textSequence`.
    ///
    /// This is the one fold-in path: after ingesting, after a refit (papers stored while it ran), and when a
    /// command opens the space.
    ///
    /// - Throws: ``StoreError`` when the space's models are no longer in the store (a refit replaced them).
    /// - Complexity: O(nnz(new rows)·d) for the embeddings, plus amortised O(new rows) to append them.
    public func extend(_ space: inout VectorSpace, with papers: [Paper], textSequence: Int64) throws {
        defer { space.textSequence = max(space.textSequence, textSequence) }
        guard !papers.isEmpty else { return }
        let ids = papers.map(\.id)
        let rows = space.tfidf.transform(papers)
        let embeddings = space.lsa.embed(rows)
        let assigned = space.topics?.nearest(embeddings)
        try store.appendVectorBlocks([
            (space.tfidf.contentHash, Self.block(ids: ids, rows: rows, textSequence: textSequence)),
            (space.lsa.contentHash, Self.block(ids: ids, embeddings: embeddings, textSequence: textSequence)),
        ])
        if let topics = space.topics, let assigned {
            let named = NamedTopicSimilarity(embeddings: embeddings, seedVectors: space.seedVectors)
            try store.addTopicAssignments(
                ids.indices.map {
                    TopicAssignment(
                        paperID: ids[$0], topicID: assigned[$0].topic, similarity: assigned[$0].similarity,
                        namedSimilarities: named.similarities(ofPaper: $0))
                }, modelHash: topics.hash)
        }
        space.upsertRows(ids: ids, tfidfRows: rows, embeddings: embeddings, topics: assigned?.map { ($0.topic, $0.similarity) })
        space.storedBlockCount += 1
        if space.storedBlockCount > Self.compactionThreshold {
            try store.mergeLaterVectorBlocks(modelHashes: [space.tfidf.contentHash, space.lsa.contentHash])
            space.storedBlockCount = 2
        }
    }

    /// Folds in what a digest brought (its new and changed papers, and any paper not yet in the space), then
    /// whatever else was stored since the space was last brought up to date (another process's ingest).
    ///
    /// The digest's papers are used as ingesting returned them: they are not read again.
    public func extend(_ space: inout VectorSpace, with digest: IngestedDigest) throws {
        let fresh = digest.papers.indices.filter { digest.changes[$0] != .unchanged || space.row(of: digest.papers[$0].id) == nil }
        var covered = space.textSequence
        if let drawn = digest.textSequences, drawn.lowerBound == space.textSequence + 1 { covered = drawn.upperBound }
        try extend(&space, with: fresh.map { digest.papers[$0] }, textSequence: covered)
        try catchUp(&space, excluding: digest.textSequences)
    }

    /// Folds in every paper stored (or changed) since the space was last brought up to date.
    ///
    /// - Parameter excluded: text sequence numbers already folded in by the caller.
    public func catchUp(_ space: inout VectorSpace, excluding excluded: ClosedRange<Int64>? = nil) throws {
        let last = try store.lastTextSequence()
        guard last > space.textSequence else { return }
        let changed = try store.texts(after: space.textSequence, excluding: excluded).map(\.id)
        let found = try store.papers(ids: changed)
        try extend(&space, with: changed.compactMap { found[$0] }, textSequence: last)
    }

    /// Blocks per model beyond which the vectors are rewritten as one block.
    static let compactionThreshold = 64

    // MARK: - Blocks

    static func block(ids: [ArxivID], rows: SparseMatrix, textSequence: Int64) -> VectorBlock {
        VectorBlock(
            ids: ids, width: rows.columns, offsets: rows.rowOffsets, indices: rows.columnIndices, values: rows.values,
            textSequence: textSequence)
    }

    static func block(ids: [ArxivID], embeddings: Matrix, textSequence: Int64) -> VectorBlock {
        VectorBlock(ids: ids, width: embeddings.columns, values: embeddings.storage, textSequence: textSequence)
    }
}

/// The rows of the stored vector blocks of a TF-IDF model and its LSA basis, assembled: later blocks replace a
/// paper's earlier rows, and a paper needs rows under both models to be in.
struct StoredRows {
    var ids: [ArxivID]
    var tfidfRows: SparseMatrix
    var embeddings: Matrix
    /// The text sequence number each row's blocks cover (the lower of the two).
    var sequenceOfRow: [Int64]
    /// Every paper with a text sequence number up to this has current rows (the lowest over the blocks).
    var coveredSequence: Int64
    var blockCount: Int

    /// Takes the blocks' arrays over (the blocks are left empty).
    init(tfidfBlocks: inout [VectorBlock], lsaBlocks: inout [VectorBlock], tfidfWidth: Int, dimension: Int) throws {
        for block in tfidfBlocks where !block.isSparse || block.width > tfidfWidth {
            throw PipelineError("a stored TF-IDF vector block does not fit the model: run `paperradar fit`")
        }
        for block in lsaBlocks where block.isSparse || block.width != dimension {
            throw PipelineError("a stored embedding block does not fit the LSA model: run `paperradar fit`")
        }
        blockCount = max(tfidfBlocks.count, lsaBlocks.count)
        coveredSequence = (tfidfBlocks + lsaBlocks).map(\.textSequence).min() ?? 0
        // The usual case: the two models' blocks paired (a fit's, then one per digest). The first block's arrays
        // are taken over and the later blocks' rows appended where they are (file blocks are read with spare room)
        // or written over a paper's earlier row, instead of holding every block and a copy of them all at once.
        if !tfidfBlocks.isEmpty, tfidfBlocks.count == lsaBlocks.count, zip(tfidfBlocks, lsaBlocks).allSatisfy({ $0.ids == $1.ids }) {
            (ids, tfidfRows, embeddings, sequenceOfRow) = Self.assemblePaired(
                &tfidfBlocks, &lsaBlocks, tfidfWidth: tfidfWidth, dimension: dimension)
            return
        }
        // Where each paper's latest row is, under each model.
        var latestTFIDF: [ArxivID: (block: Int, row: Int)] = [:]
        for (b, block) in tfidfBlocks.enumerated() {
            for (r, id) in block.ids.enumerated() { latestTFIDF[id] = (b, r) }
        }
        var latestLSA: [ArxivID: (block: Int, row: Int)] = [:]
        var order: [ArxivID] = []
        for (b, block) in lsaBlocks.enumerated() {
            for (r, id) in block.ids.enumerated() {
                if latestLSA.updateValue((b, r), forKey: id) == nil { order.append(id) }
            }
        }
        ids = order.filter { latestTFIDF[$0] != nil }
        var offsets = [0]
        var indices: [Int32] = []
        var values: [Float] = []
        var storage: [Float] = []
        // An eighth of spare room, as for a single block (``VectorBlock``): digests append in place.
        let nonzeros = tfidfBlocks.reduce(0) { $0 + $1.values.count }
        offsets.reserveCapacity(ids.count + 1 + ids.count / 8)
        indices.reserveCapacity(nonzeros + nonzeros / 8)
        values.reserveCapacity(nonzeros + nonzeros / 8)
        storage.reserveCapacity(ids.count * dimension + ids.count * dimension / 8)
        sequenceOfRow = []
        sequenceOfRow.reserveCapacity(ids.count)
        for id in ids {
            guard let t = latestTFIDF[id], let l = latestLSA[id] else { continue }
            let sparse = tfidfBlocks[t.block]
            let range = (sparse.offsets?[t.row] ?? 0)..<(sparse.offsets?[t.row + 1] ?? 0)
            indices.append(contentsOf: sparse.indices?[range] ?? [])
            values.append(contentsOf: sparse.values[range])
            offsets.append(values.count)
            let dense = lsaBlocks[l.block]
            storage.append(contentsOf: dense.values[(l.row * dimension)..<((l.row + 1) * dimension)])
            sequenceOfRow.append(min(sparse.textSequence, dense.textSequence))
        }
        tfidfRows = SparseMatrix(
            rows: ids.count, columns: tfidfWidth, rowOffsets: offsets, columnIndices: indices, values: values)
        embeddings = Matrix(rows: ids.count, columns: dimension, storage: storage)
    }

    /// Assembles paired blocks in place: rows in order of each paper's first appearance, each with its latest
    /// block's values (the same result as the general path).
    ///
    /// - Complexity: O(total rows) lookups in a dictionary of the later blocks' papers only; O(nnz) once more when a
    ///   later block replaces rows of an earlier one (the TF-IDF rows are rebuilt then).
    private static func assemblePaired(
        _ tfidfBlocks: inout [VectorBlock], _ lsaBlocks: inout [VectorBlock], tfidfWidth: Int, dimension: Int
    ) -> (ids: [ArxivID], rows: SparseMatrix, embeddings: Matrix, sequenceOfRow: [Int64]) {
        let empty = VectorBlock(ids: [], width: 0, offsets: [0], indices: [], values: [], textSequence: 0)
        func sparse(_ block: VectorBlock) -> SparseMatrix {
            SparseMatrix(
                rows: block.rowCount, columns: tfidfWidth, rowOffsets: block.offsets ?? [0],
                columnIndices: block.indices ?? [], values: block.values)
        }
        // The latest (block, row) of every paper a later block holds.
        var latest: [ArxivID: (block: Int, row: Int)] = [:]
        for b in tfidfBlocks.indices.dropFirst() {
            for (r, id) in tfidfBlocks[b].ids.enumerated() { latest[id] = (b, r) }
        }
        var first = tfidfBlocks[0]
        tfidfBlocks[0] = empty  // `first` holds the only reference to the arrays, then `rows` and `storage` do
        var storage = lsaBlocks[0].values
        lsaBlocks[0].values = []
        var ids = first.ids
        var sequenceOfRow = Array(repeating: min(first.textSequence, lsaBlocks[0].textSequence), count: first.rowCount)
        var rows = sparse(first)
        first = empty
        // Rows already in the space that a later block holds too.
        var rowOf: [ArxivID: Int] = [:]
        if !latest.isEmpty {
            for (row, id) in ids.enumerated() where latest[id] != nil { rowOf[id] = row }
        }
        var replacedRows: [Int] = []
        var replacements: [(block: Int, row: Int)] = []
        for b in tfidfBlocks.indices.dropFirst() {
            let t = tfidfBlocks[b], l = lsaBlocks[b]
            let sequence = min(t.textSequence, l.textSequence)
            for (r, id) in t.ids.enumerated() {
                let isLatest = latest[id]! == (b, r)
                if let row = rowOf[id] {
                    guard isLatest else { continue }
                    storage.withUnsafeMutableBufferPointer { target in
                        for c in 0..<dimension { target[row * dimension + c] = l.values[r * dimension + c] }
                    }
                    sequenceOfRow[row] = sequence
                    replacedRows.append(row)
                    replacements.append((b, r))
                } else {
                    rowOf[id] = ids.count
                    ids.append(id)
                    storage.append(contentsOf: l.values[(r * dimension)..<((r + 1) * dimension)])
                    sequenceOfRow.append(sequence)
                    rows.appendRows(sparse(t).selectingRows([r]))
                }
            }
        }
        if !replacedRows.isEmpty {
            var replacement = SparseMatrix(rows: 0, columns: tfidfWidth, rowOffsets: [0], columnIndices: [], values: [])
            for (b, r) in replacements { replacement.appendRows(sparse(tfidfBlocks[b]).selectingRows([r])) }
            rows = rows.replacingRows(replacedRows, with: replacement)
        }
        tfidfBlocks = []
        lsaBlocks = []
        return (ids, rows, Matrix(rows: ids.count, columns: dimension, storage: storage), sequenceOfRow)
    }
}
