/// A paper as reports show it: enough to recognise it and open it.
public struct PaperReference: Sendable, Hashable, Codable {
    /// The arXiv id without version (`2502.10391`).
    public var id: String
    public var title: String
    public var authors: [String]
    /// `YYYY-MM-DD`, when known.
    public var date: String?
    /// arXiv categories, primary first (may be empty).
    public var categories: [String]

    public init(id: String, title: String, authors: [String] = [], date: String? = nil, categories: [String] = []) {
        self.id = id
        self.title = title
        self.authors = authors
        self.date = date
        self.categories = categories
    }

    /// The paper's arXiv abstract page.
    public var link: String { "https://arxiv.org/abs/\(id)" }
}

/// A topic as reports name it.
public struct TopicReference: Sendable, Hashable, Codable {
    /// The stable topic id (kept across refits while the topic persists).
    public var id: Int
    /// The topic's name (a named topic from models/topics.toml, else its top terms).
    public var name: String

    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}
