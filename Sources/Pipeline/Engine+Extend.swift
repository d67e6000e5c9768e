import LinearAlgebra
import PaperRadarCore
import Store

extension Engine {
    /// The space extended with the papers stored since it was built: their vectors are computed with the space's
    /// frozen models, stored, and they are given their nearest topic, so related-paper searches cover them.
    ///
    /// This is the daemon's per-digest step: it reads only the new papers' vectors, never the whole store. When
    /// the current models are no longer the space's (a refit happened), the space is returned unchanged; load a
    /// fresh one with ``vectorSpace()``.
    ///
    /// - Complexity: O(n) to merge ids, plus O(new papers) to fold them in; copying the matrices is O(n·d) only
    ///   when a new id sorts before an existing one.
    public func extending(_ space: VectorSpace) throws -> VectorSpace {
        guard try currentTFIDF()?.contentHash == space.tfidf.contentHash,
            try store.currentModel(kind: ModelKind.lsa)?.contentHash == space.lsa.contentHash
        else { return space }
        try foldInNewPapers()
        let known = Set(space.ids)
        let newIDs = try store.paperIDs().filter { !known.contains($0) }
        guard !newIDs.isEmpty else { return space }
        let rows = try store.vectors(modelHash: space.tfidf.contentHash, ids: newIDs)
        let embeddingRows = try store.vectors(modelHash: space.lsa.contentHash, ids: newIDs)
        guard rows.map(\.id) == newIDs, embeddingRows.map(\.id) == newIDs else {
            throw PipelineError("vectors of \(newIDs.count) new papers are missing: run `paperradar fit`")
        }
        let addedRows = VectorCodec.decodeRows(rows.map(\.data), columns: space.tfidf.featureCount)
        let addedEmbeddings = VectorCodec.decodeDense(embeddingRows.map(\.data), dimension: space.lsa.dimension)

        var extended = space
        extended.ids = space.ids + newIDs
        extended.tfidfRows = space.tfidfRows.appendingRows(addedRows)
        extended.embeddings = space.embeddings.appendingRows(addedEmbeddings)
        extended.neighbours = space.neighbours.appendingRows(space.lsa.neighbourView(of: addedEmbeddings))
        if let last = space.ids.last, let first = newIDs.first, first < last {
            // Keep ids ascending (``VectorSpace/index(of:)`` searches them): one permutation of every row.
            let order = extended.ids.indices.sorted { extended.ids[$0] < extended.ids[$1] }
            extended.ids = order.map { extended.ids[$0] }
            extended.tfidfRows = extended.tfidfRows.selectingRows(order)
            extended.embeddings = extended.embeddings.selectingRows(order)
            extended.neighbours = extended.neighbours.selectingRows(order)
        }
        if let (model, hash) = try currentTopics(), model.lsaHash == space.lsa.contentHash {
            let newRows = newIDs.compactMap { extended.index(of: $0) }
            try assignToTopics(rows: newRows, space: extended, model: model, hash: hash)
        }
        return extended
    }
}

extension Matrix {
    /// The rows of `self` followed by the rows of `other` (same column count).
    func appendingRows(_ other: Matrix) -> Matrix {
        precondition(other.rows == 0 || other.columns == columns, "row widths differ")
        return Matrix(rows: rows + other.rows, columns: columns, storage: storage + other.storage)
    }
}

extension SparseMatrix {
    /// The rows of `self` followed by the rows of `other` (same column count).
    func appendingRows(_ other: SparseMatrix) -> SparseMatrix {
        precondition(other.rows == 0 || other.columns == columns, "row widths differ")
        let offset = rowOffsets.last ?? 0
        return SparseMatrix(
            rows: rows + other.rows, columns: columns,
            rowOffsets: rowOffsets + other.rowOffsets.dropFirst().map { $0 + offset },
            columnIndices: columnIndices + other.columnIndices, values: values + other.values)
    }
}
