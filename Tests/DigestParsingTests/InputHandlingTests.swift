import DigestParsing
import PaperRadarCore
import Testing

/// Every fixture with the format it must be detected as.
let allFixtures: [(name: String, text: String, format: DigestFormat)] = [
    ("tableAbstracts", Fixture.tableAbstracts, .tableAbstracts),
    ("tableAbstractsEarly", Fixture.tableAbstractsEarly, .tableAbstracts),
    ("tableArchive", Fixture.tableArchive, .tableAbstracts),
    ("tableAbstractsEmpty", Fixture.tableAbstractsEmpty, .tableAbstracts),
    ("announcement", Fixture.announcement, .arxivAnnouncement),
    ("bilingualReporter", Fixture.bilingualReporter, .bilingualReporter),
    ("bilingualReporterEnglishOnly", Fixture.bilingualReporterEnglishOnly, .bilingualReporter),
    ("categoryTLDR", Fixture.categoryTLDR, .categoryTLDR),
    ("categoryTLDRListedTwice", Fixture.categoryTLDRListedTwice, .categoryTLDR),
    ("categoryTLDROldest", Fixture.categoryTLDROldest, .categoryTLDR),
    ("tableAbstractsInRow", Fixture.tableAbstractsInRow, .tableAbstracts),
    ("tableAbstractsGlued", Fixture.tableAbstractsGlued, .tableAbstracts),
    ("tableOnlyArchive", Fixture.tableOnlyArchive, .tableAbstracts),
    ("tableHeaderOnlyArchive", Fixture.tableHeaderOnlyArchive, .tableAbstracts),
    ("tableSectionsOnlyArchive", Fixture.tableSectionsOnlyArchive, .tableAbstracts),
    ("tableAbstractsMissingEnglish", Fixture.tableAbstractsMissingEnglish, .tableAbstracts),
    ("categoryAbstractSummary", Fixture.categoryAbstractSummary, .categoryTLDR),
    ("categoryTLDRFork", Fixture.categoryTLDRFork, .categoryTLDR),
    ("categoryTLDRSnapshot", Fixture.categoryTLDRSnapshot, .categoryTLDR),
    ("categoryTOCOnly", Fixture.categoryTOCOnly, .categoryTLDR),
    ("categoryNoPapers", Fixture.categoryNoPapers, .categoryTLDR),
    ("categoryAnchored", Fixture.categoryAnchored, .categoryTLDR),
    ("bilingualReporterMissingEnglish", Fixture.bilingualReporterMissingEnglish, .bilingualReporter),
    ("announcementMissingAbstract", Fixture.announcementMissingAbstract, .arxivAnnouncement),
    ("genericBulletList", Fixture.genericBulletList, .generic),
    ("genericNumberedWithAbstracts", Fixture.genericNumberedWithAbstracts, .generic),
    ("genericHTML", Fixture.genericHTML, .generic),
    ("genericHeadingThenLink", Fixture.genericHeadingThenLink, .generic),
]

@Suite("Input handling: decoding, line ends, empty input, errors")
struct InputHandlingTests {
    @Test(arguments: allFixtures.map(\.name))
    func formatIsDetectedFromTheText(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        #expect(DigestParser.detectFormat(fixture.text) == fixture.format)
        #expect(try parse(fixture.text).format == fixture.format)
    }

    @Test(arguments: allFixtures.map(\.name))
    func crlfAndLoneCRGiveTheSamePapers(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        let expected = try parse(fixture.text)
        let crlf = try parse(fixture.text.withCRLF)
        #expect(crlf.papers == expected.papers)
        #expect(crlf.warnings == expected.warnings)
        let loneCR = try parse(fixture.text.replacing("\n", with: "\r"))
        #expect(loneCR.papers == expected.papers)
    }

    @Test(arguments: allFixtures.map(\.name))
    func byteOrderMarkIsAccepted(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        let expected = try parse(fixture.text)
        let withBOM = try parse(bytes: [0xEF, 0xBB, 0xBF] + Array(fixture.text.utf8))
        #expect(withBOM.papers == expected.papers)
        #expect(withBOM.format == fixture.format)
        #expect(withBOM.warnings == expected.warnings)
        #expect(try parse("\u{FEFF}" + fixture.text).papers == expected.papers)
    }

