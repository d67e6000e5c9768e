import LinearAlgebra
import Testing

@testable import Topics

@Suite("Topic naming")
struct TopicNamingTests {
    static let catalog = NamedTopicCatalog(topics: [
        NamedTopic(id: "llm", name: "LLM", seeds: ["large language model", "llm", "reasoning", "code generation"]),
        NamedTopic(id: "agents", name: "Agents", seeds: ["agent", "tool use", "multi-agent"]),
        NamedTopic(id: "vision", name: "Vision", seeds: ["image", "video", "object detection"]),
    ])
    /// One seed vector per named topic: e₁, e₂, e₃ in 4 dimensions.
    static let seeds = Matrix([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]])

    static func terms(_ words: [String]) -> [TopicTerm] {
        words.enumerated().map { TopicTerm(index: $0.offset, term: $0.element, weight: Float(10 - $0.offset)) }
    }

    @Test("a clear match takes the name; an ambiguous or weak one falls back to the top terms")
    func clearAmbiguousWeak() {
        let centroids = Matrix([
            [1, 0, 0, 0],  // 0: LLM, sim 1, margin 1
            TestSupport.unit([1, 0.98, 0, 0.3]),  // 1: LLM 0.696 vs Agents 0.682: margin 0.014 < 0.03
            [0, 0, 0, 1],  // 2: no similarity at all
            TestSupport.unit([0, 0.2, 1, 3]),  // 3: Vision 0.315 vs 0.063: clear
            TestSupport.unit([0, 0.5, 0.1, 3]),  // 4: Agents 0.164 < 0.25: weak
        ])
        let topTerms = [
            Self.terms(["languag model", "llm", "pretrain"]),
            Self.terms(["tool", "reason", "plan", "benchmark"]),
            Self.terms(["galaxi", "star"]),
            Self.terms(["imag", "segment"]),
            Self.terms(["simul", "game", "player"]),
        ]
        let labels = TopicNaming(catalog: Self.catalog).label(
            centroids: centroids, seedVectors: Self.seeds, topTerms: topTerms)
        #expect(
            labels.map(\.name) == [
                "LLM", "tool · reason · plan", "galaxi · star", "Vision", "simul · game · player",
            ])
        #expect(labels.map(\.namedTopicID) == ["llm", nil, nil, "vision", nil])
        #expect(labels.map(\.closestNamedTopicID) == ["llm", "llm", "llm", "vision", "agents"])
        #expect(labels.map(\.topic) == [0, 1, 2, 3, 4])
        #expect(labels[0].similarity == 1 && labels[0].margin == 1)
        #expect(abs(labels[1].similarity - centroids[1, 0]) < 1e-6)
        #expect(abs(labels[1].margin - (centroids[1, 0] - centroids[1, 1])) < 1e-6)
        #expect(labels[1].margin > 0 && labels[1].margin < 0.03)
        #expect(labels[2].similarity == 0 && labels[2].margin == 0)
        #expect(labels[4].similarity < 0.25 && labels[4].margin >= 0.03)
        #expect(labels[2].topTerms == topTerms[2])

        // The thresholds come from the catalog.
        var lenient = Self.catalog
        lenient.minMargin = 0.01
        lenient.minSimilarity = 0.1
        let relabelled = TopicNaming(catalog: lenient).label(
            centroids: centroids, seedVectors: Self.seeds, topTerms: topTerms)
        #expect(relabelled.map(\.namedTopicID) == ["llm", "llm", nil, "vision", "agents"])
    }

    @Test("topics sharing a named topic get suffixes from their own non-seed top terms")
    func duplicatesGetSuffixes() {
        let centroids = Matrix([
            TestSupport.unit([0.9, 0.1, 0, 0.42]),  // 0: LLM 0.90
            [1, 0, 0, 0],  // 1: LLM 1.0 (best match)
            TestSupport.unit([0.8, 0, 0, 0.6]),  // 2: LLM 0.80
            TestSupport.unit([0.7, 0, 0, 0.714]),  // 3: LLM 0.70
            [0, 1, 0, 0],  // 4: Agents alone
        ])
        let topTerms = [
            Self.terms(["reason", "code", "math"]),  // "reason" is a seed ("reasoning") → "code"
            Self.terms(["languag model", "llm"]),
            Self.terms(["llm", "code", "math"]),  // "code" taken by topic 0 → "math"
            Self.terms(["llm", "larg languag model", "code"]),  // nothing left → rank in the group
            Self.terms(["agent", "tool"]),
        ]
        let naming = TopicNaming(catalog: Self.catalog)
        let labels = naming.label(centroids: centroids, seedVectors: Self.seeds, topTerms: topTerms)
        #expect(labels.map(\.name) == ["LLM · code", "LLM", "LLM · math", "LLM (4)", "Agents"])
        #expect(labels.map(\.namedTopicID) == ["llm", "llm", "llm", "llm", "agents"])

        // Without keeping the best match plain, every member is suffixed.
        let allSuffixed = TopicNaming(catalog: Self.catalog, keepBestMatchPlain: false).label(
            centroids: centroids, seedVectors: Self.seeds, topTerms: topTerms)
        #expect(allSuffixed.map(\.name) == ["LLM · code", "LLM · languag model", "LLM · math", "LLM (4)", "Agents"])

        // Caller-supplied analysed seed terms also count as seeds.
        let withSeedTerms = naming.label(
            centroids: centroids, seedVectors: Self.seeds, topTerms: topTerms,
            seedTerms: [["code", "math"], [], []])
        #expect(withSeedTerms.map(\.name) == ["LLM (2)", "LLM", "LLM (3)", "LLM (4)", "Agents"])
    }

    @Test("precomputed similarities give the same labels; no named topics name everything by its terms")
    func precomputedAndEmpty() {
        let centroids = Matrix([[1, 0, 0, 0], [0, 0, 0, 1]])
        let topTerms = [Self.terms(["a", "b", "c", "d"]), []]
        let naming = TopicNaming(catalog: Self.catalog)
        let direct = naming.label(centroids: centroids, seedVectors: Self.seeds, topTerms: topTerms)
        let precomputed = naming.label(
            similarities: centroids.multiplied(by: Self.seeds, transposeOther: true), topTerms: topTerms)
        #expect(direct == precomputed)
        #expect(direct.map(\.name) == ["LLM", "topic 1"])

        let none = TopicNaming(catalog: NamedTopicCatalog(topics: []), fallbackTermCount: 2).label(
            centroids: centroids, seedVectors: Matrix(rows: 0, columns: 4), topTerms: topTerms)
        #expect(none.map(\.name) == ["a · b", "topic 1"])
        #expect(none.allSatisfy { $0.namedTopicID == nil && $0.closestNamedTopicID == nil && $0.similarity == 0 })
    }

    @Test("the word-wise seed rule matches stems and bigrams of seed phrases")
    func seedTermRule() throws {
        let llm = Self.catalog.topics[0], agents = Self.catalog.topics[1]
        #expect(TopicNaming.isSeedTerm("reason", of: llm))
        #expect(TopicNaming.isSeedTerm("llm", of: llm))
        #expect(TopicNaming.isSeedTerm("code generat", of: llm))
        #expect(TopicNaming.isSeedTerm("larg languag model", of: llm))
        #expect(!TopicNaming.isSeedTerm("languag model", of: llm))  // not a whole seed phrase of this catalog
        #expect(!TopicNaming.isSeedTerm("code", of: llm))
        #expect(!TopicNaming.isSeedTerm("re", of: llm))
        #expect(TopicNaming.isSeedTerm("agent", of: agents))
        #expect(TopicNaming.isSeedTerm("multi-ag", of: agents) == false)
        #expect(TopicNaming.isSeedTerm("multi-agent", of: agents))
        #expect(TopicNaming.isSeedTerm("multi agent", of: agents))
        #expect(TopicNaming.isSeedTerm("tool use", of: agents))
        let query = NamedTopic(id: "rag", name: "RAG", seeds: ["query", "dense retrieval"])
        #expect(TopicNaming.isSeedTerm("queri", of: query))
        #expect(TopicNaming.isSeedTerm("dens retriev", of: query))

        // With the shipped catalog, common stems of its seeds are recognised.
        if let text = try TestSupport.topicsTOML() {
            let shipped = try NamedTopicCatalog(parsing: text)
            let rag = try #require(shipped.topic(id: "rag"))
            #expect(TopicNaming.isSeedTerm("retriev", of: rag))
            #expect(TopicNaming.isSeedTerm("knowledg graph", of: rag))
            let shippedLLM = try #require(shipped.topic(id: "llm"))
            #expect(TopicNaming.isSeedTerm("languag model", of: shippedLLM))
        }
    }
}
