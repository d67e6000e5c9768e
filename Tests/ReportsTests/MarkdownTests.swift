import Testing

@testable import Reports

/// Markdown output: escaping, structure and the empty cases.
@Suite struct MarkdownTests {
    @Test func escapingNeutralisesStructure() {
        #expect("<script>alert(1)</script>".markdownEscaped == "\\<script\\>alert(1)\\</script\\>")
        #expect("a | b".markdownEscaped == "a \\| b")
        #expect("# Heading".markdownEscaped == "\\# Heading")
        #expect("C# and F#".markdownEscaped == "C# and F#")
        #expect("[link](javascript:x)".markdownEscaped == "\\[link\\](javascript:x)")
        #expect("*bold* _it_ `code` ~~gone~~".markdownEscaped == "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~")
        #expect("Q&A &amp; &#39; R&D".markdownEscaped == "Q&A \\&amp; \\&#39; R&D")
        #expect("two\nlines\u{0001}  here".markdownEscaped == "two lines here")
        #expect("数据 🚀".markdownEscaped == "数据 🚀")
    }

    @Test func codeSpansOnlyHoldPlainText() {
        #expect("tfidf-5c1e2a9b+lsa-77d0f3c4".markdownCode == "`tfidf-5c1e2a9b+lsa-77d0f3c4`")
        #expect("my profile (v2).toml".markdownCode == "`my profile (v2).toml`")
        #expect("a`b".markdownCode == "a\\`b")
        #expect("a|b".markdownCode == "a\\|b")
        #expect("<b>".markdownCode == "\\<b\\>")
    }

    /// The cells of a table row: split on pipes that are not escaped.
    static func cells(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count - 1
    }

    /// The positions of `character` in `markdown` that no backslash escapes.
    static func unescaped(_ character: Character, in markdown: String) -> [String.Index] {
        var positions: [String.Index] = []
        var escaped = false
        for index in markdown.indices {
            if markdown[index] == character && !escaped { positions.append(index) }
            escaped = markdown[index] == "\\" && !escaped
        }
        return positions
    }

    @Test func hostileStringsCannotBreakStructure() {
        for markdown in [
            HostileFixtures.digest.rendered(as: .markdown), HostileFixtures.topicReport.rendered(as: .markdown),
            HostileFixtures.readingList.rendered(as: .markdown),
        ] {
            #expect(!markdown.contains("<script>"))
            #expect(!markdown.contains("\u{0001}"))
            // No raw HTML can start: every `<` is backslash-escaped.
            #expect(Self.unescaped("<", in: markdown).isEmpty)
            // Every link the renderer did not escape goes to arXiv.
            for index in Self.unescaped("]", in: markdown) {
                #expect(markdown[index...].hasPrefix("](https://arxiv.org/abs/"), "\(markdown[index...].prefix(40))")
            }
            // Every table row has as many cells as its header.
            var columns: Int?
            for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
                guard line.hasPrefix("|") else {
                    columns = nil
                    continue
                }
                if let columns { #expect(Self.cells(line) == columns, "\(line)") } else { columns = Self.cells(line) }
            }
            // Headings come only from the renderer.
            for line in markdown.split(separator: "\n") where line.hasPrefix("#") {
                #expect(line.hasPrefix("# ") || line.hasPrefix("## ") || line.hasPrefix("### "))
            }
        }
    }

    @Test func everyReportStartsWithItsProvenance() {
        for markdown in [
            Fixtures.digest.rendered(as: .markdown), Fixtures.topicReport.rendered(as: .markdown),
            Fixtures.readingList.rendered(as: .markdown),
        ] {
            let head = markdown.split(separator: "\n").prefix(12).joined(separator: "\n")
            #expect(head.contains("| Generated "))
            #expect(head.contains("2026-11-22T09:30:00Z"))
            #expect(head.contains("PaperRadar 0.6.0"))
            #expect(head.contains("1,284"))
            #expect(head.contains("`tfidf-5c1e2a9b+lsa-77d0f3c4`"))
            #expect(head.contains("`topics-a41b9e20`"))
            #expect(markdown.contains("| setting `related`         | top 3, score = 0.9·LSA + 0.1·TF-IDF "))
        }
    }

    @Test func digestShowsEntriesWithRelatedPapers() {
        let markdown = Fixtures.digest.rendered(as: .markdown)
        #expect(
            markdown.contains(
                "1. **[Cheap Listwise Reranking with Distilled Judges](https://arxiv.org/abs/2611.05120)** · **NEW** · "
                    + "score 0.87 · topic: Retrieval"))
        #expect(
            markdown.contains(
                "- [When Do Rerankers Overrule the Retriever?](https://arxiv.org/abs/2609.15508) — 0.81 · 2026-09-30 · "
                    + "shared: reranker, listwise, distillation"))
        #expect(markdown.contains("| Retrieval       |      1 |  25 % |"))
        #expect(markdown.contains("## Warnings (1)"))
    }

    @Test func topicOrderingGroupsConsecutiveRuns() {
        var report = Fixtures.digestByTopic
        report.entries.append(
            .init(paper: Fixtures.olderRetrieval, isNew: false, topic: Fixtures.retrieval, related: []))
        let markdown = report.rendered(as: .markdown)
        #expect(markdown.components(separatedBy: "### Retrieval (2)").count == 2)
        #expect(markdown.contains("### Retrieval (1)"))
        #expect(markdown.contains("### Language models (1)"))
        #expect(!markdown.contains("score 0."))
        #expect(markdown.contains("5. **[When Do Rerankers Overrule the Retriever?]"))
    }

    @Test func emptyReportsSayWhatIsMissing() {
        let digest = EdgeFixtures.emptyDigest.rendered(as: .markdown)
        #expect(digest.contains("**This digest has no papers.**"))
        #expect(digest.contains("No papers in this digest."))
        #expect(!digest.contains("| Share"))
        let list = EdgeFixtures.emptyReadingList.rendered(as: .markdown)
        #expect(list.contains("No papers to recommend among 0 candidates."))
        #expect(list.contains("No self-check: too few liked papers to hold some out."))
        let topics = EdgeFixtures.singleTopic.rendered(as: .markdown)
        #expect(topics.contains("No papers on the map."))
        #expect(topics.contains("| Everything |          1 |         1 |"))
        #expect(topics.contains("### Everything (topic 0, 1 paper)"))
    }

    @Test func topicReportPointsToTheHTMLMapAndTabulatesRecentDates() {
        let markdown = Fixtures.topicReport.rendered(as: .markdown)
        #expect(markdown.contains("Open the HTML report for the map of 120 of 515 papers (a sample)"))
        #expect(markdown.contains("PC1 · 18.3 % of variance"))
        #expect(markdown.contains("| other (2 topics) "))
        #expect(markdown.contains("|  10 |      0.121 |     0.840 | **chosen** |"))
        #expect(markdown.contains("Retrieval (named: RAG)"))
    }

    @Test func readingListEndsWithTheSelfCheck() {
        let markdown = Fixtures.readingList.rendered(as: .markdown)
        #expect(
            markdown.hasSuffix(
                "**Held out 3 liked papers × 5 folds: recall@top 11 (5 %) = 0.83**  \n"
                    + ReadingListReport.selfCheckExplanation + "\n"))
        #expect(markdown.contains("*Why:* Close to 3 liked papers on reranking; boosted for \"reranker\"."))
        #expect(markdown.contains("Not in the store (ignored): 2605.99999."))
    }
}
