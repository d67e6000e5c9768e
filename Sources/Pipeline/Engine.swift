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

    /// Saves a TF-IDF model (fitted here or imported) with its vectors for every stored paper.
    func save(_ model: TFIDFModel, papers: [Paper], matrix: SparseMatrix) throws {
        precondition(matrix.rows == papers.count, "one row per paper")
        let vectors = papers.indices.map { (papers[$0].id, VectorCodec.encodeRow($0, of: matrix)) }
        try store.saveModel(
            StoredModel(
                kind: ModelKind.tfidf, contentHash: model.contentHash, paperCount: papers.count,
                summary: Self.summary(of: model), data: model.encoded()),
            vectors: vectors)
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
        try save(model, papers: papers, matrix: model.transform(papers))
        return model
    }

    /// Vectors for papers stored since the current model was fitted, computed with the frozen model.
    ///
    /// - Returns: how many papers were folded in.
    @discardableResult
    public func foldInNewPapers() throws -> Int {
        guard let stored = try store.currentModel(kind: ModelKind.tfidf) else { return 0 }
        let model = try requireTFIDF()
        let papers = try store.papersWithoutVectors(modelHash: stored.contentHash)
        guard !papers.isEmpty else { return 0 }
        let matrix = model.transform(papers)
        try store.addVectors(
            papers.indices.map { (papers[$0].id, VectorCodec.encodeRow($0, of: matrix)) },
            modelHash: stored.contentHash)
        return papers.count
    }

    /// The TF-IDF rows of every stored paper under the current model, in paper-id order (new papers folded in).
    public func tfidfMatrix() throws -> (model: TFIDFModel, ids: [ArxivID], matrix: SparseMatrix) {
        let model = try requireTFIDF()
        try foldInNewPapers()
        let rows = try store.vectors(modelHash: model.contentHash)
        return (model, rows.map(\.id), VectorCodec.decodeRows(rows.map(\.data), columns: model.featureCount))
    }
}
