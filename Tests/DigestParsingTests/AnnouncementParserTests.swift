import DigestParsing
import PaperRadarCore
import Testing

@Suite("arXiv announcement layout")
struct AnnouncementParserTests {
    @Test func entriesGetIdVersionTypeDateAndTranslation() throws {
        let digest = try parse(Fixture.announcement)
        #expect(digest.format == .arxivAnnouncement)
        #expect(digest.date == "2025-07-02")
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2507.00123", "2506.09999", "2507.00456", "2505.01234"])

        let kettle = try digest.paper("2507.00123")
        #expect(kettle.version == 1)
        #expect(kettle.title == "Kettle: Boiling Down Long Contexts & Keeping Answers")
        #expect(kettle.authors.isEmpty)
        #expect(kettle.date == "2025-07-02")
        #expect(kettle.extras.announceType == "new")
        #expect(kettle.extras.translatedAbstract == "我们将长上下文压缩为简短摘要。")
    }

    @Test func htmlEntitiesAreDecoded() throws {
        let kettle = try parse(Fixture.announcement).paper("2507.00123")
        #expect(kettle.abstract == #"Kettle keeps $\it{answers}$, {braces}, <tags> & "quotes"."#)
    }

    @Test func everyAnnounceTypeIsKept() throws {
        let digest = try parse(Fixture.announcement)
        #expect(digest.papers.map { $0.extras.announceType } == ["new", "replace-cross", "cross", "replace"])
        #expect(digest.papers.map(\.version) == [1, 2, 1, 3])
    }

    @Test func indentedLinesAreParagraphs() throws {
        let survey = try parse(Fixture.announcement).paper("2506.09999")
        #expect(
            survey.abstract
                == "Teapots are surveyed from every angle.\n\nA second paragraph about spouts.\n\n"
                + "A third paragraph about lids.")
        #expect(survey.extras.translatedAbstract == "茶壶综述。\n\n第二段。")
        #expect(try parse(Fixture.announcement).paper("2507.00456").extras.translatedAbstract == nil)
    }

    @Test func brokenEntriesAreWarningsAndTheOthersSurvive() throws {
        let text = Fixture.announcement
            .replacing("arXiv:2507.00456v1 Announce Type: cross \nAbstract: Kettles in many languages.\n", with: "")
            .replacing("(https://arxiv.org/abs/2505.01234)", with: "(https://example.org/kettles)")
            .replacing("arXiv:2505.01234v3", with: "arXiv:kettles")
        let digest = try parse(text)
        #expect(digest.ids == ["2507.00123", "2506.09999", "2507.00456"])
        #expect(try digest.paper("2507.00456").isTitleOnly)
        #expect(digest.warnings.count == 2)
        let noAbstract = try #require(digest.warnings.first)
        #expect(noAbstract.line == text.lineNumber(of: "## [Cross-Lingual Kettles]"))
        #expect(noAbstract.message.contains("2507.00456") && noAbstract.message.contains("no English abstract"))
        let noID = try #require(digest.warnings.last)
        #expect(noID.line == text.lineNumber(of: "## [Replacing Kettles]"))
        #expect(noID.message.contains("no arXiv id"))
    }
}
