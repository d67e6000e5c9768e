import PaperRadarCore
import Testing

@Suite struct TOMLTests {
    @Test func readsTheSubsetPaperRadarUses() throws {
        let text = """
            # A profile
            liked = ["2502.10391", "2410.07177",]   # trailing comma
            min_score = 0.25
            seen_days = 14
            enabled = true
            "quoted key" = 'literal \\n stays'
            keywords.boost = [
                "retrieval",   # comment inside
                "agents",
            ]
            since = 2026-11-01

            [weights]
            rules = 0.3
            inline = { a = 1, b = "two" }

            [[topic]]
            name = "LLM"
            seeds = ["large language model", "llm"]

            [[topic]]
            name = "Vision"
            seeds = ["image"]
            note = "tab\\tand \\u00e9"
            """
        let doc = try TOML.parse(text)
        #expect(doc["liked"]?.strings == ["2502.10391", "2410.07177"])
        #expect(doc["min_score"]?.double == 0.25)
        #expect(doc["seen_days"]?.integer == 14)
        #expect(doc["enabled"]?.boolean == true)
        #expect(doc["quoted key"]?.string == "literal \\n stays")
        #expect(doc["keywords"]?["boost"]?.strings == ["retrieval", "agents"])
        #expect(doc["since"]?.string == "2026-11-01")
        #expect(doc["weights"]?["rules"]?.double == 0.3)
        #expect(doc["weights"]?["inline"]?["b"]?.string == "two")
        let topics = try #require(doc["topic"]?.array)
        #expect(topics.count == 2)
        #expect(topics[0]["name"]?.string == "LLM")
        #expect(topics[1]["seeds"]?.strings == ["image"])
        #expect(topics[1]["note"]?.string == "tab\tand é")
    }

    @Test(arguments: [
        ("a = ", 1, "expected a value"), ("a = 1\na = 2", 2, "defined twice"), ("x = \"open", 1, "unterminated"),
        ("[t]\n[t]", 2, "defined twice"), ("k = bare", 1, "strings need quotes"), ("a = [1, 2", 1, "unterminated array"),
        ("a = 1 b = 2", 1, "one key = value per line"),
    ])
    func reportsErrorsWithLineNumbers(text: String, line: Int, fragment: String) {
        do {
            _ = try TOML.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func crlfAndEmptyDocuments() throws {
        #expect(try TOML.parse("").isEmpty)
        #expect(try TOML.parse("a = 1\r\nb = 2\r\n")["b"]?.integer == 2)
    }
}
