import Foundation
import LinearAlgebra
import PaperRadarCore
import Recommendation
import Reports
import Store
import TextFeatures

/// What a search is narrowed to, as a reader writes it: days `YYYY-MM-DD`, an arXiv category, a topic id.
public struct SearchFilters: Sendable, Hashable {
    public var from: String?
    public var to: String?
    public var category: String?
    public var topic: Int?

    public init(from: String? = nil, to: String? = nil, category: String? = nil, topic: Int? = nil) {
        self.from = from
        self.to = to
        self.category = category
        self.topic = topic
    }
}

/// Searches the store: keywords over titles and abstracts (BM25 on the store's full-text index, with the profiles'
/// phrase and prefix rules) blended with meaning (the query folded into the LSA space, cosine in the neighbour
/// view), so that "retrieval augmented generation" also finds papers that only say RAG. A query: it writes nothing.
///
/// **Score.** `score = ½·keyword + ½·semantic`, where `keyword` is a paper's BM25 over the best BM25 of the query
/// (0 without a keyword match) and `semantic` its cosine to the query (negatives as 0). Candidates are the best
/// ``keywordPool`` keyword matches and the best ``semanticPool`` semantic neighbours whose cosine reaches
/// ``semanticFloor``, both through the filters.
public struct PaperSearch: Sendable {
    public let space: VectorSpace
    public let store: PaperStore
    /// The report date.
    public var now: Date
    /// Keyword matches considered (by BM25).
    public var keywordPool = 500
    /// Semantic neighbours considered (by cosine), before the filters.
    public var semanticPool = 1_000
    /// The least cosine of a paper found by meaning alone.
    public var semanticFloor: Float = 0.3
    /// Characters of abstract shown around the first match.
    public var snippetLength = 260

    public init(space: VectorSpace, store: PaperStore, now: Date = Date()) {
        self.space = space
        self.store = store
        self.now = now
    }

    /// The papers matching a query, best first, `limit` from `offset` (0-based).
    ///
    /// - Throws: ``PipelineError`` when the query has no word, a date is not `YYYY-MM-DD` or the topic does not
    ///   exist.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), offset: Int = 0, limit: Int = 20)
        throws -> SearchReport
    {
        precondition(offset >= 0 && limit >= 1, "a page starts at 0 or later and holds at least one result")
        let stopWords = space.tfidf.stopWords
        let query = SearchQuery(text).dropping { stopWords.contains($0) }
        guard !query.isEmpty else {
            throw PipelineError("type a word or phrase to search for (\"quoted phrases\" and prefixes like agent* work)")
        }
        let storeFilters = try resolve(filters)
        let terms = query.keywords.map { SearchTerm(words: $0.words, isPrefix: $0.isPrefix) }
        let keyword = try store.keywordSearch(terms, filters: storeFilters, limit: max(keywordPool, offset + limit))
        let queryRows = space.tfidf.transform([TextDocument(title: "", abstract: text)])
        let queryVector: [Float]? =
            queryRows.nonzeroCount > 0
            ? space.lsa.neighbourView(of: space.lsa.embed(queryRows)).row(0) : nil
        let candidates = try rank(
            keywordHits: keyword.hits, queryVector: queryVector, excluding: nil, filters: storeFilters,
            pool: max(semanticPool, offset + limit))
        let page = Array(candidates.dropFirst(offset).prefix(limit))
        let items = try explain(page, keywords: query.keywords, queryRows: queryRows, queryText: text)
        return SearchReport(
            provenance: provenance(query: "keywords: BM25 (title ×2) on the store's full-text index"),
            query: text, keywords: zip(query.keywords, query.quoted).map { $1 ? "\"\($0.text)\"" : $0.text },
            filters: reportFilters(filters), keywordMatchCount: keyword.total, offset: offset + 1,
            hasMore: candidates.count > offset + limit, items: items)
    }

    /// The papers most like a stored paper ("more like this"), best first, through `filters`.
    ///
    /// - Throws: ``PipelineError`` when the paper is not in the store, or a filter is invalid.
    public func moreLike(_ id: ArxivID, filters: SearchFilters = SearchFilters(), offset: Int = 0, limit: Int = 20)
        throws -> SearchReport
    {
        precondition(offset >= 0 && limit >= 1, "a page starts at 0 or later and holds at least one result")
        guard let row = space.row(of: id), let paper = try store.paper(id: id) else {
            throw PipelineError("paper \(id) is not in the store")
        }
        let storeFilters = try resolve(filters)
        let candidates = try rank(
            keywordHits: [], queryVector: space.neighbours.row(row), excluding: row, filters: storeFilters,
            pool: max(semanticPool, offset + limit + 1))
        let page = Array(candidates.dropFirst(offset).prefix(limit))
        let queryRows = space.tfidfRows.selectingRows([row])
        let items = try explain(page, keywords: [], queryRows: queryRows, queryText: paper.title + "\n" + paper.abstract)
        return SearchReport(
            provenance: provenance(query: "more like \(id): cosine in the LSA neighbour view"),
            query: "more like \(id): \(paper.title)", keywords: [], filters: reportFilters(filters),
            keywordMatchCount: 0, offset: offset + 1, hasMore: candidates.count > offset + limit, items: items)
    }

