import PaperRadarCore

/// One named topic of `models/topics.toml`: a stable id, a display name, a description and seed phrases.
public struct NamedTopic: Sendable, Hashable {
    /// Stable identifier (profiles' `mute_topics`, JSON): letters, digits, `-` and `_`, unique in a catalog.
    public var id: String
    /// Display name such as `"LLM"`.
    public var name: String
    /// One-line description (empty when the file gives none).
    public var description: String
    /// Words and short phrases typical of the topic, as written in the file (never empty).
    public var seeds: [String]

    /// A named topic; `id` must be a valid identifier, `name` non-blank, `seeds` non-empty with no blank seed.
    public init(id: String, name: String, description: String = "", seeds: [String]) {
        precondition(NamedTopicCatalog.isValidID(id), "named topic id '\(id)' must be letters, digits, '-' or '_'")
        precondition(!NamedTopicCatalog.isBlank(name), "named topic '\(id)' needs a name")
        precondition(!seeds.isEmpty, "named topic '\(id)' needs at least one seed")
        precondition(!seeds.contains(where: NamedTopicCatalog.isBlank), "named topic '\(id)' has a blank seed")
        self.id = id
        self.name = name
        self.description = description
        self.seeds = seeds
    }
}

/// A problem in a named-topic catalog, with the line it was found on when known.
///
/// `description` reads `line N: message` (or just `message` without a line); the message names the topic and the
/// field, e.g. `` topic #3 ('rag'): missing `name` ``.
public struct TopicCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line in the catalog text, when the problem can be pinned to one.
    public var line: Int?
    /// What is wrong, naming the topic and the field.
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// The named topics a fitted topic may be called by, with the thresholds of a clear match.
///
/// Parsed from `models/topics.toml`:
///
/// ```toml
/// min_similarity = 0.25   # optional, default 0.25, in [-1, 1]
/// min_margin = 0.03       # optional, default 0.03, ≥ 0
///
/// [[topic]]
/// id = "llm"              # required: letters, digits, '-', '_'; unique
/// name = "LLM"            # required, non-blank
/// description = "…"       # optional
/// seeds = ["large language model", "llm"]   # required, non-empty array of non-blank strings
/// ```
///
/// Parsing is strict so typos surface: unknown keys (top level or in a topic) are errors, and so is a file with no
/// `[[topic]]`. A topic takes a name only when `cos ≥ minSimilarity` and `best − second ≥ minMargin` (see
/// ``TopicNaming``). The catalog is a value; it does no I/O (the caller reads the file).
public struct NamedTopicCatalog: Sendable, Hashable {
    /// Default of `min_similarity`.
    public static let defaultMinSimilarity: Float = 0.25
    /// Default of `min_margin`.
    public static let defaultMinMargin: Float = 0.03

    /// The named topics, in file order (the row order of seed-vector matrices).
    public var topics: [NamedTopic]
    /// Cosine between a topic centroid and a seed vector needed to take the name.
    public var minSimilarity: Float
    /// How much the best seed cosine must beat the second best to take the name.
    public var minMargin: Float

    /// A catalog from values; ids must be unique, `minSimilarity` in [-1, 1], `minMargin` ≥ 0.
    public init(
        topics: [NamedTopic], minSimilarity: Float = NamedTopicCatalog.defaultMinSimilarity,
        minMargin: Float = NamedTopicCatalog.defaultMinMargin
    ) {
        precondition(Set(topics.map(\.id)).count == topics.count, "named topic ids must be unique")
        precondition(minSimilarity >= -1 && minSimilarity <= 1, "minSimilarity must be in [-1, 1]")
        precondition(minMargin >= 0 && minMargin.isFinite, "minMargin must be finite and ≥ 0")
        self.topics = topics
        self.minSimilarity = minSimilarity
        self.minMargin = minMargin
    }

