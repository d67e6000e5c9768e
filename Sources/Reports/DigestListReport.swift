/// Every stored digest, newest first: the web app's digests page, and with the newest digests' papers, its feed.
///
/// The JSON form is `kind: "digest-list"`.
public struct DigestListReport: Sendable, Hashable, Codable {
    /// When the list was made, ISO 8601 in UTC.
    public var generatedAt: String
    public var generator: String
    /// Newest first.
    public var digests: [Digest]

    /// One stored digest.
    public struct Digest: Sendable, Hashable, Codable {
        public var id: Int64
        public var file: String
        public var date: String?
        public var format: String?
        public var paperCount: Int
        public var newCount: Int
        public var titleOnlyCount: Int
        public var ingestedAt: String
        /// Its papers in the digest's order, when the list carries them (the feed's newest digests).
        public var papers: [PaperReference]?

        public init(
            id: Int64, file: String, date: String?, format: String?, paperCount: Int, newCount: Int,
            titleOnlyCount: Int, ingestedAt: String, papers: [PaperReference]? = nil
        ) {
            self.id = id
            self.file = file
            self.date = date
            self.format = format
            self.paperCount = paperCount
            self.newCount = newCount
            self.titleOnlyCount = titleOnlyCount
            self.ingestedAt = ingestedAt
            self.papers = papers
        }
    }

    public init(generatedAt: String, generator: String, digests: [Digest]) {
        self.generatedAt = generatedAt
        self.generator = generator
        self.digests = digests
    }

    /// The report as JSON (`kind: "digest-list"`).
    public var json: String { ReportJSON.document(self, kind: "digest-list") }

    /// The newest digests' papers as an Atom feed (digests that carry their papers), one entry per paper and
    /// digest, newest digest first; entries link to `paperLink(id)`.
    ///
    /// The feed id is `urn:paperradar:digests`; an entry's id is the paper's arXiv URL, so a feed reader shows a
    /// paper listed by two digests once.
    public func atom(selfLink: String, alternateLink: String, paperLink: (String) -> String) -> String {
        var entries: [AtomFeed.Entry] = []
        for digest in digests {
            guard let papers = digest.papers else { continue }
            let updated = digest.ingestedAt
            for paper in papers {
                var facts = ["Digest \(digest.file.singleLine)"]
                if let date = digest.date { facts.append(date.singleLine) }
                let authors = HTMLParts.authors(paper.authors)
                var content: Markup = "<p>\(facts.joined(separator: " · "))</p>"
                if !authors.isEmpty { content += "<p>\(authors)</p>" }
                entries.append(
                    AtomFeed.Entry(
                        id: ArxivLink.abstract(paper.id),
                        title: paper.title.singleLine.isEmpty ? paper.id : paper.title, updated: updated,
                        published: AtomFeed.day(paper.date), link: paperLink(paper.id), authors: paper.authors,
                        categories: paper.categories, summary: facts.joined(separator: " · "), content: content))
            }
        }
        let shown = digests.filter { $0.papers != nil }
        let feed = AtomFeed(
            id: AtomFeed.urn("digests"), title: "PaperRadar: newest digests",
            subtitle: "The papers of the \(shown.count == 1 ? "newest digest" : "\(shown.count) newest digests").",
            updated: shown.first?.ingestedAt ?? generatedAt, generator: generator, entries: entries,
            selfLink: selfLink, alternateLink: alternateLink)
        return feed.rendered()
    }
}