    // MARK: - Ranking

    /// A candidate with its two scores.
    struct Candidate {
        var row: Int
        var keyword: Double?
        var semantic: Double
        var score: Double { 0.5 * (keyword ?? 0) + 0.5 * semantic }
    }

    private func rank(
        keywordHits: [KeywordHit], queryVector: [Float]?, excluding: Int?, filters: PaperFilters, pool: Int
    ) throws -> [Candidate] {
        let best = keywordHits.map(\.score).max() ?? 0
        var byRow: [Int: Candidate] = [:]
        for hit in keywordHits {
            guard let row = space.row(of: hit.id), row != excluding else { continue }
            byRow[row] = Candidate(row: row, keyword: best > 0 ? max(0, hit.score / best) : 1, semantic: 0)
        }
        if let queryVector {
            let d = space.neighbours.columns
            let query = Matrix(rows: 1, columns: d, storage: queryVector)
            var exclude: (@Sendable (Int, Int) -> Bool)?
            if let skip = excluding { exclude = { @Sendable _, candidate in candidate == skip } }
            let neighbours = topK(
                queries: query, corpus: space.neighbours, k: min(space.count, pool), exclude: exclude
            ).neighbors(ofQuery: 0).filter { $0.score >= semanticFloor }
            let passing = try store.filtered(neighbours.map { space.ids[$0.index] }, by: filters)
            for neighbour in neighbours where passing.contains(space.ids[neighbour.index]) {
                byRow[neighbour.index, default: Candidate(row: neighbour.index, keyword: nil, semantic: 0)].semantic =
                    Double(neighbour.score)
            }
            // Keyword matches outside the semantic pool still get their cosine.
            for (row, candidate) in byRow where candidate.semantic == 0 && candidate.keyword != nil {
                var dot: Float = 0
                let storage = space.neighbours.storage
                for j in 0..<d { dot += storage[row * d + j] * queryVector[j] }
                byRow[row]?.semantic = Double(max(0, dot))
            }
        }
        return byRow.values.sorted { ($0.score, $1.row) > ($1.score, $0.row) }
    }

    // MARK: - Explanations

    private func explain(
        _ candidates: [Candidate], keywords: [Keyword], queryRows: SparseMatrix, queryText: String
    ) throws -> [SearchReport.Item] {
        let ids = candidates.map { space.ids[$0.row] }
        let papers = try store.papers(ids: ids)
        let finder = RelatedPapers(embeddings: space.neighbours, tfidf: space.tfidfRows, vocabulary: space.tfidf.vocabulary)
        return candidates.compactMap { candidate -> SearchReport.Item? in
            guard let paper = papers[space.ids[candidate.row]] else { return nil }
            var shared: [String] = []
            if queryRows.nonzeroCount > 0 {
                let dot = queryRows.dot(row: 0, with: space.tfidfRows, row: candidate.row)
                let terms = finder.sharedTerms(query: 0, rows: queryRows, candidate: candidate.row, dot: dot).map(\.term)
                shared = space.tfidf.readableTerms(terms, in: [queryText, paper.title, paper.abstract])
            }
            let titleMatches = KeywordMatcher.matches(of: keywords, in: paper.title)
            let abstractMatches = KeywordMatcher.matches(of: keywords, in: paper.abstract)
            let found = titleMatches.found.union(abstractMatches.found).sorted()
            let matched = found.map { keywords[$0].text }
            // Highlight the query's keywords; without any, the shared terms that carry the meaning.
            let marks = matched.isEmpty ? shared.compactMap(Keyword.init) : keywords
            let title = Self.spans(paper.title, KeywordMatcher.matches(of: marks, in: paper.title).ranges)
            let abstractRanges = matched.isEmpty
                ? KeywordMatcher.matches(of: marks, in: paper.abstract).ranges : abstractMatches.ranges
            let snippet = Self.snippet(paper.abstract, abstractRanges, length: snippetLength)
            return SearchReport.Item(
                paper: PaperReference(paper), topic: space.topic(ofRow: candidate.row).map { TopicReference(id: $0.id, name: $0.name) },
                score: candidate.score, keywordScore: candidate.keyword, semanticScore: candidate.semantic,
                matchedKeywords: matched, sharedTerms: shared,
                why: why(candidate, matched: matched, inTitle: !titleMatches.found.isEmpty, shared: shared),
                title: title, snippet: snippet)
        }
    }