    @Test func invalidUTF8IsReplacedWithAWarningAndThePapersSurvive() throws {
        let marker = "Abstract: Kettles in many languages."
        let line = Fixture.announcement.lineNumber(of: marker)
        var bytes: [UInt8] = []
        for (number, text) in Fixture.announcement.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            bytes += Array(text.utf8)
            if number + 1 == line { bytes += [0x20, 0xFF, 0xC3, 0x28] }  // 0xFF and a lead byte without follower
            bytes.append(0x0A)
        }
        let digest = try parse(bytes: bytes)
        #expect(digest.papers.count == 4)
        let warning = try #require(digest.warnings.first)
        #expect(digest.warnings.count == 1)
        #expect(warning.line == line)
        #expect(warning.message.contains("2 invalid UTF-8 bytes"))
        #expect(warning.message.contains("first on line \(line)"))
        #expect(try digest.paper("2507.00456").abstract == "Kettles in many languages. \u{FFFD}\u{FFFD}(")
    }

    @Test func emptyInputIsZeroPapersWithoutFormat() throws {
        for text in ["", " ", "\n\n", " \t\r\n  \r", "\u{FEFF}", "\u{200B}\n"] {
            let digest = try parse(text)
            #expect(digest.format == nil)
            #expect(digest.papers.isEmpty)
            #expect(digest.warnings.isEmpty)
        }
        #expect(try parse(bytes: [0xEF, 0xBB, 0xBF, 0x0A]).format == nil)
        #expect(DigestParser.detectFormat("") == nil)
    }

    @Test func unknownFormatIsAnErrorSayingWhy() throws {
        let text = "Shopping list\n\n- apples\n- a kettle\n"
        let error = #expect(throws: DigestParseError.self) { try parse(text) }
        guard case .unknownFormat(let hint)? = error else {
            Issue.record("expected unknownFormat, got \(String(describing: error))")
            return
        }
        #expect(hint.contains("Shopping list"))
        #expect("\(error!)".contains("not a digest"))
        #expect(DigestParser.detectFormat(text) == nil)
    }

    @Test func binaryInputIsNotText() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]
        let nulError = #expect(throws: DigestParseError.self) { try parse(bytes: png) }
        guard case .notText(let reason)? = nulError else {
            Issue.record("expected notText, got \(String(describing: nulError))")
            return
        }
        #expect(reason.contains("NUL byte at offset 8"))

        let controls =
            [UInt8](repeating: 0x01, count: 300) + Array("### [1] [x](https://arxiv.org/abs/2501.00001)".utf8)
        let controlError = #expect(throws: DigestParseError.self) { try parse(bytes: controls) }
        guard case .notText(let controlReason)? = controlError else {
            Issue.record("expected notText, got \(String(describing: controlError))")
            return
        }
        #expect(controlReason.contains("control characters"))

        #expect(throws: DigestParseError.self) { try parse("# cs.CV\n\u{0}\n") }

        let utf16: [UInt8] = [0xFF, 0xFE] + Array("# cs.CV".utf8).flatMap { [$0, 0] }
        let utf16Error = #expect(throws: DigestParseError.self) { try parse(bytes: utf16) }
        guard case .notText(let utf16Reason)? = utf16Error else {
            Issue.record("expected notText, got \(String(describing: utf16Error))")
            return
        }
        #expect(utf16Reason.contains("UTF-16"))
    }

    @Test func inputOverTheLimitIsRefused() throws {
        let parser = DigestParser(options: .init(maxBytes: 100))
        let bytes = Array(Fixture.announcement.utf8)
        #expect(throws: DigestParseError.tooLarge(bytes: bytes.count, limit: 100)) {
            try parser.parse(bytes: bytes)
        }
        #expect(throws: DigestParseError.tooLarge(bytes: bytes.count, limit: 100)) {
            try parser.parse(Fixture.announcement)
        }
        #expect(try DigestParser(options: .init(maxBytes: bytes.count)).parse(bytes: bytes).papers.count == 4)
    }
}
