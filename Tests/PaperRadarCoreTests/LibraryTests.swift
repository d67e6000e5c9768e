import Testing

@testable import PaperRadarCore

@Suite struct LibraryTests {
    static let bib = """
        % exported by a reference manager
        @string{acl = "Proceedings of " # "ACL"}
        @comment{ignored {nested} text}
        @article{castell2026,
          title = {Sparse {R}outers for Long Context Models},
          author = {Castell, Mira and Okafor, Jun},
          eprint = {2611.00101},
          archivePrefix = {arXiv},
          abstract = {We route tokens through experts.}
        }
        @inproceedings{ilves2026,
          title = "Retrieval Gates for Grounded Answers",
          booktitle = acl,
          doi = {10.48550/arXiv.2611.00102},
        }
        @misc{url2026, title = {From a URL}, url = {https://arxiv.org/pdf/2611.00103v2.pdf}}
        @misc{note2026, title = {From a note}, note = {arXiv: hep-th/9901001}}
        @book{nolink, title = {A Book on Caf\\'{e}s --- and \\emph{More}}, abstract = {A long text about caf\\'es.}}
        @misc{nothing, title = {Nothing to learn from}}
        @misc{other, title = {Not arXiv}, eprint = {12345}, archivePrefix = {PubMed}}
        """

    @Test func bibTeXEntriesNameTheirArxivPapers() throws {
        let entries = try BibTeX.entries(Self.bib)
        #expect(entries.count == 7)
        #expect(entries.map(\.arxivID?.rawValue) == ["2611.00101", "2611.00102", "2611.00103", "hep-th/9901001", nil, nil, nil])
        #expect(entries[0].title == "Sparse Routers for Long Context Models")
        #expect(entries[0].abstract == "We route tokens through experts.")
        #expect(entries[4].title == "A Book on Cafés — and More")
        #expect(entries[4].abstract == "A long text about cafés.")
        #expect(entries[5].abstract.isEmpty)
    }

    @Test func brokenBibTeXSaysWhere() {
        #expect(throws: BibTeX.ParseError.self) { try BibTeX.entries("@article{a,\n title = {open\n") }
        do {
            _ = try BibTeX.entries("\n\n@article{a, title = }")
            Issue.record("a field without a value is an error")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func zoteroStyleFieldsNameArxivPapers() {
        #expect(LibraryEntry(title: "x", extra: "arXiv:2502.10391v3 [cs.CL]").arxivID?.rawValue == "2502.10391")
        #expect(LibraryEntry(title: "x", url: "http://arxiv.org/abs/2502.10391").arxivID?.rawValue == "2502.10391")
        #expect(LibraryEntry(title: "x", doi: "10.1145/123456").arxivID == nil)
        #expect(LibraryEntry(title: "x", extra: "Citation Key: foo").arxivID == nil)
    }

    @Test func tomlStringsRoundTrip() throws {
        let text = "quote \" backslash \\ newline \n tab \t control \u{0001} 数据 🚀"
        let parsed = try TOML.parse("a = \(TOML.quoted(text))\nb = \(TOML.array(["x", "y\""]))")
        #expect(parsed["a"]?.string == text)
        #expect(parsed["b"]?.strings == ["x", "y\""])
    }
}
