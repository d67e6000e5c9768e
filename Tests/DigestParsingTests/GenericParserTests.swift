import DigestParsing
import PaperRadarCore
import Testing

/// The warning that says the layout was not recognised.
func unrecognisedLayoutWarning(_ digest: ParsedDigest) -> ParseWarning? {
    digest.warnings.first { $0.message.contains("was not recognised") }
}

@Suite("Generic fallback for unknown layouts")
struct GenericParserTests {
    @Test func bulletListOfLinksInFourSpellings() throws {
        let digest = try parse(Fixture.genericBulletList)
        #expect(digest.format == .generic)
        #expect(digest.date == "2026-04-02")
        #expect(digest.ids == ["2604.01234", "2604.02345", "2604.03456", "hep-th/0101001"])
        #expect(try digest.paper("2604.01234").title == "Kelp Forests as Carbon Sinks: A Satellite Census")
        let choirs = try digest.paper("2604.02345")
        #expect(choirs.title == "Sparse Choirs: Pruning Multilingual Speech Models")
        #expect(choirs.version == 2)
        #expect(try digest.paper("2604.03456").title == "Bicycle Lanes and Urban Heat")
        let strings = try digest.paper("hep-th/0101001")
        #expect(strings.title == "Strings on Small Circles, Revisited")
        #expect(strings.version == 3)
        #expect(digest.papers.allSatisfy { $0.isTitleOnly && $0.date == "2026-04-02" })
        #expect(unrecognisedLayoutWarning(digest)?.line == nil)
        #expect(titleOnlyWarnings(digest).count == 1)
        #expect(digest.warnings.count == 2)
    }

