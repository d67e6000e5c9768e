import PaperRadarCore

/// How a paper arriving from a digest or an import changes the stored one.
public enum PaperChange: String, Sendable, Codable {
    case new, updated, unchanged
}

extension Paper {
    /// The stored paper after `incoming` arrives: a newer version replaces the text; the same or an older version
    /// only fills what the stored paper lacks (categories, code link, date, extras, authors). Tags are per digest
    /// and are not merged here.
    ///
    /// A title-only paper (no abstract) is completed, never duplicated: whichever version brings the abstract, the
    /// stored paper keeps it, and an incoming abstract also brings its source's title and (longer) author list, which
    /// are more complete than a table row's.
    func merged(with incoming: Paper) -> Paper {
        let isNewer = (incoming.version ?? 0) > (version ?? 0)
        var result: Paper
        if isNewer {
            result = incoming
            if result.categories.isEmpty { result.categories = categories }
            if result.codeURL == nil { result.codeURL = codeURL }
            if result.authors.isEmpty { result.authors = authors }
            if result.abstract.isEmpty { result.abstract = abstract }
            if result.title.isEmpty { result.title = title }
            result.date = date ?? incoming.date
            if result.extras.isEmpty { result.extras = extras }
        } else {
            result = self
            if result.categories.isEmpty { result.categories = incoming.categories }
            if result.codeURL == nil { result.codeURL = incoming.codeURL }
            if result.date == nil { result.date = incoming.date }
            if result.authors.isEmpty { result.authors = incoming.authors }
            if result.isTitleOnly, !incoming.isTitleOnly {
                result.abstract = incoming.abstract
                if !incoming.title.isEmpty { result.title = incoming.title }
                if incoming.authors.count > result.authors.count { result.authors = incoming.authors }
            }
            result.extras.fillMissing(from: incoming.extras)
        }
        result.tags = []
        return result
    }
}

extension PaperExtras {
    mutating func fillMissing(from other: PaperExtras) {
        if tldr == nil { tldr = other.tldr }
        if translatedTitle == nil { translatedTitle = other.translatedTitle }
        if translatedAbstract == nil { translatedAbstract = other.translatedAbstract }
        if notes.isEmpty { notes = other.notes }
        if announceType == nil { announceType = other.announceType }
        if comment == nil { comment = other.comment }
    }
}