    /// Parses the text of a `topics.toml` file.
    ///
    /// Contract: see the type's documentation for the schema. TOML syntax errors keep their line; schema errors
    /// point at the offending key's line, or at the topic's `[[topic]]` header when the key is missing.
    /// - Throws: ``TopicCatalogError`` naming the line, the topic (`#index` and id when known) and the field.
    /// - Complexity: O(length of `text`).
    public init(parsing text: String) throws(TopicCatalogError) {
        let root: [String: TOMLValue]
        do {
            root = try TOML.parse(text)
        } catch {
            throw TopicCatalogError(line: error.line, message: "TOML syntax: \(error.message)")
        }
        let lines = CatalogLines(text: text)

        let knownRoot: Set<String> = ["min_similarity", "min_margin", "topic"]
        if let unknown = root.keys.filter({ !knownRoot.contains($0) }).sorted().first {
            throw TopicCatalogError(
                line: lines.rootKeyLine(unknown),
                message: "unknown key '\(unknown)' (expected min_similarity, min_margin or [[topic]] tables)")
        }
        let minSimilarity = try Self.threshold(
            root, key: "min_similarity", default: Self.defaultMinSimilarity, range: -1...1, lines: lines)
        let minMargin = try Self.threshold(
            root, key: "min_margin", default: Self.defaultMinMargin, range: 0...Float.greatestFiniteMagnitude,
            lines: lines)

        guard let topicValue = root["topic"] else {
            throw TopicCatalogError(line: nil, message: "no [[topic]] tables: the catalog names no topics")
        }
        guard let items = topicValue.array, items.allSatisfy({ $0.table != nil }) else {
            throw TopicCatalogError(
                line: lines.rootKeyLine("topic"), message: "'topic' must be an array of tables ([[topic]])")
        }
        guard !items.isEmpty else {
            throw TopicCatalogError(line: lines.rootKeyLine("topic"), message: "no [[topic]] tables")
        }

        var topics: [NamedTopic] = []
        var firstIndexOfID: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let table = item.table ?? [:]
            let topic = try Self.topic(table, index: index, lines: lines)
            if let previous = firstIndexOfID[topic.id] {
                throw TopicCatalogError(
                    line: lines.keyLine("id", topic: index),
                    message: "topic #\(index + 1) ('\(topic.id)'): duplicate id '\(topic.id)' "
                        + "(already used by topic #\(previous + 1))")
            }
            firstIndexOfID[topic.id] = index
            topics.append(topic)
        }
        self.init(topics: topics, minSimilarity: minSimilarity, minMargin: minMargin)
    }

    /// The index of the topic with `id`, or `nil`.
    ///
    /// - Complexity: O(topics.count).
    public func index(ofID id: String) -> Int? { topics.firstIndex { $0.id == id } }

    /// The topic with `id`, or `nil`.
    ///
    /// - Complexity: O(topics.count).
    public func topic(id: String) -> NamedTopic? { index(ofID: id).map { topics[$0] } }

    // MARK: - Parsing helpers

    private static func threshold(
        _ root: [String: TOMLValue], key: String, default value: Float, range: ClosedRange<Float>, lines: CatalogLines
    ) throws(TopicCatalogError) -> Float {
        guard let raw = root[key] else { return value }
        guard let number = raw.double, number.isFinite, range.contains(Float(number)) else {
            let expected = range.lowerBound == 0 ? "a number ≥ 0" : "a number in [-1, 1]"
            throw TopicCatalogError(
                line: lines.rootKeyLine(key), message: "'\(key)' must be \(expected) (found \(describe(raw)))")
        }
        return Float(number)
    }

    private static func topic(
        _ table: [String: TOMLValue], index: Int, lines: CatalogLines
    ) throws(TopicCatalogError) -> NamedTopic {
        var label = "topic #\(index + 1)"
        func fail(_ key: String?, _ message: String) -> TopicCatalogError {
            TopicCatalogError(
                line: key.flatMap { lines.keyLine($0, topic: index) } ?? lines.header(index),
                message: "\(label): \(message)")
        }
        let known: Set<String> = ["id", "name", "description", "seeds"]
        if let unknown = table.keys.filter({ !known.contains($0) }).sorted().first {
            throw fail(unknown, "unknown key '\(unknown)' (expected id, name, description, seeds)")
        }

        guard let idValue = table["id"] else { throw fail(nil, "missing `id`") }
        guard let id = idValue.string else { throw fail("id", "`id` must be a string (found \(describe(idValue)))") }
        guard isValidID(id) else {
            throw fail("id", "`id` '\(id)' must be non-empty letters, digits, '-' or '_'")
        }
        label = "topic #\(index + 1) ('\(id)')"

        guard let nameValue = table["name"] else { throw fail(nil, "missing `name`") }
        guard let name = nameValue.string else {
            throw fail("name", "`name` must be a string (found \(describe(nameValue)))")
        }
        guard !isBlank(name) else { throw fail("name", "`name` is empty") }

        var description = ""
        if let value = table["description"] {
            guard let text = value.string else {
                throw fail("description", "`description` must be a string (found \(describe(value)))")
            }
            description = text
        }

        guard let seedsValue = table["seeds"] else { throw fail(nil, "missing `seeds`") }
        guard let seeds = seedsValue.strings else {
            throw fail("seeds", "`seeds` must be an array of strings (found \(describe(seedsValue)))")
        }
        guard !seeds.isEmpty else { throw fail("seeds", "`seeds` is empty (give at least one seed phrase)") }
        if let blank = seeds.firstIndex(where: isBlank) {
            throw fail("seeds", "seed #\(blank + 1) of `seeds` is blank")
        }
        return NamedTopic(id: id, name: name, description: description, seeds: seeds)
    }

    private static func describe(_ value: TOMLValue) -> String {
        switch value {
        case .array(let items):
            items.isEmpty
                ? "an empty array" : "an array of \(Self.distinct(items.map(\.typeName)).joined(separator: ", "))"
        default: "a \(value.typeName)"
        }
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty
            && id.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_"
            }
    }

    private static func distinct(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }
}

