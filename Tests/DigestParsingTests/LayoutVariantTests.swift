import DigestParsing
import PaperRadarCore
import Testing

/// The one warning a file gets for all its title-only papers, if any.
func titleOnlyWarnings(_ digest: ParsedDigest) -> [ParseWarning] {
    digest.warnings.filter { $0.message.contains("no English abstract") }
}

@Suite("Table + abstracts variants")
struct TableVariantTests {
    @Test func abstractInsideTheRowOverManyLines() throws {
        let digest = try parse(Fixture.tableAbstractsInRow)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.warnings.isEmpty, "\(digest.warnings)")
        #expect(digest.ids == ["2404.20101", "2404.20102", "2404.20103"])
        let quilted = try digest.paper("2404.20101")
        #expect(quilted.title == "Quilted Prompts: Stitching Instructions from Many Users")
        #expect(quilted.authors == ["Odile Marchetti"])
        #expect(quilted.date == "2024-04-26")
        #expect(quilted.version == 1)
        #expect(
            quilted.abstract
                == "Instruction tuning data is usually written by a handful of annotators. We collect prompts from "
                + "many users, stitch them into longer instructions and show that models tuned on the quilts follow "
                + "unusual requests more often.\n\nA second paragraph reports a small user study.")
        let ferry = try digest.paper("2404.20102")
        #expect(ferry.codeURL == "https://github.com/example/ferry")
        #expect(ferry.version == 2)
        #expect(ferry.authors == ["Björn Aalto"])
        #expect(ferry.abstract.hasSuffix("confuse weekdays with holidays."))
        #expect(try digest.paper("2404.20103").abstract == "Small models can grade large ones.")
    }

    @Test func headingsGluedOntoThePreviousLineStartEntries() throws {
        let digest = try parse(Fixture.tableAbstractsGlued)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.warnings.isEmpty, "\(digest.warnings)")
        #expect(digest.ids == ["2404.20201", "2404.20202", "2404.20203"])
        let keepers = try digest.paper("2404.20201")
        #expect(keepers.authors == ["Maren Solberg"], "`et.al.` is not part of the name")
        #expect(
            keepers.abstract
                == "We let one small agent watch the actions of a larger one and raise a flag before an unsafe step "
                + "is taken.")
        #expect(keepers.extras.translatedAbstract == "我們讓一個小代理監視較大代理的動作。")
        let boats = try digest.paper("2404.20202")
        #expect(boats.title == "Paper Boats: Folding Long Documents into Short Contexts")
        #expect(boats.extras.translatedAbstract == "長文件被摺疊成短摘要。")
        #expect(try digest.paper("2404.20203").abstract.hasPrefix("A retriever leaves bread crumbs"))
    }

    @Test func gluedHeadingKeepsItsPhysicalLineNumber() throws {
        // Drop the id line of the second (glued) entry: the warning names the physical line the heading is on.
        let text = Fixture.tableAbstractsGlued.replacing("2404.20202v1 by Ayo Bello et.al.\n", with: "")
        let digest = try parse(text)
        let warning = try #require(digest.warnings.first { $0.message.contains("Paper Boats") })
        #expect(warning.line == text.lineNumber(of: "##### **Paper Boats"))
        #expect(warning.message.contains("matched to the table row of 2404.20202"))
        #expect(digest.ids == ["2404.20201", "2404.20202", "2404.20203"])
        #expect(try digest.paper("2404.20202").abstract.hasPrefix("Long documents are folded"))
    }

    @Test func tablesWithoutAbstractsGiveTitleOnlyPapersWithOneWarning() throws {
        let digest = try parse(Fixture.tableOnlyArchive)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.date == "2023-06-01")
        #expect(digest.ids == ["2305.19001", "2305.18002"])
        #expect(digest.papers.allSatisfy { $0.isTitleOnly })
        #expect(digest.titleOnlyCount == 2)
        let moss = try digest.paper("2305.19001")
        #expect(moss.title == "Moss Maps: Mapping Forests with a Single Lidar")
        #expect(moss.authors == ["Ilse Vos"])
        #expect(moss.date == "2023-05-30")
        #expect(moss.tags == ["SLAM"])
        #expect(moss.codeURL == Fixture.moss)
        #expect(moss.version == 1)
        #expect(try digest.paper("2305.18002").tags == ["SLAM", "VO"])
        #expect(digest.warnings.count == 1)
        let warning = try #require(titleOnlyWarnings(digest).first)
        #expect(warning.line == Fixture.tableOnlyArchive.lineNumber(of: "Moss Maps"))
        #expect(warning.message.contains("2 papers have no English abstract"))
    }

    @Test(arguments: ["tableHeaderOnlyArchive", "tableSectionsOnlyArchive", "tableAbstractsEmpty"])
    func headerOnlyArchivesAreEmptyDigests(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        let digest = try parse(fixture.text)
        #expect(digest.format == .tableAbstracts)
        #expect(digest.papers.isEmpty)
        #expect(digest.warnings.isEmpty)
    }

    @Test func entriesWithoutEnglishAbstractAreTitleOnlyWithTheirTranslation() throws {
        let digest = try parse(Fixture.tableAbstractsMissingEnglish)
        #expect(digest.ids == ["2503.30001", "2503.30002", "2503.30003"])
        let kiln = try digest.paper("2503.30002")
        #expect(kiln.isTitleOnly)
        #expect(kiln.title == "Kiln: Baking Retrieval Indexes Overnight")
        #expect(kiln.authors == ["Dev Malhotra"])
        #expect(kiln.extras.translatedAbstract == "我們在夜間重建檢索索引。")
        let salt = try digest.paper("2503.30003")
        #expect(salt.isTitleOnly && salt.extras.translatedAbstract == nil)
        #expect(digest.warnings.count == 1)
        let warning = try #require(titleOnlyWarnings(digest).first)
        #expect(warning.line == Fixture.tableAbstractsMissingEnglish.lineNumber(of: "##### **Kiln"))
        #expect(warning.message.contains("2 papers"))
    }

    @Test func unpairedBoldMarkersInATitleAreText() throws {
        let digest = try parse(Fixture.tableAbstractsMissingEnglish)
        let drivers = try digest.paper("2503.30001")
        #expect(drivers.title == "Oh S**t! What Drivers Say When Lane Assist Gives Up")
        #expect(!drivers.isTitleOnly)
    }
}

