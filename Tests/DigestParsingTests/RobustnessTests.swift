import DigestParsing
import PaperRadarCore
import Testing
import TestSupport

/// Parses `bytes` and checks the contract holds whatever the input: only ``DigestParseError`` is thrown, and a
/// result has titled, distinct papers (title-only ones counted in one warning) and warnings with line numbers inside
/// the text.
func checkContract(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        let digest = try DigestParser().parse(bytes: bytes)
        let lineCount = bytes.count(where: { $0 == 0x0A || $0 == 0x0D }) + 1
        for paper in digest.papers {
            #expect(!paper.title.isEmpty, sourceLocation: sourceLocation)
            #expect(paper.title == paper.title.trimmingWhitespace(), sourceLocation: sourceLocation)
        }
        let titleOnlyRemarks = digest.warnings.count { $0.message.contains("no English abstract") }
        #expect(titleOnlyRemarks == (digest.titleOnlyCount > 0 ? 1 : 0), sourceLocation: sourceLocation)
        #expect(Set(digest.papers.map(\.id)).count == digest.papers.count, sourceLocation: sourceLocation)
        for warning in digest.warnings {
            if let line = warning.line { #expect((1...lineCount).contains(line), sourceLocation: sourceLocation) }
        }
        if digest.format == nil { #expect(digest.papers.isEmpty, sourceLocation: sourceLocation) }
        if digest.format == .generic {
            #expect(
                digest.warnings.contains { $0.message.contains("was not recognised") }, sourceLocation: sourceLocation)
        }
    } catch {
        #expect(error is DigestParseError, "unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

@Suite("Robustness: no input crashes the parser")
struct RobustnessTests {
    @Test func randomBytes() {
        var generator = SplitMix64(seed: 1)
        for _ in 0..<300 {
            let count = Int.random(in: 0...3000, using: &generator)
            checkContract((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test func randomNonASCIIAndMarkupWithoutControlBytes() {
        // Bytes that pass the binary sniff: printable ASCII, newlines and (often invalid) high bytes.
        var generator = SplitMix64(seed: 2)
        let alphabet = Array("#*|[]()<>:&;/ .-_0123456789vVabsxX\n\r\t摘要：".utf8) + Array(0x80...0xFF)
        for _ in 0..<300 {
            let count = Int.random(in: 0...2000, using: &generator)
            checkContract((0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 0x20 })
        }
    }

    @Test func soupOfMarkerLines() {
        var generator = SplitMix64(seed: 3)
        let pieces = [
            "##### **", "##### 2501.00001v1 **T**", "2501.00001v1 by A, B", "2501.0000x by A", "摘要：", "摘要：<paragraph>",
            "|Publish Date|Title|Authors|Homepage|Code|",
            "|**2025-01-01**|**T**|A et.al.|[2501.00001v1](http://x)|null|",
            "|**|", "||||", "| :---: |", "#### Abstracts", "### LLM", "## AI", "# arxiv-daily", "et.al.", "text |",
            "## [T](https://arxiv.org/abs/2501.00002)", "## [](", "## [T](https://arxiv.org/abs/)", "### Abstract",
            "arXiv:2501.00002v2 Announce Type: new", "Abstract:", "Abstract: words", "### 摘要", "---", "# 2025-01-01",
            "# T", "**Authors**: A", "**Link**: [PDF](https://arxiv.org/pdf/2501.00003)", "**Abstract**:", "**Abstract",
            "**Abstract (ZH)**: 中", "**Title (ZH)**:", "**", "<div id=toc></div>", "# cs.CV [[Back]](#toc)", "# Table",
            "### [1] [T](https://arxiv.org/abs/2501.00004)", "### [", "### [1]", "### [x] [", "*A,B*", "*", "**",
            "Main category: cs.CV", "TL;DR: x", "TLDR:", "Task:", "Motivation: m", "<details>", "</details>", "&#x;",
            "&#1114112;", "&#55296;", "&amp", "&", "  indented", "", " ", "\u{200B}", "\u{FEFF}##### **x**", "\t",
            "|**2024-04-26**|**T**|abstract starts", "text.|A et.al.|[2404.00001v1](http://arxiv.org/abs/2404.00001v1)|null|",
            "摘要：x##### **T**", "x</details>### [2] [T](https://arxiv.org/abs/2501.00005)", "  <summary>Abstract</summary>",
            "## <a id=\"2606.00001v1\"></a>[T](https://arxiv.org/abs/2606.00001v1) [[back]](#toc-1)", "### Summary",
            "**Interest Score:** `0.5`", "> **TL;DR:** x", "*A, B* | **Main category: cs.RO**", "# arxiv-daily",
            " Automated deployment @ 2024-01-01", "- [T](https://arxiv.org/abs/2501.00006)", "arXiv:2501.00007 T",
            "<h2><a href=\"https://arxiv.org/abs/2501.00008\">T</a></h2>", "<p>", "Abstract: long words words words",
            "https://arxiv.org/pdf/2501.00009v2.pdf", "[x](2501.00010)", "### [3] [T](2501.00011)", "Summary generation failed",
        ]
        for _ in 0..<400 {
            let lineCount = Int.random(in: 0...40, using: &generator)
            let lines = (0..<lineCount).map { _ in pieces.randomElement(using: &generator) ?? "" }
            let separator = ["\n", "\r\n", "\r"].randomElement(using: &generator) ?? "\n"
            checkContract(Array(lines.joined(separator: separator).utf8))
        }
    }

    @Test(arguments: allFixtures.map(\.name))
    func everyPrefixOfAFixture(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        let bytes = Array(fixture.text.utf8)
        // Every byte prefix (cuts inside UTF-8 sequences too) of the small fixtures; every 7th of the others.
        let stride = bytes.count <= 1200 ? 1 : 7
        for end in Swift.stride(from: 0, through: bytes.count, by: stride) {
            checkContract(Array(bytes[..<end]))
        }
    }

    @Test(arguments: allFixtures.map(\.name))
    func mutatedFixtures(name: String) throws {
        let fixture = try #require(allFixtures.first { $0.name == name })
        var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: name.utf8.count))
        let lines = fixture.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<60 {
            var mutated = lines
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                guard !mutated.isEmpty else { break }
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: mutated.remove(at: index)
                case 1: mutated.insert(mutated[index], at: index)
                case 2: mutated.swapAt(index, Int.random(in: 0..<mutated.count, using: &generator))
                case 3: mutated[index] = String(mutated[index].prefix(Int.random(in: 0...8, using: &generator)))
                default: mutated[index] = String(mutated[index].shuffled(using: &generator))
                }
            }
            var bytes = Array(mutated.joined(separator: "\n").utf8)
            if !bytes.isEmpty, Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                    in: 0x80...0xFF, using: &generator)
            }
            checkContract(bytes)
        }
    }

    @Test func hugeSingleLineAndManyEmptyLines() {
        checkContract(Array(repeating: UInt8(ascii: "#"), count: 200_000))
        checkContract(Array(repeating: UInt8(ascii: "\n"), count: 200_000))
        checkContract(Array(("##### **T**\n2501.00001v1 by " + String(repeating: "A, ", count: 50_000)).utf8))
        checkContract(Array(String(repeating: "&#x", count: 50_000).utf8))
        // Patterns that a careless scanner would revisit over and over (quadratic time): glued headings, link
        // brackets, tags, references, back links, a table row that never closes.
        for piece in [
            "x ## [", "x ##### **", "](", "[", "<a ", "<", "<p>", "arXiv:2501.00001 ", "https://arxiv.org/abs/2501.00002 ",
            "[T](https://arxiv.org/abs/2501.00003) ", "[b](#t)", "### [1] [T](2501.00004) ", "<a href=\"x\">",
        ] {
            checkContract(Array(String(repeating: piece, count: 5_000).utf8))
            checkContract(Array(("### [x](https://arxiv.org/abs/2501.00005)\n" + String(repeating: piece, count: 5_000)).utf8))
        }
        checkContract(Array(("|**2024-01-01**|**T**|text\n" + String(repeating: "more text |\n", count: 20_000)).utf8))
        checkContract(Array(String(repeating: "- [T](https://arxiv.org/abs/2501.00006)\n  TL;DR: x\n", count: 5_000).utf8))
    }
}
