import Foundation
import LinearAlgebra
import PaperRadarCore
import Store
import TextFeatures

/// PaperRadar's pipeline over a store: fitting models, and everything that needs the current ones.
///
/// The CLI and the daemon are thin layers over this type. It owns no state besides the store: models and vectors
/// live there, keyed by model hash, so vectors of different models are never mixed.
public struct Engine: Sendable {
    public let store: PaperStore

    public init(store: PaperStore) { self.store = store }

    /// Model kinds as stored.
    public enum ModelKind {
        public static let tfidf = "tfidf"
        public static let lsa = "lsa"
    }

    /// The current TF-IDF model, or `nil` before the first fit.
    public func currentTFIDF() throws -> TFIDFModel? {
        guard let stored = try store.currentModel(kind: ModelKind.tfidf) else { return nil }
        do {
            return try TFIDFModel(decoding: stored.data)
        } catch {
            throw PipelineError(
                "the stored TF-IDF model \(stored.contentHash) is unreadable (\(error)); run `paperradar fit` again")
        }
    }

    /// The current TF-IDF model, or an error telling the user to fit one.
    public func requireTFIDF() throws -> TFIDFModel {
        guard let model = try currentTFIDF() else {
            throw PipelineError("no model has been fitted yet: run `paperradar fit` (after `ingest` or `import`)")
        }
        return model
    }

    /// A one-line description of a TF-IDF model, stored with it and shown by `stats` and reports.
    public static func summary(of model: TFIDFModel) -> String {
        let c = model.configuration
        let grams = c.ngramRange.lowerBound == c.ngramRange.upperBound
            ? "\(c.ngramRange.lowerBound)-grams" : "\(c.ngramRange.lowerBound)-\(c.ngramRange.upperBound)-grams"
        return "TF-IDF \(model.contentHash): \(model.featureCount) terms (\(grams), minDF \(c.minDF), "
            + "maxDF \(c.maxDF), \(c.stemming ? "stemmed" : "unstemmed"), title ×\(c.titleWeight), "
            + "prior \(Int(model.priorPseudoDocuments.rounded())) pseudo-documents), \(model.documentCount) papers"
    }

    /// A TF-IDF model (fitted here or imported) as stored, with its vectors for `ids` (rows of `matrix`).
    func stored(_ model: TFIDFModel, ids: [ArxivID], matrix: SparseMatrix) -> ModelVectors {
        precondition(matrix.rows == ids.count, "one row per paper")
        return ModelVectors(
            model: StoredModel(
                kind: ModelKind.tfidf, contentHash: model.contentHash, paperCount: ids.count,
                summary: Self.summary(of: model), data: model.encoded()),
            count: ids.count
        ) { (ids[$0], VectorCodec.encodeRow($0, of: matrix)) }
    }

    /// Imports a model file: decodes it, computes every stored paper's vector with the frozen model, and makes it
    /// the current model.
    public func importModel(_ bytes: [UInt8]) throws -> TFIDFModel {
        let model: TFIDFModel
        do {
            model = try TFIDFModel(decoding: bytes)
        } catch {
            throw PipelineError("not a PaperRadar TF-IDF model file: \(error)")
        }
        let papers = try store.allPapers()
        let matrix = model.transform(papers)
        let ids = papers.map(\.id)
        // The LSA basis follows the TF-IDF columns: an imported TF-IDF model gets a basis fitted on its vectors.
        let lsa = LSAModel.fit(matrix, tfidfHash: model.contentHash)
        try store.saveModels([stored(model, ids: ids, matrix: matrix), stored(lsa.model, ids: ids, embeddings: lsa.embeddings)])
        return model
    }

    /// The current LSA model, or `nil` before the first fit.
    public func currentLSA() throws -> LSAModel? {
        guard let stored = try store.currentModel(kind: ModelKind.lsa) else { return nil }
        do {
            return try LSAModel(decoding: stored.data)
        } catch {
            throw PipelineError(
                "the stored LSA model \(stored.contentHash) is unreadable (\(error)); run `paperradar fit` again")
        }
    }

    /// Vectors (TF-IDF rows and LSA embeddings) for papers stored since the models were fitted, computed with the
    /// frozen models.
    ///
    /// - Returns: how many papers were folded in.
    @discardableResult
    public func foldInNewPapers() throws -> Int {
        guard let model = try currentTFIDF() else { return 0 }
        let papers = try store.papersWithoutVectors(modelHash: model.contentHash)
        var folded = 0
        if !papers.isEmpty {
            let matrix = model.transform(papers)
            try store.addVectors(
                papers.indices.map { (papers[$0].id, VectorCodec.encodeRow($0, of: matrix)) },
                modelHash: model.contentHash)
            folded = papers.count
        }
        if let lsa = try currentLSA(), lsa.tfidfHash == model.contentHash {
            let missing = try store.papersWithoutVectors(modelHash: lsa.contentHash)
            if !missing.isEmpty {
                let embeddings = lsa.embed(model.transform(missing))
                try store.addVectors(
                    missing.indices.map {
                        (missing[$0].id, VectorCodec.encodeDense(embeddings.storage[($0 * lsa.dimension)..<(($0 + 1) * lsa.dimension)]))
                    }, modelHash: lsa.contentHash)
                folded = max(folded, missing.count)
            }
        }
        return folded
    }

    /// The TF-IDF rows of every stored paper under the current model, in paper-id order (new papers folded in).
    public func tfidfMatrix() throws -> (model: TFIDFModel, ids: [ArxivID], matrix: SparseMatrix) {
        let model = try requireTFIDF()
        try foldInNewPapers()
        let rows = try store.vectors(modelHash: model.contentHash)
        return (model, rows.map(\.id), VectorCodec.decodeRows(rows.map(\.data), columns: model.featureCount))
    }

    /// Everything similarity work needs, aligned by paper: ids, TF-IDF rows and LSA embeddings (new papers folded in).
    public func vectorSpace() throws -> VectorSpace {
        let (model, ids, matrix) = try tfidfMatrix()
        guard let lsa = try currentLSA(), lsa.tfidfHash == model.contentHash else {
            throw PipelineError("the LSA model is missing or belongs to another TF-IDF model: run `paperradar fit`")
        }
        let rows = try store.vectors(modelHash: lsa.contentHash)
        guard rows.map(\.id) == ids else {
            throw PipelineError("stored vectors are out of step (\(rows.count) embeddings for \(ids.count) papers): run `paperradar fit`")
        }
        let embeddings = VectorCodec.decodeDense(rows.map(\.data), dimension: lsa.dimension)
        let space = VectorSpace(
            tfidf: model, lsa: lsa, ids: ids, tfidfRows: matrix, embeddings: embeddings,
            neighbours: lsa.neighbourView(of: embeddings))
        try assignNewPapersToTopics(space: space)
        return space
    }
}

/// Papers as vectors under one consistent pair of models.
public struct VectorSpace: Sendable {
    public var tfidf: TFIDFModel
    public var lsa: LSAModel
    /// Paper ids, row order of both matrices.
    public var ids: [ArxivID]
    /// n × m unit TF-IDF rows.
    public var tfidfRows: SparseMatrix
    /// n × d unit LSA embeddings (clustering, topics).
    public var embeddings: Matrix
    /// The neighbour view of the embeddings (``LSAModel/neighbourView(of:dimensions:spectralPower:)``): related
    /// papers are found in it.
    public var neighbours: Matrix

    /// The row of a paper id, if present.
    public func index(of id: ArxivID) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// A hash naming both models, printed on reports so two reports can be compared.
    public var modelHash: String { "\(tfidf.contentHash)+\(lsa.contentHash)" }
}