@Suite("Lost line breaks and indented headings")
struct GluedHeadingTests {
    /// The fixture with the line breaks (and blank lines) before every heading of levels 2 to 5 replaced by
    /// `separator`, gluing the heading onto the last line of text before it.
    static func gluing(_ text: String, with separator: String) -> String {
        var result: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let hashes = line.prefix { $0 == "#" }.count
            if (2...5).contains(hashes), line.dropFirst(hashes).first == " ",
                let last = result.lastIndex(where: { !$0.allSatisfy(\.isWhitespace) })
            {
                result.removeSubrange((last + 1)...)
                result[last] += separator + line
            } else {
                result.append(line)
            }
        }
        return result.joined(separator: "\n")
    }

    @Test(arguments: ["tableArchive", "tableAbstracts", "categoryTLDR", "categoryAbstractSummary", "categoryAnchored", "announcement"])
    func headingsGluedWithOrWithoutASpaceGiveTheSamePapers(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        let expected = try parse(fixture.text)
        for separator in ["", " "] {
            let glued = Self.gluing(fixture.text, with: separator)
            #expect(glued != fixture.text)
            let digest = try parse(glued)
            #expect(digest.format == fixture.format)
            #expect(digest.ids == expected.ids, "separator \"\(separator)\"")
            #expect(digest.titleOnlyCount == expected.titleOnlyCount)
        }
    }

    @Test func indentedEntryHeadingsAreHeadings() throws {
        let text = Fixture.categoryAbstractSummary.replacing("### [", with: "  ### [")
        #expect(try parse(text).papers == (try parse(Fixture.categoryAbstractSummary)).papers)
    }
}

