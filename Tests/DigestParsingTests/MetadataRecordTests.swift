import PaperRadarCore
import Testing

@testable import DigestParsing

@Suite struct MetadataRecordTests {
    @Test func corpusShape() throws {
        let line = #"{"id": "2611.00301", "title": "Sparse\u200b Routers", "abstract": "We route\n  tokens.", "categories": ["cs.CL", "cs.LG"], "date": "2026-11-02"}"#
        let paper = try MetadataRecord.paper(fromJSONLine: Array(line.utf8))
        #expect(paper.id.rawValue == "2611.00301" && paper.version == nil)
        #expect(paper.title == "Sparse Routers", "zero-width characters are dropped")
        #expect(paper.abstract == "We route tokens.", "hard wraps are folded")
        #expect(paper.categories == ["cs.CL", "cs.LG"] && paper.date == "2026-11-02")
    }

    @Test func arxivSnapshotShape() throws {
        let line = #"{"id": "0704.0001", "title": "  Caf\u00e9\u00a0physics\n  revisited", "abstract": "\u3000A\tB\ufeff", "categories": "hep-ph astro-ph.CO", "authors": "A. One, B. Two, and C. Three", "update_date": "2008-11-13", "versions": [{"version": "v1"}, {"version": "v2"}]}"#
        let paper = try MetadataRecord.paper(fromJSONLine: Array(line.utf8))
        #expect(paper.version == 2)
        #expect(paper.title == "Café physics revisited", "NBSP and newlines count as spaces; text is NFC")
        #expect(paper.abstract == "A B")
        #expect(paper.categories == ["hep-ph", "astro-ph.CO"])
        #expect(paper.authors == ["A. One", "B. Two", "C. Three"])
        #expect(paper.date == "2008-11-13")
    }

    @Test(arguments: [
        (#"not json"#, "invalid JSON"), (#"{"title": "t", "abstract": "a"}"#, "\"id\""),
        (#"{"id": "2611.00302", "title": " ", "abstract": "a"}"#, "empty \"title\""),
        (#"{"id": "2611.00302", "title": "t", "abstract": ""}"#, "empty \"abstract\""),
    ])
    func badLinesSayWhy(line: String, fragment: String) {
        #expect {
            try MetadataRecord.paper(fromJSONLine: Array(line.utf8))
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }
}
