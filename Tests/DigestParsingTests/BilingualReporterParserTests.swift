import DigestParsing
import PaperRadarCore
import Testing

@Suite("Bilingual reporter layout")
struct BilingualReporterParserTests {
    @Test func bilingualEntriesKeepTranslationsApart() throws {
        let digest = try parse(Fixture.bilingualReporter)
        #expect(digest.format == .bilingualReporter)
        #expect(digest.date == nil)
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2503.01111", "2503.02222"])

        let harbor = try digest.paper("2503.01111")
        #expect(harbor.version == nil)
        #expect(harbor.title == "Harbor: Docking Agents to Tools")
        #expect(harbor.authors == ["Noor Haddad", "Felix Wagner"])
        #expect(
            harbor.abstract
                == "Agents call tools through brittle glue code. Harbor describes every tool once.\n\n"
                + "We evaluate Harbor on three suites of tasks and release the descriptions.")
        #expect(harbor.extras.translatedTitle == "港口：将智能体对接到工具")
        #expect(harbor.extras.translatedAbstract == "智能体通过脆弱的胶水代码调用工具。\n\nHarbor 对每个工具只描述一次。")
        #expect(harbor.date == nil)
        #expect(harbor.tags.isEmpty)

        let lighthouse = try digest.paper("2503.02222")
        #expect(lighthouse.version == 2)
        #expect(lighthouse.extras.translatedAbstract == "罕见事件隐藏在长传感器日志中。")
    }

    @Test func strayCarriageReturnsNeverReachTheText() throws {
        for paper in try parse(Fixture.bilingualReporter).papers {
            for text in [paper.title, paper.abstract, paper.extras.translatedAbstract ?? ""] {
                #expect(!text.contains("\r"))
            }
        }
    }

    @Test func englishOnlyVariant() throws {
        let digest = try parse(Fixture.bilingualReporterEnglishOnly)
        #expect(digest.format == .bilingualReporter)
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2503.03333", "2503.04444"])
        let compass = try digest.paper("2503.03333")
        #expect(compass.title == "Compass: Routing Questions to the Right Index")
        #expect(compass.authors == ["Ravi Patel", "Chiara Russo"])
        #expect(compass.abstract == "Compass routes each question to one of several indexes and answers faster.")
        #expect(compass.extras.isEmpty)
    }

    @Test func zeroByteFileIsAnEmptyDigest() throws {
        let digest = try parse(bytes: [])
        #expect(digest.format == nil)
        #expect(digest.papers.isEmpty)
        #expect(digest.warnings.isEmpty)
    }

    @Test func entryWithoutLinkIsAWarning() throws {
        let text = Fixture.bilingualReporterEnglishOnly.replacing(
            "**Link**: [PDF](https://arxiv.org/pdf/2503.03333)  \n", with: "")
        let digest = try parse(text)
        #expect(digest.ids == ["2503.04444"])
        let warning = try #require(digest.warnings.first)
        #expect(digest.warnings.count == 1)
        #expect(warning.line == 1)
        #expect(warning.message.contains("Compass") && warning.message.contains("no `**Link**` field"))
    }

    @Test func pageHeadingWithoutFieldsIsNotAWarning() throws {
        let digest = try parse("# Daily papers\n\n" + Fixture.bilingualReporterEnglishOnly)
        #expect(digest.ids == ["2503.03333", "2503.04444"])
        #expect(digest.warnings.isEmpty)
    }
}