@Suite("Category digest variants")
struct CategoryVariantTests {
    @Test func abstractUnderASummaryAbstractAndRepeatedEntries() throws {
        let digest = try parse(Fixture.categoryAbstractSummary)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.warnings.isEmpty, "\(digest.warnings)")
        #expect(digest.ids == ["2503.40001", "2503.40002"])
        let clay = try digest.paper("2503.40001")
        #expect(clay.authors == ["Nadia Farah", "Ole Brandt"])
        #expect(
            clay.abstract
                == "We turn rough sketches into 3D clay-like shapes that artists can keep editing. A small network "
                + "predicts the depth of every stroke and a second one smooths the surface.\n\n"
                + "Code and sketches are released.")
        #expect(clay.extras.isEmpty)
    }

    @Test func forkWithBoldLabelsGivesTitleOnlyPapersWithExtras() throws {
        let digest = try parse(Fixture.categoryTLDRFork)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.date == "2026-03-02")
        #expect(digest.ids == ["2603.50001", "2603.50002"])
        #expect(digest.papers.allSatisfy { $0.isTitleOnly })
        #expect(digest.warnings.count == 1)
        let gecko = try digest.paper("2603.50001")
        #expect(gecko.title == "Gecko Feet: Climbing Robots on Wet Glass")
        #expect(gecko.authors == ["Lena Fischer", "Omar Said"])
        #expect(gecko.categories == ["cs.RO"])
        #expect(gecko.tags == ["cs.RO"])
        #expect(gecko.extras.translatedTitle == "壁虎脚：在湿玻璃上攀爬的机器人")
        #expect(gecko.extras.tldr == "一种在湿玻璃上攀爬的机器人脚。")
        #expect(gecko.extras.comment == "8 pages, 5 figures")
        #expect(gecko.extras.translatedAbstract == "湿玻璃对攀爬机器人很难。我们设计了一种仿生脚掌。")
        #expect(
            gecko.extras.notes.map(\.heading)
                == ["Keywords", "AI_Comments", "Motivation", "Method", "Result", "Conclusion", "ai_Abstract"])
        let proverbs = try digest.paper("2603.50002")
        #expect(proverbs.categories == ["cs.CL"])
        #expect(proverbs.extras.translatedAbstract == "我们用谚语测试语言模型的文化知识。")
    }

    @Test func snapshotFallbackPlaceholdersAndBareIdLinks() throws {
        let digest = try parse(Fixture.categoryTLDRSnapshot)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.ids == ["2603.60001", "2603.60002", "2603.60003"])
        let pebble = try digest.paper("2603.60001")
        #expect(pebble.isTitleOnly)
        #expect(pebble.extras.tldr == "Many tiny gradient steps replace one large one.")
        let lantern = try digest.paper("2603.60002")
        #expect(lantern.extras.tldr == nil, "a placeholder is not a TL;DR")
        #expect(lantern.extras.notes.isEmpty, "placeholder notes are dropped")
        #expect(
            lantern.abstract
                == "Only a few units light up in each layer of a deep network; we keep those and switch the rest off.")
        let tidal = try digest.paper("2603.60003")
        #expect(tidal.abstract == "The learning rate rises and falls like a tide and training ends sooner.")
        #expect(digest.warnings.count == 1)
        #expect(titleOnlyWarnings(digest).first?.message.contains("1 paper has") ?? false)
    }

    @Test(arguments: ["categoryTOCOnly", "categoryNoPapers"])
    func contentsOnlyFilesAreEmptyDigests(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        let digest = try parse(fixture.text)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.papers.isEmpty)
        #expect(digest.warnings.isEmpty)
    }

    @Test func anchoredHeadingsWithChineseBackgroundAndSummary() throws {
        let digest = try parse(Fixture.categoryAnchored)
        #expect(digest.format == .categoryTLDR)
        #expect(digest.ids == ["2606.70001", "2606.70003", "2606.70002"])
        #expect(digest.papers.allSatisfy { $0.isTitleOnly })
        #expect(digest.warnings.count == 1)
        let echoes = try digest.paper("2606.70001")
        #expect(echoes.title == "Acoustic Echoes in the Separations of Galaxy Pairs")
        #expect(echoes.version == 1)
        #expect(echoes.tags == ["Cosmology and Dark Matter"])
        #expect(echoes.categories.isEmpty)
        #expect(echoes.extras.notes.map(\.heading) == ["Interest Score", "Background Knowledge", "Summary"])
        #expect(echoes.extras.notes.first?.text == "0.712")
        #expect(echoes.extras.notes.last?.text == "本文测量了星系对间距中的声波回声。\n\n结果与标准模型一致。")
        let halos = try digest.paper("2606.70003")
        #expect(halos.title == "Weighing Dark Halos with Stacked Satellites", "the back link is not part of the title")
        #expect(halos.extras.notes.map(\.heading) == ["Interest Score"], "failure messages are not notes")
        #expect(try digest.paper("2606.70002").tags == ["Stellar Astrophysics"])
    }
}

@Suite("Other layouts without English abstracts")
struct MissingAbstractTests {
    @Test func reporterPlaceholderAndChineseOnlyAbstractsAreTitleOnly() throws {
        let digest = try parse(Fixture.bilingualReporterMissingEnglish)
        #expect(digest.format == .bilingualReporter)
        #expect(digest.ids == ["2504.70001", "2504.70002", "2504.70003"])
        let anchor = try digest.paper("2504.70001")
        #expect(anchor.isTitleOnly)
        #expect(anchor.extras.translatedTitle == "锚点：在地图中定位智能体")
        #expect(anchor.extras.translatedAbstract == "我们把智能体锚定在地图上。")
        let quiet = try digest.paper("2504.70002")
        #expect(quiet.isTitleOnly)
        #expect(quiet.version == 3)
        #expect(quiet.extras.translatedAbstract == "我们用多臂老虎机安排通知时间。")
        #expect(!(try digest.paper("2504.70003").isTitleOnly))
        #expect(digest.warnings.count == 1)
        #expect(titleOnlyWarnings(digest).first?.line == 1)
    }

    @Test func announcementEntryWithoutAbstractIsTitleOnly() throws {
        let digest = try parse(Fixture.announcementMissingAbstract)
        #expect(digest.ids == ["2508.01001", "2508.01002"])
        let ribbon = try digest.paper("2508.01002")
        #expect(ribbon.isTitleOnly)
        #expect(ribbon.date == "2025-08-04")
        #expect(ribbon.extras.translatedAbstract == "用于噪声存储的带状码。")
        #expect(titleOnlyWarnings(digest).map(\.line) == [Fixture.announcementMissingAbstract.lineNumber(of: "Ribbon")])
    }
}
