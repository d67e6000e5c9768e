import PaperRadarCore

/// A profile file a user must fix: what is wrong, where (the line, when known), and what to write instead.
public struct ReadingProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the offending key, when it can be found.
    public var line: Int?
    /// The offending key (`liked`, `keywords.boost`, …), when there is one.
    public var key: String?
    public var message: String

    public init(line: Int?, key: String?, message: String) {
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String { (line.map { "line \($0): " } ?? "") + message }
}

extension ReadingProfile {
    /// Parses a profile from the text of a `profile.toml` file (no file I/O).
    ///
    /// Ids accept the `arXiv:` prefix and a version (`arXiv:2502.10391v2`) and are stored without either; duplicates
    /// are dropped. Unknown keys are errors (they are usually typos, e.g. `likes`).
    /// - Throws: ``ReadingProfileError`` naming the line and key, and saying what to write instead.
    public init(parsing text: String) throws(ReadingProfileError) {
        let (root, reader) = try Self.document(text, validKeys: Self.validKeys)
        let likedTexts = try root["liked_texts"].map { value throws(ReadingProfileError) in
            try reader.likedTexts(value)
        } ?? []
        guard let likedValue = root["liked"] ?? (likedTexts.isEmpty ? nil : .array([])) else {
            throw ReadingProfileError(
                line: nil, key: "liked",
                message: "the required key \"liked\" is missing: list the papers you liked, e.g. "
                    + "liked = [\"2502.10391\", \"2410.07177\"]")
        }
        let liked = try reader.ids(likedValue, key: "liked")
        guard !liked.isEmpty || !likedTexts.isEmpty else {
            throw reader.error(
                key: "liked", "\"liked\" is empty: list at least one arXiv id, e.g. liked = [\"2502.10391\"]")
        }
        let disliked = try root["disliked"].map { value throws(ReadingProfileError) in
            try reader.ids(value, key: "disliked")
        } ?? []
        if let both = disliked.first(where: liked.contains) {
            throw reader.error(
                key: "disliked", "\(both) is both liked and disliked: remove it from one of the two lists")
        }
        let saved = try root["saved"].map { value throws(ReadingProfileError) in try reader.ids(value, key: "saved") } ?? []
        self.init(liked: liked, disliked: disliked, saved: saved, likedTexts: likedTexts)
        try readSettings(root, reader)
    }

    /// Parses the settings of a profile (every key but the ratings: keywords, authors, muted topics, min score,
    /// seen window, top), with the same checks and messages as a profile file; the ratings come from elsewhere (a
    /// stored profile's).
    ///
    /// - Throws: ``ReadingProfileError``; a rating key (`liked`, …) is an error too.
    public static func settings(parsing text: String) throws(ReadingProfileError) -> ReadingProfile {
        let settingKeys = validKeys.filter { !ratingKeys.contains($0) }
        let (root, reader) = try document(text, validKeys: settingKeys)
        var profile = ReadingProfile(liked: [])
        try profile.readSettings(root, reader)
        return profile
    }

    /// The TOML document of a profile's text, its keys checked against `validKeys`.
    private static func document(
        _ text: String, validKeys: [String]
    ) throws(ReadingProfileError) -> ([String: TOMLValue], ProfileReader) {
        let root: [String: TOMLValue]
        do {
            root = try TOML.parse(text)
        } catch {
            throw ReadingProfileError(
                line: error.line, key: nil,
                message: "\(error.message) (a profile is TOML, one `key = value` per line, e.g. "
                    + "liked = [\"2502.10391\", \"2410.07177\"])")
        }
        let reader = ProfileReader(text: text)
        for key in root.keys.sorted() where !validKeys.contains(key) {
            if ratingKeys.contains(key) {
                throw reader.error(
                    key: key,
                    "\"\(key)\" is a rating, not a setting: rate papers with like / dislike / save (or import a "
                        + "profile file with `paperradar profile import`)")
            }
            throw reader.error(
                key: key,
                "unknown key \"\(key)\"\(Self.suggestion(for: key, among: validKeys)); "
                    + "valid keys: \(validKeys.joined(separator: ", "))")
        }
        return (root, reader)
    }

