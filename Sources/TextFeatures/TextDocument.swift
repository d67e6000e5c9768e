import PaperRadarCore

/// The text TF-IDF sees of one paper: its title and English abstract.
public struct TextDocument: Sendable, Hashable, Codable {
    public var title: String
    public var abstract: String

    public init(title: String = "", abstract: String) {
        self.title = title
        self.abstract = abstract
    }

    /// The title and English abstract of `paper` (translations and other extras are not used).
    public init(_ paper: Paper) {
        self.init(title: paper.title, abstract: paper.abstract)
    }

    /// UTF-8 bytes of title and abstract (for throughput figures).
    var byteCount: Int { title.utf8.count + abstract.utf8.count }
}
