/// One arXiv paper as a digest (or a metadata import) describes it.
///
/// All text is NFC, free of zero-width characters, with HTML entities decoded. The English `abstract` keeps
/// paragraphs (separated by a blank line, `"\n\n"`) but no hard line wraps. Anything that is not the English
/// text (translations, TL;DR, LLM summaries) lives in ``extras``.
public struct Paper: Hashable, Sendable, Codable {
    /// The arXiv id, without version.
    public var id: ArxivID
    /// The version the source names (`v2` → 2), if it names one.
    public var version: Int?
    public var title: String
    public var authors: [String]
    /// The English abstract: paragraphs separated by `"\n\n"`, no hard wraps; `""` for a title-only paper
    /// (``isTitleOnly``).
    public var abstract: String
    /// arXiv categories, primary first, when the source gives them.
    public var categories: [String]
    /// `YYYY-MM-DD`: the publish date the source gives for the paper, else the digest's date.
    public var date: String?
    /// Section or topic tags the digest files this paper under (e.g. `LLM`, `cs.CV`), in order of appearance.
    public var tags: [String]
    /// A code repository link, when the source gives one.
    public var codeURL: String?
    /// Optional extras, kept apart from the English text.
    public var extras: PaperExtras

    public init(
        id: ArxivID, version: Int? = nil, title: String, authors: [String] = [], abstract: String,
        categories: [String] = [], date: String? = nil, tags: [String] = [], codeURL: String? = nil,
        extras: PaperExtras = PaperExtras()
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.authors = authors
        self.abstract = abstract
        self.categories = categories
        self.date = date
        self.tags = tags
        self.codeURL = codeURL
        self.extras = extras
    }

    /// The primary category (the first one), if any.
    public var primaryCategory: String? { categories.first }

    /// True when the source gave no English abstract: the paper is known by its title (and whatever else the
    /// source gave) until a later digest or an import brings the abstract.
    public var isTitleOnly: Bool { abstract.isEmpty }
}

/// Text a digest adds around a paper that is not the authors' English text.
public struct PaperExtras: Hashable, Sendable, Codable {
    /// A one-line summary (`TL;DR:` / `TLDR:`), often machine-written and often not English.
    public var tldr: String?
    /// A translated title (e.g. `**Title (ZH)**`).
    public var translatedTitle: String?
    /// A translated abstract (`摘要：`, `### 摘要`, `**Abstract (ZH)**`).
    public var translatedAbstract: String?
    /// Machine-written notes by heading (`Motivation`, `Method`, `Result`, `Conclusion`, `Task`), in order.
    public var notes: [Note]
    /// The arXiv announcement type (`new`, `cross`, `replace`, `replace-cross`), when given.
    public var announceType: String?
    /// A comment (e.g. pages, venue), when given.
    public var comment: String?

    /// One titled note, e.g. `Motivation: …`.
    public struct Note: Hashable, Sendable, Codable {
        public var heading: String
        public var text: String
        public init(heading: String, text: String) {
            self.heading = heading
            self.text = text
        }
    }

    public init(
        tldr: String? = nil, translatedTitle: String? = nil, translatedAbstract: String? = nil, notes: [Note] = [],
        announceType: String? = nil, comment: String? = nil
    ) {
        self.tldr = tldr
        self.translatedTitle = translatedTitle
        self.translatedAbstract = translatedAbstract
        self.notes = notes
        self.announceType = announceType
        self.comment = comment
    }

    /// True when no extra is set.
    public var isEmpty: Bool {
        tldr == nil && translatedTitle == nil && translatedAbstract == nil && notes.isEmpty && announceType == nil
            && comment == nil
    }
}
