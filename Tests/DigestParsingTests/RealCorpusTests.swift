import DigestParsing
import Foundation
import PaperRadarCore
import Testing
import TestSupport

/// The shared real corpus (`shared/corpus/digests`), when this checkout has it.
///
/// Found through ``Repository/shared`` (`$PAPERRADAR_SHARED`, else `../shared` beside the repository).
enum SharedCorpus {
    static let digests: URL? = Repository.sharedFile("corpus/digests")

    static var isAvailable: Bool { digests != nil }

    /// Expected distinct arXiv ids per file (`shared/corpus/README.md`) and the layout each file is in.
    static let expected: [String: (papers: Int, format: DigestFormat?)] = [
        "seeds/000_a1457c7778f168de.md": (100, .tableAbstracts),
        "seeds/001_a7bca62cced45441.md": (100, .tableAbstracts),
        "seeds/002_098ad153373c3c21.md": (103, .arxivAnnouncement),
        "seeds/003_d436cfe7f2568273.md": (114, .bilingualReporter),
        "seeds/004_3bc70417f0958cd4.md": (134, .categoryTLDR),
        "000-001-table-abstracts/LLM__2024-04-29__cd13aa9b.md": (100, .tableAbstracts),
        "000-001-table-abstracts/LLM__2024-05-19__04edf469.md": (0, .tableAbstracts),
        "000-001-table-abstracts/LLM__2024-11-08__d570d2c6.md": (100, .tableAbstracts),
        "000-001-table-abstracts/LLM__2025-02-21__c8b789c3.md": (100, .tableAbstracts),
        "000-001-table-abstracts/LLM__2026-03-17__658aa7d8.md": (5, .tableAbstracts),
        "000-001-table-abstracts/storage_2026-08-22__11450a39.md": (339, .tableAbstracts),
        "003-title-zh-abstract-zh/KJaebye__11-Feb-2025__topic__LLM_related_papers.md": (85, .bilingualReporter),
        "003-title-zh-abstract-zh/KJaebye__13-Aug-2025__topic__LLM_related_papers.md": (68, .bilingualReporter),
        "003-title-zh-abstract-zh/KJaebye__17-Feb-2025__topic__LLM_related_papers.md": (0, nil),
        "003-title-zh-abstract-zh/KJaebye__7-Nov-2025__RO__README.md": (24, .bilingualReporter),
        "003-title-zh-abstract-zh/CSQianDong__1-Apr-2025__topic__RAG_related_papers.md": (8, .bilingualReporter),
        "003-title-zh-abstract-zh/CSQianDong__21-Aug-2026__IR__README.md": (15, .bilingualReporter),
        "004-toc-tldr-details/2025-03-21__167b408c.md": (45, .categoryTLDR),
        "004-toc-tldr-details/2025-04-15__167b408c.md": (351, .categoryTLDR),
        "004-toc-tldr-details/2025-09-11__167b408c.md": (106, .categoryTLDR),
        "004-toc-tldr-details/2025-12-20__167b408c.md": (28, .categoryTLDR),
        "004-toc-tldr-details/2026-02-10__b4c542b7.md": (28, .categoryTLDR),
        "004-toc-tldr-details/2026-07-01__b4c542b7.md": (301, .categoryTLDR),
    ]

    /// The bytes of a corpus file given by its path under `digests/`.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        let root = try #require(digests)
        let data = try Data(contentsOf: root.appendingPathComponent(relativePath))
        return [UInt8](data)
    }

    /// Every `.md` file under `digests/`, as paths relative to it.
    static func allFiles() throws -> [String] {
        let root = try #require(digests)
        let fileManager = FileManager.default
        var files: [String] = []
        for folder in try fileManager.contentsOfDirectory(atPath: root.path) {
            let path = root.appendingPathComponent(folder).path
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            for file in try fileManager.contentsOfDirectory(atPath: path) where file.hasSuffix(".md") {
                files.append("\(folder)/\(file)")
            }
        }
        return files.sorted()
    }
}

