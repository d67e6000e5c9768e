import LinearAlgebra
import PaperRadarCore
import Recommendation
import Store
import TextFeatures

/// Related papers of one stored paper without loading the space: candidates from the stored neighbour index
/// (``NeighbourIndex``) and from the vectors folded in since the fit, re-scored and explained exactly as
/// ``RelatedQueries`` does.
///
/// On a store of 2.6 M papers `related ID` reads the TF-IDF model, a few percent of the indexed vectors and the
/// candidates' rows, instead of 6 GB of vectors. The candidates are those of the nearest lists: approximate, with
/// recall measured by `paperradar bench index` against the exact scan. A query: it writes nothing.
public struct IndexedRelatedQueries {
    public let store: PaperStore
    public let tfidf: TFIDFModel
    let index: NeighbourIndexFile
    /// The rows folded in after the fit (not in the index; they replace a paper's indexed rows).
    let later: LaterRows
    /// The least share of the indexed papers a query scores (nearest lists first).
    public var scanShare: Double = 1.0 / 16
    /// The least number of indexed papers a query scores (all of them in a store up to this size: exact).
    public var minimumScan = 65_536
    /// The most rows folded in since the fit for which the index is used (beyond, the space is loaded: a refit
    /// is due anyway).
    public static let maximumLaterRows = 200_000

    /// Papers in the index.
    public var indexedCount: Int { index.count }
    /// Lists in the index.
    public var listCount: Int { index.listCount }
    /// The least number of indexed papers a query scores.
    public var scanBudget: Int { min(index.count, max(minimumScan, Int((Double(index.count) * scanShare).rounded(.up)))) }

    /// The index of the current models, or `nil` when there is none the store can use now: no index (a store
    /// fitted before it existed, an imported TF-IDF model, an in-memory store), or papers stored since the fit
    /// that are not folded in yet (loading the space folds them in).
    public init?(store: PaperStore) throws {
        let infos = try store.currentModelInfos()
        guard let tfidfHash = infos[ModelRepository.Kind.tfidf]?.contentHash,
            let lsaHash = infos[ModelRepository.Kind.lsa]?.contentHash,
            let index = try store.neighbourIndex(lsaHash: lsaHash, tfidfHash: tfidfHash)
        else { return nil }
        guard let later = try LaterRows(store: store, tfidfHash: tfidfHash, lsaHash: lsaHash, index: index) else {
            return nil
        }
        let model = try ModelRepository(store: store).requireTFIDF()
        guard model.contentHash == tfidfHash, model.featureCount == index.tfidfColumns else { return nil }
        self.store = store
        self.tfidf = model
        self.index = index
        self.later = later
    }

    /// The `top` papers most related to a stored paper (never itself), or `nil` when the paper has no vectors
    /// here (not stored, or stored since the models were read).
    public func related(to id: ArxivID, top: Int) throws -> RelatedResult? {
        precondition(top >= 1, "at least one result")
        let k = index.viewDimension
        let queryEntry: Int?
        let queryView: [Float]
        let queryRow: (indices: [Int32], values: [Float])
        if let row = later.rowOf[id] {
            queryEntry = nil
            queryView = later.view.row(row)
            queryRow = later.tfidfRow(row)
        } else if let entry = try index.entry(of: id) {
            queryEntry = entry
            queryView = try index.vectors(entry..<(entry + 1))
            queryRow = try index.tfidfRow(ofEntry: entry)
        } else {
            return nil
        }
        let wanted = top * RelatedPapers.defaultCandidateFactor
        // Indexed candidates: a few more than wanted, for those a later row replaces.
        var best = Shortlist(capacity: wanted + min(later.ids.count, wanted))
        let centroidScores = Matrix(rows: index.listCount, columns: k, storage: index.centroids).multiplied(by: queryView)
        let lists = centroidScores.indices.sorted { (centroidScores[$0], $1) > (centroidScores[$1], $0) }
        let budget = scanBudget
        var scanned = 0
        for list in lists where scanned < budget {
            let entries = index.listOffsets[list]..<index.listOffsets[list + 1]
            guard !entries.isEmpty else { continue }
            let vectors = Matrix(rows: entries.count, columns: k, storage: try index.vectors(entries))
            for (offset, score) in vectors.multiplied(by: queryView).enumerated() where entries.lowerBound + offset != queryEntry {
                best.offer(entries.lowerBound + offset, score)
            }
            scanned += entries.count
        }
        // Candidates: indexed entries whose paper has no later row, and the later rows, best first.
        var candidates: [(score: Float, view: [Float], row: (indices: [Int32], values: [Float]), id: ArxivID)] = []
        for (entry, score) in best.items {
            guard let entryID = try index.id(ofEntry: entry), later.rowOf[entryID] == nil else { continue }
            candidates.append((score, try index.vectors(entry..<(entry + 1)), try index.tfidfRow(ofEntry: entry), entryID))
        }
        if later.view.rows > 0 {
            for (row, score) in later.view.multiplied(by: queryView).enumerated() where later.ids[row] != id {
                candidates.append((score, later.view.row(row), later.tfidfRow(row), later.ids[row]))
            }
        }
        candidates.sort { $0.score > $1.score }
        candidates = Array(candidates.prefix(wanted))
        // The exact stage of ``RelatedPapers`` on the candidates alone.
        var offsets = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        for candidate in candidates {
            columns += candidate.row.indices
            values += candidate.row.values
            offsets.append(values.count)
        }
        let local = RelatedPapers(
            embeddings: Matrix(rows: candidates.count, columns: k, storage: candidates.flatMap(\.view)),
            tfidf: SparseMatrix(
                rows: candidates.count, columns: tfidf.featureCount, rowOffsets: offsets, columnIndices: columns,
                values: values),
            vocabulary: tfidf.vocabulary)
        let query = SparseMatrix(
            rows: 1, columns: tfidf.featureCount, rowOffsets: [0, queryRow.values.count], columnIndices: queryRow.indices,
            values: queryRow.values)
        let found = local.related(queryEmbeddings: Matrix(rows: 1, columns: k, storage: queryView), queryRows: query, top: top)[0]
        let result = RelatedResult(
            query: id,
            items: found.map {
                RelatedResult.Item(
                    id: candidates[$0.index].id, score: $0.score, semanticScore: $0.semanticScore, sharedTerms: $0.sharedTerms)
            })
        return try RelatedQueries.readable([result], model: tfidf, store: store, known: [:], queryText: nil)[0]
    }
}

