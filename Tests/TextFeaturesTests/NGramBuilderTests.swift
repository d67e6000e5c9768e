import Testing
import TextFeatures

@Suite struct NGramBuilderTests {
    let stopWords = StopWords(words: ["to", "the", "of", "a"])

    func terms(_ text: String, range: ClosedRange<Int> = 1...2) -> [String] {
        TextAnalyzer(stopWords: stopWords, stemming: false, ngramRange: range).terms(in: text)
    }

    @Test func bigramNeverSpansAStopWord() {
        #expect(terms("learning to rank") == ["learning", "rank"])
    }

    @Test func bigramNeverSpansPunctuation() {
        #expect(
            terms("deep learning, graph networks")
                == ["deep", "learning", "deep learning", "graph", "networks", "graph networks"])
        #expect(terms("sparse (dense) retrieval") == ["sparse", "dense", "retrieval"])
    }

    @Test func bigramNeverSpansDroppedMathOrNumbers() {
        #expect(terms("nearest $k$ neighbours") == ["nearest", "neighbours"])
        #expect(terms("top 5 accuracy") == ["top", "accuracy"])
    }

    @Test func consecutiveContentWordsMakeBigrams() {
        #expect(
            terms("large language models")
                == ["large", "language", "large language", "models", "language models"])
    }

    @Test func rangesSelectUnigramsOrBigrams() {
        #expect(terms("large language models", range: 1...1) == ["large", "language", "models"])
        #expect(terms("large language models", range: 2...2) == ["large language", "language models"])
    }

    @Test func stemsWithPorter2WhenOn() {
        let analyzer = TextAnalyzer(stopWords: stopWords, stemming: true)
        let tokens = analyzer.tokens(in: "Learning networks of GPT-4o")
        #expect(tokens.map(\.stem) == ["learn", "network", "of", "gpt-4o"])
        #expect(tokens.map(\.isStopWord) == [false, false, true, false])
        #expect(analyzer.terms(in: "Learning networks") == ["learn", "network", "learn network"])
    }
}
