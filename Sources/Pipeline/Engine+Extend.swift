import LinearAlgebra
import PaperRadarCore
import Store

extension Engine {
    /// The space extended with the papers stored since it was built: their vectors are computed with the space's
    /// frozen models, stored, and they are given their nearest topic, so related-paper searches cover them.
    ///
    /// This is the daemon's per-digest step: it reads only the new papers and their vectors, never the whole
    /// store nor the stored models (their hashes are compared; the space's models are used as they are). When
    /// the current models are no longer the space's (a refit happened), the space is returned unchanged; load a
    /// fresh one with ``vectorSpace()``.
    ///
    /// - Complexity: O(new papers) to find and fold them in when papers were only added since the space was built
    ///   (else one pass over the stored ids), plus O(n·d) to copy the matrices.
    public func extending(_ space: VectorSpace) throws -> VectorSpace {
        // Hashes only: decoding the stored models (the LSA basis is ~130 MB on a large store) would cost seconds.
        let current = try store.currentModelInfos()
        guard current[ModelKind.tfidf]?.contentHash == space.tfidf.contentHash,
            current[ModelKind.lsa]?.contentHash == space.lsa.contentHash
        else { return space }
        let newIDs = try storedIDs(notIn: space)
        guard !newIDs.isEmpty else { return space }
        try foldIn(newIDs, space: space)
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

    /// The stored papers missing from `space`, ascending: the newest rows when the count says papers were only
    /// added since the space was built (the usual case), else a pass over every stored id.
    func storedIDs(notIn space: VectorSpace) throws -> [ArxivID] {
        let added = try store.paperCount() - space.ids.count
        if added == 0 { return [] }
        if added > 0 {
            let newest = try store.newestPaperIDs(limit: added)
            if newest.count == added, newest.allSatisfy({ space.index(of: $0) == nil }) { return newest.sorted() }
        }
        let known = Set(space.ids)
        return try store.paperIDs().filter { !known.contains($0) }
    }

    /// Computes and stores, with the space's frozen models, the vectors that papers `ids` lack under them.
    func foldIn(_ ids: [ArxivID], space: VectorSpace) throws {
        let withTFIDF = Set(try store.vectors(modelHash: space.tfidf.contentHash, ids: ids).map(\.id))
        let withLSA = Set(try store.vectors(modelHash: space.lsa.contentHash, ids: ids).map(\.id))
        let missing = ids.filter { !withTFIDF.contains($0) || !withLSA.contains($0) }
        guard !missing.isEmpty else { return }
        let found = try store.papers(ids: missing)
        let papers = missing.compactMap { found[$0] }
        let matrix = space.tfidf.transform(papers)
        let tfidfMissing = papers.indices.filter { !withTFIDF.contains(papers[$0].id) }
        if !tfidfMissing.isEmpty {
            try store.addVectors(
                tfidfMissing.map { (papers[$0].id, VectorCodec.encodeRow($0, of: matrix)) },
                modelHash: space.tfidf.contentHash)
        }
        let d = space.lsa.dimension
        let embeddings = space.lsa.embed(matrix)
        let lsaMissing = papers.indices.filter { !withLSA.contains(papers[$0].id) }
        if !lsaMissing.isEmpty {
            try store.addVectors(
                lsaMissing.map { (papers[$0].id, VectorCodec.encodeDense(embeddings.storage[($0 * d)..<(($0 + 1) * d)])) },
                modelHash: space.lsa.contentHash)
        }
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