/// Line numbers of the `[[topic]]` headers and of `key =` lines, for error messages (TOML values carry none).
///
/// A light scan: a line whose text (spaces and a trailing comment removed) is `[[topic]]` opens topic k; a line
/// starting with `key`, optional spaces and `=` defines `key` in the current block; the lines of a multi-line
/// array are skipped by bracket counting. The numbers are only used in messages.
private struct CatalogLines {
    /// 1-based line of every `[[topic]]` header, in order.
    private(set) var headers: [Int] = []
    /// For each block (0 = before the first header, then one per table header), the first line of each key.
    private(set) var keys: [[String: Int]] = [[:]]
    /// Block index of every `[[topic]]` header, in order.
    private(set) var topicBlocks: [Int] = []

    init(text: String) {
        var number = 0
        var openBrackets = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if openBrackets > 0 {
                openBrackets = max(0, openBrackets + Self.bracketBalance(line))
                continue
            }
            if line.hasPrefix("[") {
                let compact = line.prefix { $0 != "#" }.filter { $0 != " " && $0 != "\t" && $0 != "\r" }
                keys.append([:])
                if compact == "[[topic]]" {
                    headers.append(number)
                    topicBlocks.append(keys.count - 1)
                }
                continue
            }
            var key = ""
            for c in line {
                guard c.isLetter || c.isNumber || c == "_" || c == "-" else { break }
                key.append(c)
            }
            guard !key.isEmpty else { continue }
            let rest = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else { continue }
            if keys[keys.count - 1][key] == nil { keys[keys.count - 1][key] = number }
            openBrackets = max(0, Self.bracketBalance(rest.dropFirst()))
        }
    }

    /// `[` minus `]` on a line, outside strings and comments.
    private static func bracketBalance(_ text: Substring) -> Int {
        var balance = 0
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                break
            } else if c == "[" {
                balance += 1
            } else if c == "]" {
                balance -= 1
            }
        }
        return balance
    }

    /// Line of topic k's `[[topic]]` header.
    func header(_ topic: Int) -> Int? { topic < headers.count ? headers[topic] : nil }

    /// Line of `key =` inside topic k's block.
    func keyLine(_ key: String, topic: Int) -> Int? {
        topic < topicBlocks.count ? keys[topicBlocks[topic]][key] : nil
    }

    /// Line of a top-level `key =` (before the first table header).
    func rootKeyLine(_ key: String) -> Int? { keys[0][key] }
}
