/// One entry of a reader's library (a BibTeX record or a Zotero item): the fields that can name an arXiv paper,
/// and its text.
public struct LibraryEntry: Sendable, Hashable {
    public var title: String
    public var abstract: String
    /// BibTeX `eprint` (an arXiv id when `archivePrefix` is arXiv, or when it reads as one).
    public var eprint: String?
    public var url: String?
    public var doi: String?
    /// BibTeX `note`/`extra` or Zotero's Extra field (`arXiv: 2502.10391`).
    public var extra: String?

    public init(
        title: String, abstract: String = "", eprint: String? = nil, url: String? = nil, doi: String? = nil,
        extra: String? = nil
    ) {
        self.title = title
        self.abstract = abstract
        self.eprint = eprint
        self.url = url
        self.doi = doi
        self.extra = extra
    }

    /// The arXiv id the entry names, from the first field that has one: `eprint`, `doi` (`10.48550/arXiv.<id>`),
    /// `url` (`arxiv.org/abs/<id>` or `/pdf/<id>`), then `extra` (`arXiv: <id>` or `arXiv:<id>`).
    public var arxivID: ArxivID? {
        if let eprint, let parsed = ArxivID.parse(eprint) { return parsed.id }
        if let doi, let id = Self.id(after: "10.48550/arxiv.", in: doi) { return id }
        if let url {
            for marker in ["arxiv.org/abs/", "arxiv.org/pdf/"] {
                if let id = Self.id(after: marker, in: url) { return id }
            }
            if let id = Self.id(after: "10.48550/arxiv.", in: url) { return id }
        }
        if let extra {
            for marker in ["arxiv:", "arxiv id:", "arxiv.org/abs/", "10.48550/arxiv."] {
                if let id = Self.id(after: marker, in: extra) { return id }
            }
        }
        return nil
    }

    /// The id right after `marker` (matched case-insensitively) in `text`, when one is there.
    static func id(after marker: String, in text: String) -> ArxivID? {
        let characters = Array(text)
        let lowered = characters.map { $0.isASCII ? Character($0.lowercased()) : $0 }
        let wanted = Array(marker)
        guard wanted.count <= lowered.count else { return nil }
        var found: Int?
        for start in 0...(lowered.count - wanted.count) where lowered[start..<(start + wanted.count)].elementsEqual(wanted) {
            found = start + wanted.count
            break
        }
        guard var index = found else { return nil }
        while index < characters.count && characters[index] == " " { index += 1 }
        var trimmed = ""
        while index < characters.count {
            let c = characters[index]
            if c.isWhitespace || c == "," || c == ";" || c == "}" || c == ")" { break }
            trimmed.append(c)
            index += 1
        }
        if trimmed.lowercased().hasSuffix(".pdf") { trimmed.removeLast(4) }
        while let last = trimmed.last, last == "." || last == "/" { trimmed.removeLast() }
        return ArxivID.parse(trimmed)?.id
    }
}
