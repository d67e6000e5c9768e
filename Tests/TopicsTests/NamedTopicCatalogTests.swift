import Testing

@testable import Topics

@Suite("Named-topic catalog")
struct NamedTopicCatalogTests {
    @Test("the shipped models/topics.toml parses with the required named topics")
    func parsesShippedCatalog() throws {
        let text = try #require(try TestSupport.topicsTOML(), "models/topics.toml not found (set PAPERRADAR_REPO)")
        let catalog = try NamedTopicCatalog(parsing: text)
        #expect(catalog.topics.count >= 12)
        let ids = Set(catalog.topics.map(\.id))
        for id in [
            "llm", "agents", "rag", "vision", "rl", "robotics", "speech", "safety", "efficiency", "medical",
            "graphs", "theory",
        ] {
            #expect(ids.contains(id), "missing named topic '\(id)'")
        }
        #expect(ids.count == catalog.topics.count)
        #expect(catalog.minSimilarity == 0.25)
        #expect(catalog.minMargin == 0.03)
        for topic in catalog.topics {
            #expect(!topic.name.isEmpty && !topic.seeds.isEmpty && !topic.description.isEmpty)
        }
        #expect(catalog.topic(id: "llm")?.name == "LLM")
        #expect(catalog.topic(id: "llm")?.seeds.contains("large language model") == true)
        #expect(catalog.index(ofID: "llm") == 0)
        #expect(catalog.index(ofID: "nope") == nil)
    }

    @Test("thresholds default to 0.25 and 0.03; description is optional")
    func defaults() throws {
        let catalog = try NamedTopicCatalog(
            parsing: """
                [[topic]]
                id = "a"
                name = "A"
                seeds = ["alpha"]
                """)
        #expect(catalog.minSimilarity == 0.25 && catalog.minMargin == 0.03)
        #expect(catalog.topics == [NamedTopic(id: "a", name: "A", description: "", seeds: ["alpha"])])
    }

    @Test("a topic without `name` is an error at its header line")
    func missingName() {
        let error = parseError(
            """
            min_similarity = 0.3

            [[topic]]
            id = "a"
            name = "A"
            seeds = ["alpha"]

            [[topic]]
            id = "b"
            seeds = ["beta"]
            """)
        #expect(error?.line == 8)
        #expect(error?.message == "topic #2 ('b'): missing `name`")
        #expect(error?.description == "line 8: topic #2 ('b'): missing `name`")
    }

    @Test("empty `seeds` is an error at the seeds line")
    func emptySeeds() {
        let error = parseError(
            """
            [[topic]]
            id = "a"
            name = "A"
            seeds = [
            ]
            """)
        #expect(error?.line == 4)
        #expect(error?.message.contains("topic #1 ('a'): `seeds` is empty") == true)
    }

    @Test("a duplicate id is an error at the second id's line")
    func duplicateID() {
        let error = parseError(
            """
            [[topic]]
            id = "a"
            name = "A"
            seeds = ["alpha", "beta",
                     "gamma"]

            [[topic]]
            id = "a"
            name = "Again"
            seeds = ["delta"]
            """)
        #expect(error?.line == 8)
        #expect(error?.message == "topic #2 ('a'): duplicate id 'a' (already used by topic #1)")
    }

    @Test(
        "other schema errors name the field",
        arguments: [
            ("[[topic]]\nname = \"A\"\nseeds = [\"a\"]", 1, "topic #1: missing `id`"),
            ("[[topic]]\nid = \"a\"\nname = \"A\"", 1, "topic #1 ('a'): missing `seeds`"),
            ("[[topic]]\nid = \"a\"\nname = \"  \"\nseeds = [\"a\"]", 3, "topic #1 ('a'): `name` is empty"),
            ("[[topic]]\nid = \"a b\"\nname = \"A\"\nseeds = [\"a\"]", 2, "`id` 'a b' must be"),
            ("[[topic]]\nid = \"a\"\nname = \"A\"\nseeds = [\"a\", 3]", 4, "`seeds` must be an array of strings"),
            ("[[topic]]\nid = \"a\"\nname = \"A\"\nseeds = [\"a\", \" \"]", 4, "seed #2 of `seeds` is blank"),
            ("[[topic]]\nid = \"a\"\nname = \"A\"\nseed = [\"a\"]", 4, "unknown key 'seed'"),
            (
                "min_similarity = 2.0\n[[topic]]\nid = \"a\"\nname = \"A\"\nseeds = [\"a\"]", 1,
                "'min_similarity' must be"
            ),
            ("min_margin = -0.1\n[[topic]]\nid = \"a\"\nname = \"A\"\nseeds = [\"a\"]", 1, "'min_margin' must be"),
            ("min_margn = 0.1\n[[topic]]\nid = \"a\"\nname = \"A\"\nseeds = [\"a\"]", 1, "unknown key 'min_margn'"),
            ("[[topic]]\nid = \"a\"\nname = \"A\n", 3, "TOML syntax"),
        ])
    func schemaErrors(text: String, line: Int, fragment: String) {
        let error = parseError(text)
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }

    @Test("a catalog without topics is an error")
    func noTopics() {
        let error = parseError("min_similarity = 0.3\n")
        #expect(error?.message.contains("no [[topic]]") == true)
    }

    private func parseError(_ text: String) -> TopicCatalogError? {
        do {
            _ = try NamedTopicCatalog(parsing: text)
            return nil
        } catch {
            return error
        }
    }
}
