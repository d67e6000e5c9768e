import Foundation
import PaperRadarCore
import Store
import Testing

@testable import Pipeline

/// The related-paper index of the web app answers exactly as a scan of the space, before and after the space
/// grows and a paper's text changes.
@Suite struct RelatedIndexTests {
    static func expectSameRelated(
        _ queries: RelatedQueries, _ index: RelatedIndex, ids: [ArxivID], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for id in ids {
            let scanned = try queries.related(to: id, top: index.top)
            let indexed = try queries.related(to: id, index: index)
            #expect(indexed.items.map(\.id) == scanned.items.map(\.id), "\(id)", sourceLocation: sourceLocation)
            for (a, b) in zip(indexed.items, scanned.items) {
                #expect(abs(a.score - b.score) < 1e-4, "\(id)", sourceLocation: sourceLocation)
                #expect(a.sharedTerms.map(\.term) == b.sharedTerms.map(\.term), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func answersAsAScanBeforeAndAfterTheSpaceMoves() throws {
        let papers = TestPapers.papers(perTheme: 10)
        let store = try TestPapers.store(with: papers)
        let repository = ModelRepository(store: store)
        var space = try ModelFitter(repository: repository, options: FitOptions()).fit().space
        var index = RelatedIndex(space: space, top: 5)
        #expect(index.serves(space))
        try Self.expectSameRelated(RelatedQueries(space: space, store: store), index, ids: space.ids)

        // New papers (one close to the first paper) and a changed text, folded in as a digest would be.
        var added = TestPapers.papers(perTheme: 2, idOffset: 50)
        var changed = papers[3]
        changed.abstract = papers[0].abstract + " " + papers[0].title
        changed.version = 2
        added.append(changed)
        _ = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: added, warnings: []),
            from: DigestSource(path: "more.md", bytes: Array("more".utf8)))
        try repository.catchUp(&space)
        #expect(index.serves(space))
        try index.follow(space, store: store)
        let queries = RelatedQueries(space: space, store: store)
        try Self.expectSameRelated(queries, index, ids: space.ids)
        // Lists naming the changed paper, the changed paper itself and the new ones are scanned, the rest indexed.
        let changedRow = try #require(space.row(of: changed.id))
        #expect(index.candidates(ofRow: changedRow, in: space) == nil)
        #expect(index.candidates(ofRow: space.count - 1, in: space) == nil)
        #expect(space.ids.indices.contains { index.candidates(ofRow: $0, in: space) != nil })
    }
}
