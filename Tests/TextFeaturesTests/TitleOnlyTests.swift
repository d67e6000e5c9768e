import Foundation
import PaperRadarCore
import Testing
import TextFeatures

/// Title-only papers (empty abstract) get TF-IDF vectors from their titles alone, and never a NaN.
@Suite struct TitleOnlyTFIDFTests {
    static func paper(_ id: String, title: String, abstract: String) -> Paper {
        Paper(id: ArxivID(id)!, title: title, abstract: abstract)
    }

    @Test func titleOnlyPapersAreFittedAndTransformedFromTheirTitles() throws {
        var papers = Fixtures.synthetic(count: 200).enumerated().map { index, document in
            Self.paper(String(format: "2611.%05d", index + 1), title: document.title, abstract: document.abstract)
        }
        papers.append(Self.paper("2611.10001", title: "Graph transformer for galaxy clustering", abstract: ""))
        papers.append(Self.paper("2611.10002", title: "On the and of", abstract: ""))
        let fit = try TFIDFVectorizer(stopWords: try Fixtures.stopWords()).fit(papers)
        let matrix = fit.model.transform(papers)
        #expect(matrix == fit.matrix)

        let titled = matrix.row(papers.count - 2)
        #expect(!titled.isEmpty)
        let norm = titled.reduce(Float(0)) { $0 + $1.value * $1.value }
        #expect(abs(norm - 1) < 1e-5)
        let terms = Set(titled.map { fit.model.vocabulary[$0.column] })
        // Every term comes from the title (stems of `graph transformer for galaxy clustering`, alone or in pairs).
        let titleStems: Set<Substring> = ["graph", "transform", "galaxi", "cluster"]
        #expect(terms.allSatisfy { $0.split(separator: " ").allSatisfy { titleStems.contains($0) } })

        // A title of stop words only has no terms: an empty row, not NaN.
        let empty = matrix.row(papers.count - 1)
        #expect(empty.allSatisfy { $0.value.isFinite })
        #expect(empty.isEmpty)
    }
}
