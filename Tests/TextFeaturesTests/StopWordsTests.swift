import Testing
import TextFeatures

@Suite struct StopWordsTests {
    @Test func repositoryFileLoadsWithBoilerplate() throws {
        let stopWords = try Fixtures.stopWords()
        for word in [
            "the", "of", "and", "paper", "propose", "proposed", "method", "results", "show", "shows",
            "state-of-the-art", "https", "url",
        ] {
            #expect(stopWords.contains(word), "\(word)")
        }
        for word in ["model", "llm", "learning", "graph", "code", "retrieval"] {
            #expect(!stopWords.contains(word), "\(word)")
        }
        #expect(stopWords.count > 300)
    }

    @Test func repositoryFileIsOneLowerCaseWordALine() throws {
        var seen = Set<String>()
        for line in try Fixtures.stopWordsText().split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line == line.lowercased() && !line.contains(" ") && !line.isEmpty, "\(line)")
            #expect(seen.insert(String(line)).inserted, "duplicate \(line)")
        }
    }

    @Test func parsingSkipsCommentsAndBlankLinesAndTrims() {
        let stopWords = StopWords(parsing: "# comment\n\n  The \r\nof\n")
        #expect(stopWords.words == ["of", "the"])
        #expect(stopWords.contains("the") && !stopWords.contains("#"))
    }
}
