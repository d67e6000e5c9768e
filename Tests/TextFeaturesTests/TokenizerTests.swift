import Testing
import TextFeatures

@Suite struct TokenizerTests {
    func texts(_ text: String) -> [String] {
        Tokenizer().tokens(in: TextNormalizer().normalize(text)).map(\.text)
    }

    func boundaries(_ text: String) -> [String: Bool] {
        Dictionary(
            Tokenizer().tokens(in: TextNormalizer().normalize(text)).map { ($0.text, $0.startsPhrase) },
            uniquingKeysWith: { first, _ in first })
    }

    @Test func keepsModelNamesWhole() {
        #expect(
            texts("GPT-4o and LLaMA-3 beat o1 on 3D k-means RAG")
                == ["gpt-4o", "and", "llama-3", "beat", "o1", "on", "3d", "k-means", "rag"])
    }

    @Test func keepsHyphenatedCompoundsWhole() {
        #expect(texts("state-of-the-art vision-language models") == ["state-of-the-art", "vision-language", "models"])
    }

    @Test func splitsAtDanglingAndDoubleHyphens() {
        #expect(texts("pre- and post-training -- done") == ["pre", "and", "post-training", "done"])
        #expect(boundaries("pre- and post-training")["and"] == true)
    }

    @Test func dropsNumbersAndSingleCharacters() {
        #expect(
            texts("in 2024 we trained 175 models, 3.5 times a 2-3 x") == ["in", "we", "trained", "models", "times"])
        #expect(boundaries("in 2024 we")["we"] == true)
    }

    @Test func dropsPossessiveS() {
        #expect(texts("the model's accuracy") == ["the", "model", "accuracy"])
        #expect(boundaries("the model's accuracy")["accuracy"] == false)
    }

    @Test func punctuationStartsAPhrase() {
        let tokens = Tokenizer().tokens(in: "graphs, trees and (forests)")
        #expect(tokens.map(\.startsPhrase) == [true, true, false, true])
    }

    @Test func noTokenCrossesPunctuation() {
        #expect(texts("e.g. accuracy/recall:precision") == ["accuracy", "recall", "precision"])
    }

    @Test func skipsLaTeXAndURLs() {
        #expect(
            texts("We bound $\\mathcal{O}(n^2)$ time; code at https://github.com/x/y")
                == ["we", "bound", "time", "code", "at"])
        #expect(boundaries("use $k$ nearest neighbours")["nearest"] == true)
    }

    @Test func ignoresChineseText() {
        #expect(texts("大型语言模型 large 模型 models") == ["large", "models"])
        #expect(boundaries("large 模型 models")["models"] == true)
    }

    @Test func lowerCasesUnnormalisedInput() {
        #expect(Tokenizer().tokens(in: "BERT Models").map(\.text) == ["bert", "models"])
    }
}
