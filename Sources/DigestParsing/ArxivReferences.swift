import PaperRadarCore

/// One arXiv paper named in a line of text: by a link (`arxiv.org/abs/ID`, `/pdf/ID`, `/html/ID`) or as `arXiv:ID`.
struct ArxivReference: Sendable, Equatable {
    var id: ArxivID
    var version: Int?
    /// Where the reference sits in the line (the URL or the `arXiv:ID` text).
    var range: Range<String.Index>
}

/// Finds the arXiv papers a line names, whatever the layout around them.
///
/// Recognised: `arxiv.org/abs/ID`, `arxiv.org/pdf/ID[.pdf]`, `arxiv.org/html/ID` (any scheme or host prefix such as
/// `export.`, `http://`, `www.`), and `arXiv:ID` (any case, a space after the colon allowed), for modern and old-style
/// ids with or without a version (``ArxivID/parse(_:)``). Anything else, such as `arxiv.org/list/cs.AI`, is not a
/// reference.
enum ArxivReferences {
    /// True when the line may name an arXiv paper (a cheap byte test that ``find(in:)`` confirms).
    static func mayContain<S: StringProtocol>(_ line: S) -> Bool {
        var iterator = line.utf8.makeIterator()
        var matched = 0
        let pattern: [UInt8] = Array("arxiv".utf8)
        while let byte = iterator.next() {
            let lower = byte | 0x20
            if lower == pattern[matched] {
                matched += 1
                if matched == pattern.count { return true }
            } else {
                matched = lower == pattern[0] ? 1 : 0
            }
        }
        return false
    }

    /// True when the line names at least one arXiv paper.
    static func contains(in line: String) -> Bool {
        mayContain(line) && !find(in: line).isEmpty
    }

    /// Every arXiv reference in `line`, in order (the same paper may appear more than once).
    ///
    /// - Complexity: O(n) in the length of the line.
    static func find(in line: String) -> [ArxivReference] {
        guard mayContain(line) else { return [] }
        var found: [ArxivReference] = []
        var searchStart = line.startIndex
        while let hit = nextArxivWord(in: line, from: searchStart) {
            searchStart = hit.upperBound
            let rest = line[hit.upperBound...]
            if rest.hasPrefix(".org/") {
                let path = rest.dropFirst(5)
                for kind in ["abs/", "pdf/", "html/"] where path.hasPrefix(kind) {
                    let idStart = path.index(path.startIndex, offsetBy: kind.count)
                    if let (parsed, end) = idToken(in: line, from: idStart) {
                        found.append(ArxivReference(id: parsed.id, version: parsed.version, range: hit.lowerBound..<end))
                        searchStart = end
                    }
                    break
                }
            } else if rest.first == ":" {
                var idStart = rest.index(after: rest.startIndex)
                if idStart < line.endIndex, line[idStart] == " " { idStart = line.index(after: idStart) }
                if let (parsed, end) = idToken(in: line, from: idStart) {
                    found.append(ArxivReference(id: parsed.id, version: parsed.version, range: hit.lowerBound..<end))
                    searchStart = end
                }
            }
        }
        return found
    }

    /// The range of the next `arxiv` (any case) at or after `start`.
    private static func nextArxivWord(in line: String, from start: String.Index) -> Range<String.Index>? {
        var index = start
        while index < line.endIndex {
            let character = line[index]
            if character == "a" || character == "A" {
                let end = line.index(index, offsetBy: 5, limitedBy: line.endIndex) ?? line.endIndex
                if line[index..<end].lowercased() == "arxiv" { return index..<end }
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// The arXiv id that starts at `start` (letters, digits, `.`, `-`, `/`; a `.pdf` suffix and trailing dots or
    /// slashes dropped) and where its text ends.
    private static func idToken(in line: String, from start: String.Index) -> ((id: ArxivID, version: Int?), String.Index)? {
        var end = start
        while end < line.endIndex {
            let character = line[end]
            guard character.isASCII, character.isLetter || character.isNumber || "./-".contains(character) else { break }
            end = line.index(after: end)
        }
        var token = line[start..<end]
        if token.lowercased().hasSuffix(".pdf") { token = token.dropLast(4) }
        while let last = token.last, last == "." || last == "/" || last == "-" { token = token.dropLast() }
        guard let first = token.first else { return nil }
        if let parsed = ArxivID.parse(String(token)) { return (parsed, token.endIndex) }
        // `2501.01234/` followed by more path, or `2501.01234v2.` at a sentence end: the id is the part before.
        if first.isASCIIDigit, let slash = token.firstIndex(of: "/"), let parsed = ArxivID.parse(String(token[..<slash])) {
            return (parsed, slash)
        }
        return nil
    }
}
