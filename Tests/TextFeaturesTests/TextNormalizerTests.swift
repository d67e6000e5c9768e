import Testing
import TextFeatures

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    @Test func lowerCasesASCII() {
        #expect(normalizer.normalize("Large Language Models (LLMs)") == "large language models (llms)")
    }

    @Test(arguments: [
        ("ﬁne-tuning", "fine-tuning"),
        ("naïve Bayes", "naive bayes"),
        ("Schrödinger équation", "schrodinger equation"),
        ("Straße", "strasse"),
        ("Ｇｐｔ", "gpt"),
        ("x²", "x2"),
        ("zero\u{200B}width", "zerowidth"),
        ("non\u{2011}linear", "non-linear"),
        ("model’s", "model's"),
    ])
    func foldsUnicode(input: String, expected: String) {
        #expect(normalizer.normalize(input) == expected)
    }

    @Test func dropsLaTeXMath() {
        #expect(normalizer.normalize("time $O(n^2)$ and $$E = mc^2$$ here") == "time | and | here")
        #expect(normalizer.normalize("we use \\mathbf{x} and \\mathcal{O}(1) cost") == "we use | and |(1) cost")
        #expect(normalizer.normalize("inline \\(a+b\\) and display \\[c\\] math") == "inline | and display | math")
    }

    @Test func keepsTextOfOtherCommandsAndLonePrices() {
        #expect(normalizer.normalize("an \\emph{important} step") == "an |{important} step")
        #expect(normalizer.normalize("costs $5 only") == "costs |5 only")
        #expect(normalizer.normalize("R\\&D") == "r|d")
    }

    @Test func dropsURLs() {
        #expect(normalizer.normalize("Code: https://github.com/a/b. More") == "code: | more")
        #expect(normalizer.normalize("see www.example.org now") == "see | now")
        #expect(normalizer.normalize("available at this https URL.") == "available at this |.")
        #expect(normalizer.normalize("thehttps://x") == "thehttps://x")
    }

    @Test func keepsNonLatinTextForTheTokenizerToSkip() {
        #expect(normalizer.normalize("大模型 LLM") == "大模型 llm")
    }

    @Test func asciiAndUnicodePathsAgree() {
        let text = "GPT-4o beats $x$ at https://a.b/c, see \\cite{k} (2024) R\\&D"
        #expect(normalizer.normalize(text) == normalizer.normalize(text + " é").dropLast(2))
    }
}
