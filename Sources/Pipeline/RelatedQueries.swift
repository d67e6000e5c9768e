import LinearAlgebra
import PaperRadarCore
import Recommendation
import Store
import Synchronization
import TextFeatures

/// Related papers for one query paper or text, with ids resolved.
public struct RelatedResult: Sendable {
    /// The query paper (nil for free text).
    public var query: ArxivID?
    public var items: [Item]

    public struct Item: Sendable {
        public var id: ArxivID
        public var score: Float
        public var semanticScore: Float
        /// The shared terms that carry the score, as words (not stems).
        public var sharedTerms: [SharedTerm]
    }
}

/// Related-paper queries over a space: LSA candidates from the neighbour view, re-scored by exact TF-IDF cosine,
/// each explained by the shared terms in the words both papers use.
///
/// A query: it reads the texts of the papers it names (for the words of the shared terms) and writes nothing.
public struct RelatedQueries: Sendable {
    public let space: VectorSpace
    public let store: PaperStore

    public init(space: VectorSpace, store: PaperStore) {
        self.space = space
        self.store = store
    }

    private var finder: RelatedPapers {
        RelatedPapers(embeddings: space.neighbours, tfidf: space.tfidfRows, vocabulary: space.tfidf.vocabulary)
    }

    /// The `top` papers most related to a stored paper (never itself).
    ///
    /// - Throws: ``PipelineError`` when the paper is not in the store.
    public func related(to id: ArxivID, top: Int) throws -> RelatedResult {
        guard let row = space.row(of: id) else { throw PipelineError("paper \(id) is not in the store") }
        return try readable(results(rows: [row], top: top), known: [:], queryText: nil)[0]
    }

    /// The same as ``related(to:top:)``, the candidates taken from `index` when it has them (it must serve and
    /// have followed this space; its `top` is used).
    public func related(to id: ArxivID, index: RelatedIndex) throws -> RelatedResult {
        guard let row = space.row(of: id) else { throw PipelineError("paper \(id) is not in the store") }
        guard let candidates = index.candidates(ofRow: row, in: space) else { return try related(to: id, top: index.top) }
        let found = finder.rescore(
            query: 0, rows: space.tfidfRows.selectingRows([row]), candidates: candidates, top: index.top)
        return try readable([RelatedResult(query: id, items: found.map(item))], known: [:], queryText: nil)[0]
    }

    /// The `top` papers most related to a free text.
    ///
    /// - Throws: ``PipelineError`` when none of the text's words is in the model's vocabulary.
    public func related(toText text: String, top: Int) throws -> RelatedResult {
        let queryRows = space.tfidf.transform([TextDocument(title: "", abstract: text)])
        guard queryRows.nonzeroCount > 0 else {
            throw PipelineError("none of the words of this text is in the model's vocabulary")
        }
        let found = finder.related(
            queryEmbeddings: space.lsa.neighbourView(of: space.lsa.embed(queryRows)), queryRows: queryRows, top: top)
        let result = RelatedResult(query: nil, items: found[0].map(item))
        return try readable([result], known: [:], queryText: text)[0]
    }

    /// The `top` papers most related to each of `papers` (e.g. a digest's), in their order; papers not in the
    /// space are left out. The papers' own texts are used as given.
    public func related(to papers: [Paper], top: Int) throws -> [RelatedResult] {
        let rows = papers.compactMap { space.row(of: $0.id) }
        let known = Dictionary(papers.map { ($0.id, $0) }) { first, _ in first }
        return try readable(results(rows: rows, top: top), known: known, queryText: nil)
    }

    /// Every paper's `top` related papers (symmetric all-pairs top-k on the neighbour view, then re-scored), handed
    /// to `emit` in row order a chunk at a time: `(paper, [(related paper, score)])`.
    public func allPairs(
        top: Int, emit: (_ related: [(id: ArxivID, items: [(id: ArxivID, score: Float)])]) throws -> Void
    ) rethrows -> AllPairsStatistics {
        let ids = space.ids
        return try finder.allPairs(top: top) { rows, neighbors in
            try emit(zip(rows, neighbors).map { row, list in
                (id: ids[row], items: list.map { (id: ids[$0.index], score: $0.score) })
            })
        }
    }

    private func results(rows: [Int], top: Int) -> [RelatedResult] {
        guard !rows.isEmpty else { return [] }
        let found = finder.related(
            queryEmbeddings: space.neighbours.selectingRows(rows), queryRows: space.tfidfRows.selectingRows(rows),
            top: top, exclude: { q, c in rows[q] == c })
        return rows.indices.map { q in RelatedResult(query: space.ids[rows[q]], items: found[q].map(item)) }
    }

    func item(_ paper: RelatedPaper) -> RelatedResult.Item {
        RelatedResult.Item(
            id: space.ids[paper.index], score: paper.score, semanticScore: paper.semanticScore,
            sharedTerms: paper.sharedTerms)
    }

    /// Each result's shared terms in the words its two papers use (surface forms counted once per paper, in
    /// parallel: a 130-paper digest names several hundred papers). Papers in `known` are not read again.
    private func readable(
        _ results: [RelatedResult], known: [ArxivID: Paper], queryText: String?
    ) throws -> [RelatedResult] {
        try Self.readable(results, model: space.tfidf, store: store, known: known, queryText: queryText)
    }

    /// `results` with their shared terms in the words of `model`'s papers (see ``readable(_:known:queryText:)``).
    static func readable(
        _ results: [RelatedResult], model: TFIDFModel, store: PaperStore, known: [ArxivID: Paper], queryText: String?
    ) throws -> [RelatedResult] {
        let ids = Array(Set(results.flatMap { $0.items.map(\.id) + ($0.query.map { [$0] } ?? []) }))
        var papers = known
        let missing = ids.filter { known[$0] == nil }
        for (id, paper) in try store.papers(ids: missing) { papers[id] = paper }
        // Each paper's words are counted only for the terms shown with it (its results' shared terms).
        var wanted: [ArxivID: Set<String>] = [:]
        for result in results {
            for item in result.items {
                let terms = item.sharedTerms.map(\.term)
                wanted[item.id, default: []].formUnion(terms)
                if let query = result.query { wanted[query, default: []].formUnion(terms) }
            }
        }
        let forms = Mutex([ArxivID: SurfaceForms]())
        let texts = papers
        let terms = wanted
        Parallel.forEach(ids.count) { i in
            guard let paper = texts[ids[i]] else { return }
            let counted = model.surfaceForms(in: [paper.title, paper.abstract], only: terms[ids[i]] ?? [])
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
}
