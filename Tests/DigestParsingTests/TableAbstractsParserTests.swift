import DigestParsing
import PaperRadarCore
import Testing

@Suite("Table + abstracts layout")
struct TableAbstractsParserTests {
    @Test func currentLayoutGivesEveryField() throws {
        let digest = try parse(Fixture.tableAbstracts)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.date == nil)
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2501.04321", "2501.03987", "2501.03901"])

        let lantern = try digest.paper("2501.04321")
        #expect(lantern.version == 2)
        #expect(lantern.title == "Lantern: Small Models, Long Proofs")
        #expect(lantern.authors == ["Mira Okafor", "Jun Takeda", "Priya Raman"])
        #expect(
            lantern.abstract
                == "We study how small language models can follow proofs that are much longer than their training "
                + "examples. Lantern interleaves a planner and a checker so that each step is verified before the "
                + "next one is drafted.\n\nWe release the code and a benchmark of 400 proofs.")
        #expect(lantern.date == "2025-01-09")
        #expect(lantern.tags == ["LLM"])
        #expect(lantern.categories.isEmpty)
        #expect(lantern.codeURL == Fixture.lantern)
        #expect(lantern.extras.translatedAbstract == "我們研究小型語言模型如何遵循比訓練範例長得多的證明。")
    }

    @Test func emptyTranslationIsNil() throws {
        let quiet = try parse(Fixture.tableAbstracts).paper("2501.03987")
        #expect(quiet.extras.translatedAbstract == nil)
        #expect(quiet.codeURL == nil)
        #expect(quiet.authors == ["Tomas Varga", "Lena Brandt"])
        #expect(quiet.abstract.hasSuffix("keep accuracy within one point."))
    }

    @Test func abstractStartingWithTitleAndSecondTranslationLabelStayOnePaper() throws {
        let orchard = try parse(Fixture.tableAbstracts).paper("2501.03901")
        #expect(
            orchard.abstract
                == "Title: Orchard: Forecasting Fruit Yield from Drone Images\n\nAuthors: Ana Lindqvist, Bo Chen\n\n"
                + "Abstract: We count apples from the air and predict the harvest a month ahead.")
        #expect(orchard.extras.translatedAbstract == "標題：果園摘要：我們從空中數蘋果。")
    }

    @Test func noZeroWidthCharactersOrParagraphTagsSurvive() throws {
        for paper in try parse(Fixture.tableAbstracts).papers {
            let texts = [paper.title, paper.abstract, paper.extras.translatedAbstract ?? ""]
            for text in texts {
                #expect(!text.unicodeScalars.contains("\u{200B}"))
                #expect(!text.contains("paragraph>"))
                #expect(!text.contains("摘要：") || text == paper.extras.translatedAbstract)
            }
        }
    }

    @Test func earlyVariantWithPDFColumnAndFirstAuthorOnly() throws {
        let digest = try parse(Fixture.tableAbstractsEarly)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2403.07011", "2403.06500"])
        let maps = try digest.paper("2403.07011")
        #expect(maps.title == "Sparse Maps for Robot Kitchens")
        #expect(maps.authors == ["Elif Demir"])
        #expect(maps.version == 1)
        #expect(maps.date == "2024-03-12")
        #expect(
            maps.abstract
                == "Robots that cook need maps of cluttered rooms. We build sparse maps from a single camera and show "
                + "that they are enough for pick-and-place tasks.")
        let sheep = try digest.paper("2403.06500")
        #expect(sheep.version == 3)
        #expect(sheep.codeURL == Fixture.sheep)
        #expect(sheep.abstract == "We count animals in drone footage with a small transformer.")
        #expect(sheep.extras.translatedAbstract == nil)
    }

    @Test func perDayArchiveMergesAPaperListedUnderTwoSubtopics() throws {
        let digest = try parse(Fixture.tableArchive)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.date == "2026-05-04")
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2605.00111", "2605.00222"])
        let ward = try digest.paper("2605.00111")
        #expect(ward.tags == ["LLM", "Medical"])
        #expect(ward.date == "2026-05-01")
        #expect(ward.authors == ["Kofi Mensah", "Ines Moreau"])
        #expect(try digest.paper("2605.00222").tags == ["LLM"])
    }

    @Test func headerOnlyTableIsAnEmptyDigestOfThisFormat() throws {
        let digest = try parse(Fixture.tableAbstractsEmpty)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.papers.isEmpty)
        #expect(digest.warnings.isEmpty)
    }

    @Test func entryWithoutIdLineIsAWarningAndIsMatchedToItsRowByTitle() throws {
        let text = Fixture.tableAbstracts.replacing("2501.03987v1 by Tomas Varga, Lena Brandt\n", with: "")
        let digest = try parse(text)
        #expect(digest.ids == ["2501.04321", "2501.03987", "2501.03901"])
        let headingLine = text.lineNumber(of: "##### **Quiet Tokens")
        let warning = try #require(digest.warnings.first { $0.line == headingLine })
        #expect(digest.warnings.count == 1)
        #expect(warning.message.contains("Quiet Tokens"))
        #expect(warning.message.contains("no `ID by authors` line"))
        #expect(warning.message.contains("matched to the table row of 2501.03987"))
        let quiet = try digest.paper("2501.03987")
        #expect(quiet.abstract.hasSuffix("keep accuracy within one point."))
        #expect(quiet.authors == ["Tomas Varga"], "the row's first author")
    }

    @Test func entryWithoutIdOrMatchingRowIsAWarningAndTheOthersSurvive() throws {
        let text = Fixture.tableAbstracts
            .replacing("2501.03987v1 by Tomas Varga, Lena Brandt\n", with: "")
            .replacing("##### **Quiet Tokens: Pruning Attention Without Retraining**", with: "##### **Quiet Tokens**")
        let digest = try parse(text)
        let headingLine = text.lineNumber(of: "##### **Quiet Tokens")
        let warning = try #require(digest.warnings.first { $0.line == headingLine })
        #expect(warning.message.contains("skipped") && warning.message.contains("no `ID by authors` line"))
        // The row of the paper still gives it, title-only, reported in the file's one title-only warning.
        #expect(digest.ids == ["2501.04321", "2501.03987", "2501.03901"])
        #expect(try digest.paper("2501.03987").isTitleOnly)
        let rowLine = text.lineNumber(of: "|**2025-01-08**|**Quiet Tokens")
        #expect(digest.warnings.contains { $0.line == rowLine && $0.message.contains("1 paper has no English abstract") })
    }

    @Test func idThatDoesNotParseIsAWarning() throws {
        let text = Fixture.tableAbstracts.replacing("2501.03987v1 by Tomas", with: "2513.0398v1 by Tomas")
        let digest = try parse(text)
        #expect(digest.ids == ["2501.04321", "2501.03987", "2501.03901"])
        let warning = try #require(digest.warnings.first { $0.line == text.lineNumber(of: "##### **Quiet Tokens") })
        #expect(warning.message.contains("2513.0398v1"))
        #expect(warning.message.contains("is not an arXiv id"))
    }

    @Test func entryWithoutAbstractIsATitleOnlyPaper() throws {
        let abstract =
            "Attention heads often attend to tokens that carry no information. We prune\n"
            + "such tokens on the fly and keep accuracy within one point.\n"
        let text = Fixture.tableAbstracts.replacing(abstract, with: "")
        let digest = try parse(text)
        #expect(digest.ids == ["2501.04321", "2501.03987", "2501.03901"])
        let quiet = try digest.paper("2501.03987")
        #expect(quiet.isTitleOnly)
        #expect(quiet.title == "Quiet Tokens: Pruning Attention Without Retraining")
        #expect(quiet.authors == ["Tomas Varga", "Lena Brandt"])
        #expect(digest.warnings.count == 1)
        let warning = try #require(digest.warnings.first)
        #expect(warning.line == text.lineNumber(of: "##### **Quiet Tokens"))
        #expect(warning.message.contains("2501.03987") && warning.message.contains("no English abstract"))
    }
}
