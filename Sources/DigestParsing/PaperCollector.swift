import PaperRadarCore

/// Collects papers in order of first appearance, merging repeated mentions of one arXiv id into one ``Paper``.
///
/// The first mention supplies the text; later mentions add tags and categories not seen yet (order kept) and fill
/// fields the first one left empty (abstract of a title-only mention, title, version, date, code link, extras).
struct PaperCollector: Sendable {
    private var order: [ArxivID] = []
    private var byID: [ArxivID: Paper] = [:]
    /// The 1-based line of each paper's first entry.
    private(set) var entryLines: [ArxivID: Int] = [:]

    /// Adds a paper whose entry starts on 1-based `line`, merging it into an earlier one with the same id.
    mutating func add(_ paper: Paper, line: Int) {
        guard var existing = byID[paper.id] else {
            order.append(paper.id)
            byID[paper.id] = paper
            entryLines[paper.id] = line
            return
        }
        existing.tags.appendMissing(paper.tags)
        existing.categories.appendMissing(paper.categories)
        if existing.title.isEmpty { existing.title = paper.title }
        if existing.abstract.isEmpty { existing.abstract = paper.abstract }
        if existing.authors.isEmpty { existing.authors = paper.authors }
        existing.version = existing.version ?? paper.version
        existing.date = existing.date ?? paper.date
        existing.codeURL = existing.codeURL ?? paper.codeURL
        existing.extras.tldr = existing.extras.tldr ?? paper.extras.tldr
        existing.extras.translatedTitle = existing.extras.translatedTitle ?? paper.extras.translatedTitle
        existing.extras.translatedAbstract = existing.extras.translatedAbstract ?? paper.extras.translatedAbstract
        existing.extras.announceType = existing.extras.announceType ?? paper.extras.announceType
        existing.extras.comment = existing.extras.comment ?? paper.extras.comment
        if existing.extras.notes.isEmpty { existing.extras.notes = paper.extras.notes }
        byID[paper.id] = existing
    }

    /// True when a paper with this id was added.
    func contains(_ id: ArxivID) -> Bool { byID[id] != nil }

    /// The papers, each id once, in order of first appearance.
    var papers: [Paper] { order.compactMap { byID[$0] } }
}

extension Array where Element: Equatable {
    /// Appends the elements of `other` not already present, keeping their order.
    mutating func appendMissing(_ other: [Element]) {
        for element in other where !contains(element) { append(element) }
    }
}