    /// Reads every setting key of a parsed profile into this profile.
    private mutating func readSettings(_ root: [String: TOMLValue], _ reader: ProfileReader) throws(ReadingProfileError) {
        if let keywords = root["keywords"] {
            switch keywords {
            case .array:
                boostKeywords = try reader.keywords(keywords, key: "keywords")
            case .table(let table):
                for key in table.keys.sorted() where !Self.validKeywordKeys.contains(key) {
                    throw reader.error(
                        key: "keywords.\(key)", table: "keywords", subkey: key,
                        "unknown key \"\(key)\" in [keywords]\(Self.suggestion(for: key, among: Self.validKeywordKeys)); "
                            + "valid keys: \(Self.validKeywordKeys.joined(separator: ", "))")
                }
                mustKeywords = try table["must"].map { v throws(ReadingProfileError) in
                    try reader.keywords(v, key: "keywords.must", table: "keywords", subkey: "must")
                } ?? []
                boostKeywords = try table["boost"].map { v throws(ReadingProfileError) in
                    try reader.keywords(v, key: "keywords.boost", table: "keywords", subkey: "boost")
                } ?? []
                muteKeywords = try table["mute"].map { v throws(ReadingProfileError) in
                    try reader.keywords(v, key: "keywords.mute", table: "keywords", subkey: "mute")
                } ?? []
                if let weight = table["boost_weight"] {
                    guard let value = weight.double, value > 0, value <= 10 else {
                        throw reader.error(
                            key: "keywords.boost_weight", table: "keywords", subkey: "boost_weight",
                            "\"boost_weight\" must be a number above 0 and at most 10 (the logit a matching boost "
                                + "keyword adds, default \(ReadingProfile.format(Self.defaultBoostWeight))), e.g. "
                                + "boost_weight = 1.5; found \(Self.describe(weight))")
                    }
                    boostWeight = value
                }
            default:
                throw reader.error(
                    key: "keywords",
                    "\"keywords\" must be a list of words (boosted) or a [keywords] table with must / boost / mute "
                        + "lists, e.g. keywords = [\"retrieval\"]; found \(Self.describe(keywords))")
            }
            let muted = Set(muteKeywords.map(\.words))
            if let clash = (mustKeywords + boostKeywords).first(where: { muted.contains($0.words) }) {
                throw reader.error(
                    key: "keywords", "\"\(clash.text)\" is both muted and wanted in [keywords]: keep it in one list")
            }
        }
        if let value = root["authors"] {
            guard let names = value.strings else {
                throw reader.error(
                    key: "authors",
                    "\"authors\" must be a list of names, e.g. authors = [\"Ada Lovelace\"]; found \(Self.describe(value))")
            }
            var seen = Set<String>()
            for name in names {
                let normalized = ReadingListRules.normalizedAuthor(name)
                guard !normalized.isEmpty else {
                    throw reader.error(key: "authors", "\"authors\" has an empty name: write the author's full name")
                }
                if seen.insert(normalized).inserted { authors.append(name.trimmingWhitespace()) }
            }
        }
        if let value = root["mute_topics"] {
            guard let items = value.array else {
                throw reader.error(
                    key: "mute_topics",
                    "\"mute_topics\" must be a list of topic names or numbers, e.g. mute_topics = [\"vision\", 7]; "
                        + "found \(Self.describe(value))")
            }
            for item in items {
                switch item {
                case .integer(let id): muteTopics.append(.id(id))
                case .string(let name) where !name.trimmingWhitespace().isEmpty:
                    muteTopics.append(.name(name.trimmingWhitespace()))
                default:
                    throw reader.error(
                        key: "mute_topics",
                        "\"mute_topics\" entries are topic names (as reports show them, e.g. \"vision\") or topic "
                            + "numbers (e.g. 7); found \(Self.describe(item))")
                }
            }
        }
        if let value = root["min_score"] {
            guard let score = value.double, score >= 0, score <= 1 else {
                throw reader.error(
                    key: "min_score",
                    "\"min_score\" must be a number from 0 to 1 (items scoring less are dropped), e.g. "
                        + "min_score = 0.5; found \(Self.describe(value))")
            }
            minScore = score
        }
        if let value = root["seen_days"] {
            guard let days = value.integer, days >= 0 else {
                throw reader.error(
                    key: "seen_days",
                    "\"seen_days\" must be a whole number of days, 0 or more (papers older than this before the "
                        + "newest stored paper count as seen), e.g. seen_days = 30; found \(Self.describe(value))")
            }
            seenDays = days
        }
        if let value = root["top"] {
            guard let count = value.integer, count >= 1, count <= 1000 else {
                throw reader.error(
                    key: "top",
                    "\"top\" must be a whole number from 1 to 1000 (the list length), e.g. top = 50; "
                        + "found \(Self.describe(value))")
            }
            top = count
        }
    }

    /// `" (did you mean "liked"?)"` when a valid key is within two edits of `key`, else empty.
    static func suggestion(for key: String, among valid: [String]) -> String {
        let scored = valid.map { ($0, editDistance(key.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return "" }
        return " (did you mean \"\(best.0)\"?)"
    }

    /// Levenshtein distance between two short strings.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// A value as an error message shows it: `a string "x"`, `an integer 3`, `a table`, ….
    static func describe(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): "a string \"\(s)\""
        case .integer(let i): "an integer \(i)"
        case .float(let d): "a number \(d)"
        case .boolean(let b): "a boolean \(b)"
        case .array(let items): "a list of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .table: "a table"
        }
    }
}

