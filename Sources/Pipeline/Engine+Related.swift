import Synchronization
import LinearAlgebra
import PaperRadarCore
import Recommendation
import TextFeatures

/// A related-papers query: a stored paper, a text, or every paper of a digest.
public enum RelatedQuery: Sendable {
    case paper(ArxivID)
    case text(String)
    case digest(Int64)
}

/// Related papers for one query paper or text, with ids resolved.
public struct RelatedResult: Sendable {
    /// The query paper (nil for free text).
    public var query: ArxivID?
    public var items: [Item]

    public struct Item: Sendable {
        public var id: ArxivID
        public var score: Float
        public var semanticScore: Float
        public var sharedTerms: [SharedTerm]
    }
}

extension Engine {
    /// The `top` most related stored papers for a query, ranked by LSA cosine and re-scored by exact TF-IDF cosine.
    ///
    /// - Throws: ``PipelineError`` when no model is fitted or the paper / digest is unknown.
    /// Shared terms are given as words (``TFIDFModel/readableTerms(_:in:)`` over both papers' text), not stems.
    public func related(_ query: RelatedQuery, top: Int, space: VectorSpace? = nil) throws -> [RelatedResult] {
        let space = try space ?? vectorSpace()
        var queryText: String?
        if case .text(let text) = query { queryText = text }
        return try readable(try stemmedRelated(query, top: top, space: space), queryText: queryText, space: space)
    }

    /// Each result's shared terms in the words its two papers use (surface forms counted once per paper, in
    /// parallel: a 130-paper digest names several hundred papers).
    private func readable(_ results: [RelatedResult], queryText: String?, space: VectorSpace) throws -> [RelatedResult] {
        let ids = Array(Set(results.flatMap { $0.items.map(\.id) + ($0.query.map { [$0] } ?? []) }))
        let papers = try store.papers(ids: ids)
        let model = space.tfidf
        let forms = Mutex([ArxivID: SurfaceForms]())
        Parallel.forEach(ids.count) { i in
            guard let paper = papers[ids[i]] else { return }
            let counted = model.surfaceForms(in: [paper.title, paper.abstract])
            forms.withLock { $0[ids[i]] = counted }
        }
        let byPaper = forms.withLock { $0 }
        let textForms = queryText.map { model.surfaceForms(in: [$0]) } ?? SurfaceForms()
        return results.map { result in
            var result = result
            let queryForms = result.query.flatMap { byPaper[$0] } ?? textForms
            result.items = result.items.map { item in
                var item = item
                let pair = SurfaceForms(merging: [queryForms] + (byPaper[item.id].map { [$0] } ?? []))
                let words = model.readableTerms(item.sharedTerms.map(\.term), using: pair)
                item.sharedTerms = zip(item.sharedTerms, words).map { SharedTerm(term: $1, share: $0.share) }
                return item
            }
            return result
        }
    }

    private func stemmedRelated(_ query: RelatedQuery, top: Int, space: VectorSpace) throws -> [RelatedResult] {
        let finder = RelatedPapers(embeddings: space.neighbours, tfidf: space.tfidfRows, vocabulary: space.tfidf.vocabulary)
        switch query {
        case .paper(let id):
            guard let row = space.index(of: id) else { throw PipelineError("paper \(id) is not in the store") }
            return results(finder, space: space, rows: [row], top: top)
        case .digest(let digestID):
            guard try store.digest(id: digestID) != nil else { throw PipelineError("there is no digest #\(digestID)") }
            let rows = try store.papers(inDigest: digestID).compactMap { space.index(of: $0.id) }
            return results(finder, space: space, rows: rows, top: top)
        case .text(let text):
            let queryRows = space.tfidf.transform([TextDocument(title: "", abstract: text)])
            guard queryRows.nonzeroCount > 0 else {
                throw PipelineError("none of the words of this text is in the model's vocabulary")
            }
            let found = finder.related(
                queryEmbeddings: space.lsa.neighbourView(of: space.lsa.embed(queryRows)), queryRows: queryRows, top: top)
            return [RelatedResult(query: nil, items: found[0].map { item(for: $0, space: space) })]
        }
    }

    private func results(_ finder: RelatedPapers, space: VectorSpace, rows: [Int], top: Int) -> [RelatedResult] {
        guard !rows.isEmpty else { return [] }
        let found = finder.related(
            queryEmbeddings: space.neighbours.selectingRows(rows), queryRows: space.tfidfRows.selectingRows(rows),
            top: top, exclude: { q, c in rows[q] == c })
        return rows.indices.map { q in
            RelatedResult(query: space.ids[rows[q]], items: found[q].map { item(for: $0, space: space) })
        }
    }

    private func item(for paper: RelatedPaper, space: VectorSpace) -> RelatedResult.Item {
        RelatedResult.Item(
            id: space.ids[paper.index], score: paper.score, semanticScore: paper.semanticScore,
            sharedTerms: paper.sharedTerms)
    }
}

extension Engine {
    /// Every stored paper's `top` related papers (symmetric all-pairs top-k on the embeddings, then re-scored).
    public func allRelated(space: VectorSpace, top: Int) -> AllPairsRelated {
        RelatedPapers(embeddings: space.neighbours, tfidf: space.tfidfRows, vocabulary: space.tfidf.vocabulary)
            .allPairs(top: top)
    }
}
