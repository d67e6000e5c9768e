import PaperRadarCore

/// What a paper's vectors are computed from: its title and English abstract (``PaperStore/allPaperTexts()``).
public struct PaperText: Sendable, Hashable {
    public var id: ArxivID
    public var title: String
    public var abstract: String

    public init(id: ArxivID, title: String, abstract: String) {
        self.id = id
        self.title = title
        self.abstract = abstract
    }
}