/// Reads typed values of a profile and locates keys in its text for error messages.
private struct ProfileReader {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func error(key: String, table: String? = nil, subkey: String? = nil, _ message: String) -> ReadingProfileError {
        ReadingProfileError(line: line(of: subkey ?? key, inTable: table), key: key, message: message)
    }

    /// The 1-based line where `key` is set: `key = …`, a `[key]` header, or `table.key = …` / `key = …` inside
    /// `[table]`; for a key of a table that is not found, the table's own line.
    func line(of key: String, inTable table: String?) -> Int? {
        var current: String?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingWhitespace()
            if line.hasPrefix("[") {
                let name = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                current = Self.unquoted(name.trimmingWhitespace())
                if table == nil && current == key { return index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let path = line[..<equals].split(separator: ".").map { Self.unquoted($0.trimmingWhitespace()) }
            let fullPath = (current.map { [$0] } ?? []) + path
            let wanted = (table.map { [$0] } ?? []) + [key]
            if fullPath == wanted || fullPath.starts(with: wanted) { return index + 1 }
        }
        if let table { return line(of: table, inTable: nil) }
        return nil
    }

    private static func unquoted(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// A list of arXiv ids, normalised, duplicates dropped.
    func ids(_ value: TOMLValue, key: String) throws(ReadingProfileError) -> [ArxivID] {
        guard let strings = value.strings else {
            throw error(
                key: key,
                "\"\(key)\" must be a list of arXiv ids in quotes, e.g. \(key) = [\"2502.10391\", \"2410.07177\"]; "
                    + "found \(ReadingProfile.describe(value))")
        }
        var ids: [ArxivID] = []
        for text in strings {
            guard let parsed = ArxivID.parse(text) else {
                throw error(
                    key: key,
                    "\"\(key)\" has \"\(text)\", which is not an arXiv id: write it like \"2502.10391\" "
                        + "(\"arXiv:2502.10391v2\" and old ids like \"hep-th/9901001\" are accepted too)")
            }
            if !ids.contains(parsed.id) { ids.append(parsed.id) }
        }
        return ids
    }

    /// `[[liked_texts]]` tables with a `title` and an `abstract` (both non-empty), duplicates dropped.
    func likedTexts(_ value: TOMLValue) throws(ReadingProfileError) -> [LikedText] {
        let example = "[[liked_texts]] with title = \"…\" and abstract = \"…\""
        guard let items = value.array else {
            throw error(
                key: "liked_texts",
                "\"liked_texts\" must be tables of a title and an abstract, written \(example); "
                    + "found \(ReadingProfile.describe(value))")
        }
        var texts: [LikedText] = []
        for item in items {
            guard let table = item.table, let title = table["title"]?.string, let abstract = table["abstract"]?.string,
                !title.trimmingWhitespace().isEmpty, !abstract.trimmingWhitespace().isEmpty
            else {
                throw error(
                    key: "liked_texts",
                    "every entry of \"liked_texts\" needs a non-empty title and abstract, written \(example)")
            }
            for key in table.keys.sorted() where key != "title" && key != "abstract" {
                throw error(key: "liked_texts", "unknown key \"\(key)\" in [[liked_texts]]; valid keys: title, abstract")
            }
            let text = LikedText(title: title.trimmingWhitespace(), abstract: abstract.trimmingWhitespace())
            if !texts.contains(text) { texts.append(text) }
        }
        return texts
    }

    /// A list of keywords (empty entries are errors), duplicates dropped.
    func keywords(
        _ value: TOMLValue, key: String, table: String? = nil, subkey: String? = nil
    ) throws(ReadingProfileError) -> [Keyword] {
        guard let strings = value.strings else {
            throw error(
                key: key, table: table, subkey: subkey,
                "\"\(key)\" must be a list of words or phrases in quotes, e.g. [\"retrieval\", \"graph neural "
                    + "network\", \"agent*\"]; found \(ReadingProfile.describe(value))")
        }
        var keywords: [Keyword] = []
        for text in strings {
            guard let keyword = Keyword(text) else {
                throw error(
                    key: key, table: table, subkey: subkey,
                    "\"\(key)\" has \"\(text)\", which has no letter or digit to match: write a word or phrase, "
                        + "e.g. \"retrieval\"")
            }
            if !keywords.contains(where: { $0.words == keyword.words && $0.isPrefix == keyword.isPrefix }) {
                keywords.append(keyword)
            }
        }
        return keywords
    }
}