/// The `capacity` best (entry, score) pairs offered, best first (ties: the lower entry).
private struct Shortlist {
    let capacity: Int
    private(set) var items: [(entry: Int, score: Float)] = []

    init(capacity: Int) { self.capacity = capacity }

    mutating func offer(_ entry: Int, _ score: Float) {
        if items.count == capacity, let last = items.last, score <= last.score { return }
        let at = items.firstIndex { score > $0.score } ?? items.count
        items.insert((entry, score), at: at)
        if items.count > capacity { items.removeLast() }
    }
}

/// The rows stored after the fit's block (each paper's latest), with their neighbour view.
struct LaterRows {
    var ids: [ArxivID]
    var rowOf: [ArxivID: Int]
    var view: Matrix
    var tfidf: SparseMatrix

    /// `nil` when there are too many, or when a paper was stored or changed after the index without being folded
    /// in (its current text has no vectors yet).
    init?(store: PaperStore, tfidfHash: String, lsaHash: String, index: NeighbourIndexFile) throws {
        let limit = IndexedRelatedQueries.maximumLaterRows
        var tfidfBlocks = try store.laterVectorBlocks(modelHash: tfidfHash, maxRows: limit)
        var lsaBlocks = try store.laterVectorBlocks(modelHash: lsaHash, maxRows: limit)
        guard tfidfBlocks.rows <= limit, lsaBlocks.rows <= limit else { return nil }
        guard tfidfBlocks.blocks.allSatisfy({ $0.isSparse && $0.width <= index.tfidfColumns }),
            lsaBlocks.blocks.allSatisfy({ !$0.isSparse && $0.width == index.embeddingDimension })
        else { throw PipelineError("a stored vector block does not fit the models: run `paperradar fit`") }
        let rows = try StoredRows(
            tfidfBlocks: &tfidfBlocks.blocks, lsaBlocks: &lsaBlocks.blocks, tfidfWidth: index.tfidfColumns,
            dimension: index.embeddingDimension)
        var rowOf: [ArxivID: Int] = [:]
        for (row, id) in rows.ids.enumerated() { rowOf[id] = row }
        // Every text stored since the index must have its vectors here.
        let changed = try store.texts(after: index.textSequence)
        guard changed.count <= limit else { return nil }
        for (id, sequence) in changed {
            guard let row = rowOf[id], rows.sequenceOfRow[row] >= sequence else { return nil }
        }
        ids = rows.ids
        self.rowOf = rowOf
        view = LSAModel.neighbourView(of: rows.embeddings, weights: index.weights)
        tfidf = rows.tfidfRows
    }

    func tfidfRow(_ row: Int) -> (indices: [Int32], values: [Float]) {
        let range = tfidf.rowOffsets[row]..<tfidf.rowOffsets[row + 1]
        return (Array(tfidf.columnIndices[range]), Array(tfidf.values[range]))
    }
}
