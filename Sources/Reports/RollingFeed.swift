/// One paper in a rolling feed: what ``RollingFeed`` renders as an Atom entry, kept by the caller between digests.
///
/// Made by ``DigestReport/feedEntries(digestOrder:)``; `contentHTML` is HTML escaped by that method (it is rendered
/// as it is), so entries must come from there (or from a store that kept them).
public struct FeedEntry: Sendable, Hashable, Codable {
    /// The paper's arXiv URL: one entry per paper, however many digests bring it.
    public var id: String
    public var title: String
    /// When the entry last changed: the report of the latest digest that brought the paper (RFC 3339).
    public var updated: String
    /// The paper's date as RFC 3339, when known.
    public var published: String?
    public var link: String
    public var authors: [String]
    public var categories: [String]
    /// One line: new or known, topic, profile score, related count, and the digest it came with.
    public var summary: String
    public var contentHTML: String
    /// The profile's score, when the report was ordered by a profile.
    public var score: Double?
}

/// A feed of the papers of many digests (RFC 4287 Atom): the daemon's `feed.atom` and `reading-list.atom`.
///
/// Values in, XML out; which entries it holds and in which order is the caller's (newest digest first, each digest's
/// papers by profile score or in digest order).
public struct RollingFeed: Sendable {
    /// A URI naming the feed across runs (the feed's URL when it is published, else a `urn:paperradar:` id).
    public var id: String
    public var title: String
    public var subtitle: String?
    /// RFC 3339: the newest entry's update, or when the feed was written.
    public var updated: String
    public var generator: String
    /// Where the feed is published (`link rel="self"`), when known.
    public var selfLink: String?
    public var entries: [FeedEntry]

    public init(
        id: String, title: String, subtitle: String?, updated: String, generator: String, selfLink: String?,
        entries: [FeedEntry]
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.updated = updated
        self.generator = generator
        self.selfLink = selfLink
        self.entries = entries
    }

    /// `urn:paperradar:feed:<name>:<folder>`, for a feed without a published URL.
    public static func urn(name: String, folder: String) -> String {
        AtomFeed.urn("feed", name, folder)
    }

    /// The feed as an Atom document, ending with a newline.
    public func rendered() -> String {
        AtomFeed(
            id: id, title: title, subtitle: subtitle, updated: updated, generator: generator,
            entries: entries.map { entry in
                AtomFeed.Entry(
                    id: entry.id, title: entry.title, updated: entry.updated, published: entry.published,
                    link: entry.link, authors: entry.authors, categories: entry.categories, summary: entry.summary,
                    content: Markup(trusted: entry.contentHTML))
            }, selfLink: selfLink
        ).rendered()
    }
}

extension DigestReport {
    /// The report's papers as rolling-feed entries: by profile score when the report is ordered by a profile,
    /// else in `digestOrder` (the digest's own order of paper ids; papers not in it last).
    public func feedEntries(digestOrder: [String]) -> [FeedEntry] {
        var ordered = entries
        if ordering != .profile {
            let position = Dictionary(digestOrder.enumerated().map { ($1, $0) }) { a, _ in a }
            ordered = entries.enumerated().sorted { a, b in
                let pa = position[a.element.paper.id] ?? Int.max
                let pb = position[b.element.paper.id] ?? Int.max
                return pa != pb ? pa < pb : a.offset < b.offset
            }.map(\.element)
        }
        let source = "from digest " + (digest.date.map { $0 + " (" + digest.file + ")" } ?? digest.file)
        return ordered.map { entry in
            let atom = atomEntry(entry)
            return FeedEntry(
                id: atom.id, title: atom.title, updated: atom.updated, published: atom.published,
                link: atom.link ?? atom.id, authors: atom.authors, categories: atom.categories,
                summary: (atom.summary.map { $0 + " · " } ?? "") + source, contentHTML: atom.content?.text ?? "",
                score: ordering == .profile ? entry.profileScore : nil)
        }
    }
}
