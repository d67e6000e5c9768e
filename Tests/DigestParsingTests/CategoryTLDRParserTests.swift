import DigestParsing
import PaperRadarCore
import Testing

@Suite("Category digest with TL;DR")
struct CategoryTLDRParserTests {
    @Test func tableOfContentsLayoutGivesCategoriesTagsAndExtras() throws {
        let digest = try parse(Fixture.categoryTLDR)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.date == nil)
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2602.10001", "2602.10002"])

        let mirror = try digest.paper("2602.10001")
        #expect(mirror.title == "Mirror Worlds: Depth from Reflections")
        #expect(mirror.authors == ["Hana Sato", "Omar Farouk"])
        #expect(mirror.categories == ["cs.CV"])
        #expect(mirror.tags == ["cs.CV"])
        #expect(mirror.version == nil)
        #expect(mirror.extras.tldr == "用反射估计深度。")
        #expect(mirror.extras.notes.map(\.heading) == ["Motivation", "Method", "Result", "Conclusion"])
        #expect(mirror.extras.notes.first { $0.heading == "Method" }?.text == "一种新的网络。\n\n第二步：细化。")
        #expect(
            mirror.abstract
                == "Mirrors and windows reflect the scene. We estimate depth from those reflections without extra "
                + "sensors.\n\nA second paragraph describes the new dataset.")
    }

    @Test func mainCategoryComesFirstThenTheOtherSection() throws {
        let bridges = try parse(Fixture.categoryTLDR).paper("2602.10002")
        #expect(bridges.categories == ["cs.CL", "cs.CV"])
        #expect(bridges.tags == ["cs.CV", "cs.CL"])
        #expect(bridges.abstract == "One encoder serves twelve languages with little loss.")
    }

    @Test func everyPaperListedTwiceIsOnePaper() throws {
        let digest = try parse(Fixture.categoryTLDRListedTwice)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2504.01001", "2504.01002"])
        let gripper = try digest.paper("2504.01001")
        #expect(gripper.tags == ["cs.RO"])
        #expect(gripper.categories == ["cs.RO"])
        #expect(gripper.extras.tldr == "抓手。")
        #expect(gripper.extras.notes.count == 4)
    }

    @Test func oldestVariantWithTaskAndNoSections() throws {
        let digest = try parse(Fixture.categoryTLDROldest)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.warnings.isEmpty)
        #expect(digest.ids == ["2503.15001", "2503.15002"])
        let fog = try digest.paper("2503.15001")
        #expect(fog.authors == ["Iris Novak", "Karl Berg"])
        #expect(fog.categories.isEmpty)
        #expect(fog.tags.isEmpty)
        #expect(fog.extras.tldr == nil)
        #expect(fog.extras.notes.map(\.heading) == ["Task", "Motivation", "Method", "Result", "Conclusion"])
        #expect(fog.extras.notes.first?.text == "提出一种分割框架。")
        #expect(
            fog.abstract
                == "Segmentation models fail in fog. We replace quantised embeddings with continuous ones and keep "
                + "accuracy when the weather turns. Code available: https://example.org/fog")
    }

    @Test func headingWithoutArxivLinkIsAWarning() throws {
        let text = Fixture.categoryTLDR.replacing(
            "[Mirror Worlds: Depth from Reflections](https://arxiv.org/abs/2602.10001)",
            with: "[Mirror Worlds: Depth from Reflections](https://example.org/mirror)")
        let digest = try parse(text)
        #expect(digest.ids == ["2602.10002"])
        let warning = try #require(digest.warnings.first)
        #expect(digest.warnings.count == 1)
        #expect(warning.line == text.lineNumber(of: "### [1] [Mirror Worlds"))
        #expect(warning.message.contains("no arXiv id"))
    }
}