    private func why(_ candidate: Candidate, matched: [String], inTitle: Bool, shared: [String]) -> String {
        let meaning = "close in meaning (cosine \(Self.fixed(candidate.semantic)))"
        if !matched.isEmpty {
            let words = matched.map { "“\($0)”" }.joined(separator: ", ")
            let place = inTitle ? "the title" : "the abstract"
            return "Matches \(words) in \(place)" + (candidate.semantic >= Double(semanticFloor) ? "; \(meaning)." : ".")
        }
        if candidate.keyword != nil {
            return "Matches the query's words in the title or abstract; \(meaning)."
        }
        let sharing = shared.isEmpty ? "" : "; shares " + shared.prefix(3).map { "“\($0)”" }.joined(separator: ", ")
        return "Found by meaning: \(meaning) without the query's exact words\(sharing)."
    }

    /// `text` cut into spans at `ranges` (sorted, disjoint).
    static func spans(_ text: String, _ ranges: [Range<String.Index>]) -> [SearchReport.Span] {
        spans(text, ranges, in: text.startIndex..<text.endIndex)
    }

    /// The part `window` of `text` cut into spans at `ranges` (sorted, disjoint; clipped to the window).
    static func spans(
        _ text: String, _ ranges: [Range<String.Index>], in window: Range<String.Index>
    ) -> [SearchReport.Span] {
        var spans: [SearchReport.Span] = []
        var position = window.lowerBound
        for range in ranges {
            let lower = max(range.lowerBound, window.lowerBound)
            let upper = min(range.upperBound, window.upperBound)
            guard lower < upper, lower >= position else { continue }
            if position < lower { spans.append(.init(text: String(text[position..<lower]), match: false)) }
            spans.append(.init(text: String(text[lower..<upper]), match: true))
            position = upper
        }
        if position < window.upperBound {
            spans.append(.init(text: String(text[position..<window.upperBound]), match: false))
        }
        return spans
    }

    /// About `length` characters of `text` around the first of `ranges` (the start without one), cut at spaces,
    /// with `…` where text is left out.
    static func snippet(_ text: String, _ ranges: [Range<String.Index>], length: Int) -> [SearchReport.Span] {
        guard !text.isEmpty else { return [] }
        var start = text.startIndex
        if let first = ranges.first {
            start = text.index(first.lowerBound, offsetBy: -(length / 3), limitedBy: text.startIndex) ?? text.startIndex
            if start > text.startIndex, let space = text[start...].firstIndex(of: " "), space < first.lowerBound {
                start = text.index(after: space)
            }
        }
        var end = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        if end < text.endIndex, let space = text[start..<end].lastIndex(of: " "), space > start { end = space }
        var result = spans(text, ranges, in: start..<end)
        if start > text.startIndex { result.insert(.init(text: "… ", match: false), at: 0) }
        if end < text.endIndex { result.append(.init(text: " …", match: false)) }
        return result
    }

    // MARK: - Filters and provenance

    private func resolve(_ filters: SearchFilters) throws -> PaperFilters {
        for (name, day) in [("from", filters.from), ("to", filters.to)] {
            if let day, CalendarDay.number(day) == nil {
                throw PipelineError("the \(name) date must be written YYYY-MM-DD, e.g. 2025-06-01; got \"\(day)\"")
            }
        }
        var result = PaperFilters(from: filters.from, to: filters.to, category: filters.category)
        if let topic = filters.topic {
            guard let topics = space.topics, topics.model.topic(id: topic) != nil else {
                let known = space.topics?.model.topics.map { "\($0.id) \($0.name)" }.joined(separator: ", ") ?? "none yet"
                throw PipelineError("there is no topic \(topic) (topics: \(known))")
            }
            var papers = Set<ArxivID>()
            for (row, id) in space.ids.enumerated() where topics.topicOfRow[row] == topic { papers.insert(id) }
            result.papers = papers
        }
        return result
    }

    private func reportFilters(_ filters: SearchFilters) -> SearchReport.Filters {
        SearchReport.Filters(
            from: filters.from, to: filters.to, category: filters.category,
            topic: filters.topic.flatMap { id in space.topics?.model.topic(id: id) }.map {
                TopicReference(id: $0.id, name: $0.name)
            })
    }

    private func provenance(query: String) -> ReportProvenance {
        ReportProvenance(
            space: space, topicsHash: space.topics?.hash,
            settings: [
                .init(name: "search", value: query),
                .init(
                    name: "blend",
                    value: "score = ½·BM25/best BM25 + ½·LSA cosine; found by meaning alone from cosine "
                        + "\(Self.fixed(Double(semanticFloor)))"),
            ], now: now)
    }

    static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