@Suite("Real corpus", .enabled(if: SharedCorpus.isAvailable, "shared/corpus/digests not found"))
struct RealCorpusTests {
    @Test func everyCorpusFileIsListed() throws {
        #expect(try SharedCorpus.allFiles() == SharedCorpus.expected.keys.sorted())
    }

    @Test(arguments: SharedCorpus.expected.keys.sorted())
    func parsesToTheExpectedPapers(file: String) throws {
        let expected = try #require(SharedCorpus.expected[file])
        let digest = try DigestParser().parse(bytes: try SharedCorpus.bytes(file))
        #expect(digest.format == expected.format)
        #expect(digest.papers.count == expected.papers)
        #expect(digest.warnings.isEmpty, "\(digest.warnings)")
        #expect(Set(digest.papers.map(\.id)).count == digest.papers.count)
        for paper in digest.papers {
            #expect(!paper.title.isEmpty && !paper.abstract.isEmpty, "\(paper.id)")
            #expect(ArxivID(paper.id.rawValue) == paper.id)
            #expect(!paper.title.contains("**") && paper.title == paper.title.trimmingWhitespace())
            #expect(!paper.abstract.unicodeScalars.contains { "\u{200B}\u{FEFF}\r".unicodeScalars.contains($0) })
            #expect(paper.abstract == paper.abstract.precomposedStringWithCanonicalMapping)
        }
    }

    @Test func tableFilesGiveDatesTagsAndCodeLinks() throws {
        let seed = try DigestParser().parse(bytes: try SharedCorpus.bytes("seeds/001_a7bca62cced45441.md"))
        #expect(seed.papers.allSatisfy { $0.date != nil && $0.tags == ["LLM"] })
        #expect(seed.papers.contains { $0.codeURL?.hasPrefix("https://github.com/") ?? false })

        let archive = try DigestParser().parse(
            bytes: try SharedCorpus.bytes("000-001-table-abstracts/storage_2026-08-22__11450a39.md"))
        #expect(archive.date == "2026-08-22")
        // 400 table rows: 339 papers, 61 of them repeated under another subtopic.
        #expect(archive.papers.reduce(0) { $0 + $1.tags.count } == 400)

        let early = try DigestParser().parse(
            bytes: try SharedCorpus.bytes("000-001-table-abstracts/LLM__2024-04-29__cd13aa9b.md"))
        #expect(early.papers.allSatisfy { $0.authors.count == 1 && !$0.abstract.hasSuffix("|") })
    }

    @Test func announcementSeedGivesDateAndTypes() throws {
        let digest = try DigestParser().parse(bytes: try SharedCorpus.bytes("seeds/002_098ad153373c3c21.md"))
        #expect(digest.date == "2025-06-11")
        #expect(digest.papers.allSatisfy { $0.date == "2025-06-11" && $0.extras.announceType != nil })
        #expect(Set(digest.papers.compactMap(\.extras.announceType)) == ["new", "cross", "replace", "replace-cross"])
        #expect(!digest.papers.contains { $0.title.contains("&amp;") || $0.abstract.contains("&#123;") })
    }

    @Test func categoryFilesGivePrimaryCategoryFirst() throws {
        let digest = try DigestParser().parse(bytes: try SharedCorpus.bytes("seeds/004_3bc70417f0958cd4.md"))
        #expect(digest.papers.allSatisfy { $0.categories.first != nil && $0.tags.count == 1 })
        #expect(digest.papers.allSatisfy { $0.extras.tldr != nil && $0.extras.notes.count == 4 })
    }

    @Test func largestFileParses() throws {
        let bytes = try SharedCorpus.bytes("004-toc-tldr-details/2025-04-15__167b408c.md")
        let clock = ContinuousClock()
        var digest: ParsedDigest?
        let elapsed = try clock.measure { digest = try DigestParser().parse(bytes: bytes) }
        #expect(digest?.papers.count == 351)
        // Speed is measured by benchmarks (the release timing in the README), not asserted here.
        print("parsed \(bytes.count) bytes in \(elapsed)")
    }
}