    @Test func numberedListWithAuthorsAndAbstracts() throws {
        let digest = try parse(Fixture.genericNumberedWithAbstracts)
        #expect(digest.format == .generic)
        #expect(digest.ids == ["2604.11111", "2604.22222", "2604.33333"])
        let harvest = try digest.paper("2604.11111")
        #expect(harvest.title == "Harvest Moon: Predicting Crop Yield from Night Lights")
        #expect(harvest.version == 1)
        #expect(harvest.authors == ["Ada Okonjo", "Pere Puig"])
        #expect(
            harvest.abstract
                == "Night-time satellite images show where farms run their pumps and dryers. We use the light as a "
                + "signal of the coming harvest and predict yields a month ahead.")
        let echo = try digest.paper("2604.22222")
        #expect(echo.authors == ["Lin Mei", "Raúl Ortega"])
        #expect(echo.abstract.hasPrefix("Code review comments often repeat"))
        #expect(echo.abstract.hasSuffix("two partner teams."))
        let glacier = try digest.paper("2604.33333")
        #expect(glacier.isTitleOnly, "a short note is not an abstract")
        #expect(glacier.authors == ["Sigrid Lund"])
    }

    @Test func htmlExportWithHeadingsParagraphsAndAMinifiedList() throws {
        let digest = try parse(Fixture.genericHTML)
        #expect(digest.format == .generic)
        #expect(digest.date == "2026-04-03")
        #expect(digest.ids == ["2604.44444", "2604.55555", "2604.66666", "2604.77777"])
        let lanterns = try digest.paper("2604.44444")
        #expect(lanterns.title == "Paper Lanterns: Lighting Up Hidden Layers")
        #expect(lanterns.version == 2)
        #expect(lanterns.authors == ["Eva Horvat", "Sami Kallio"])
        #expect(lanterns.abstract.hasPrefix("We attach small probes to the hidden layers"))
        #expect(lanterns.abstract.hasSuffix("last third of the network."))
        #expect(!lanterns.abstract.contains("<"))
        #expect(try digest.paper("2604.55555").isTitleOnly)
        #expect(try digest.paper("2604.66666").title == "Clockwork Caches for Serving Models")
        #expect(try digest.paper("2604.77777").title == "Moth Flight Control")
    }

    @Test func titleFromTheHeadingAboveALinkWithoutText() throws {
        let digest = try parse(Fixture.genericHeadingThenLink)
        #expect(digest.format == .generic)
        #expect(digest.ids == ["2606.11111", "2606.22222"])
        let foxglove = try digest.paper("2606.11111")
        #expect(foxglove.title == "Foxglove: Detecting Toxic Plants in Garden Photos")
        #expect(foxglove.authors == ["Maya Lind", "Tomasz Nowak"])
        #expect(foxglove.isTitleOnly, "a summary cut short with `...` is not the abstract")
        #expect(foxglove.tags == ["Read these first"])
        #expect(try digest.paper("2606.22222").title == "Saltmarsh Radar")
    }

    @Test func titleOnTheLineAboveABareLink() throws {
        let text = """
            Kelp Forests as Carbon Sinks
            https://arxiv.org/abs/2604.01234

            Sparse Choirs: Pruning Multilingual Speech Models
            https://arxiv.org/abs/2604.02345v2
            We prune multilingual speech models by sharing the heads that every language uses and dropping the
            ones that only a few languages need, which halves the size of the model while keeping the word error
            rate of every language within half a point of the full model on a benchmark of forty languages.
            """
        let digest = try parse(text)
        #expect(digest.format == .generic)
        #expect(digest.ids == ["2604.01234", "2604.02345"])
        #expect(try digest.paper("2604.01234").title == "Kelp Forests as Carbon Sinks")
        let choirs = try digest.paper("2604.02345")
        #expect(choirs.title == "Sparse Choirs: Pruning Multilingual Speech Models")
        #expect(choirs.abstract.hasPrefix("We prune multilingual speech models"))
        #expect(try digest.paper("2604.01234").isTitleOnly)
    }

    @Test func aBareLinkWithoutAnyTitleIsAWarning() throws {
        let text = "Some notes.\nMore notes here.\nhttps://arxiv.org/abs/2604.01234\n"
        let digest = try parse(text)
        #expect(digest.papers.isEmpty)
        #expect(digest.warnings.contains { $0.line == 3 && $0.message.contains("2604.01234") && $0.message.contains("no title") })
    }

    @Test func warningNamesTheFileWhenTheNameIsKnown() throws {
        let parser = DigestParser(options: .init(sourceName: "picks.md"))
        let digest = try parser.parse(Fixture.genericBulletList)
        let warning = try #require(unrecognisedLayoutWarning(digest))
        #expect(warning.message.contains("picks.md"))
        #expect(warning.message.contains("4 arXiv papers"))
    }

    @Test func aCitationInsideAnAbstractIsNotAnEntry() throws {
        let text = """
            - [Moth Flight Control](https://arxiv.org/abs/2604.77777)

              Moths steer with their antennae. Earlier work (arXiv:2301.00001) measured the antennae in still air; we
              fly moths in a wind tunnel with gusts and show that the antennae sense the gusts before the wings react,
              which explains how the insects stay on course in turbulent air near flowers at dusk.
            """
        let digest = try parse(text)
        #expect(digest.ids == ["2604.77777"])
        #expect(try digest.paper("2604.77777").abstract.contains("(arXiv:2301.00001)"))
        #expect(digest.warnings.contains { $0.message.contains("2301.00001") && $0.line == 3 })
    }

    @Test func aTextWithoutArxivReferencesIsNotADigest() throws {
        for text in ["# Shopping list\n\n- milk\n", "See https://arxiv.org/list/cs.AI/recent for more.\n"] {
            let error = #expect(throws: DigestParseError.self) { try parse(text) }
            #expect(error.map { "\($0)".contains("not a digest") } ?? false)
        }
    }

    @Test func knownLayoutThatFindsNothingFallsBackToTheGenericReader() throws {
        // `TL;DR:` lines make this look like a category digest, but its papers are in a plain list.
        let text = """
            - [Kelp Forests as Carbon Sinks](https://arxiv.org/abs/2604.01234)
              TL;DR: satellites count kelp.
            - [Sparse Choirs](https://arxiv.org/abs/2604.02345)
              TL;DR: smaller speech models.
            """
        let digest = try parse(text)
        #expect(digest.format == .generic)
        #expect(digest.ids == ["2604.01234", "2604.02345"])
        #expect(try digest.paper("2604.01234").extras.tldr == "satellites count kelp.")
    }
}

@Suite("Known layouts never fall through to the generic reader")
struct NoGenericForKnownLayoutsTests {
    @Test(arguments: allFixtures.filter { $0.format != .generic }.map(\.name))
    func fixture(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        #expect(try parse(fixture.text).format != .generic)
    }

    @Test(.enabled(if: SharedCorpus.isAvailable, "shared/corpus/digests not found"))
    func everySharedFile() throws {
        for file in try SharedCorpus.allFiles() {
            let digest = try DigestParser().parse(bytes: try SharedCorpus.bytes(file))
            #expect(digest.format != .generic, "\(file)")
        }
    }
}
