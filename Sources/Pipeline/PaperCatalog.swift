import PaperRadarCore
import Recommendation
import Store

/// Every paper of a space, in the space's row order, as reading lists read them: kept in memory by a long-running
/// process (the web app) so that a reading list does not read the whole store each time.
///
/// Brought up to date with ``update(for:store:)`` after the space grew or texts changed (it reads only those papers).
public struct PaperCatalog: Sendable {
    /// The papers in row order (a row whose paper is missing from the store holds its id as title).
    public private(set) var papers: [Paper]
    /// The same papers as the ranker's rules read them (without topics: those belong to the space).
    public private(set) var corpusPapers: [ReadingListCorpus.Paper]
    /// The space's ids when the catalog was made.
    private var ids: [ArxivID]
    private var textSequence: Int64

    /// Reads every paper of the space from the store.
    public init(space: VectorSpace, store: PaperStore) throws {
        papers = []
        corpusPapers = []
        ids = []
        textSequence = space.textSequence
        try rebuild(space: space, known: [:], store: store, read: space.ids)
    }

    /// Whether the catalog holds exactly the rows and texts of `space`.
    public func isCurrent(for space: VectorSpace) -> Bool {
        ids.count == space.count && textSequence == space.textSequence && ids.last == space.ids.last
            && ids.first == space.ids.first
    }

    /// Follows the space: reads the papers added to it and those whose text changed since, keeps the rest.
    public mutating func update(for space: VectorSpace, store: PaperStore) throws {
        guard !isCurrent(for: space) else { return }
        var known: [ArxivID: Paper] = [:]
        known.reserveCapacity(papers.count)
        for paper in papers { known[paper.id] = paper }
        let changed = Set(try store.texts(after: textSequence).map(\.id))
        for id in changed { known[id] = nil }
        textSequence = space.textSequence
        try rebuild(space: space, known: known, store: store, read: space.ids.filter { known[$0] == nil })
    }

    private mutating func rebuild(
        space: VectorSpace, known: [ArxivID: Paper], store: PaperStore, read: [ArxivID]
    ) throws {
        var byID = known
        for (id, paper) in try store.papers(ids: read) { byID[id] = paper }
        papers = space.ids.map { byID[$0] ?? Paper(id: $0, title: $0.rawValue, abstract: "") }
        corpusPapers = papers.map { paper in
            ReadingListCorpus.Paper(
                id: paper.id.rawValue, title: paper.title, abstract: paper.abstract, authors: paper.authors,
                day: paper.date.flatMap(CalendarDay.number))
        }
        ids = space.ids
    }
}
