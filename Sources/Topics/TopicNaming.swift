import LinearAlgebra

/// The label of one fitted topic: its display name, the named topic it took (if any) and its top terms.
public struct TopicLabel: Sendable, Hashable {
    /// Row of the topic in the centroid matrix.
    public var topic: Int
    /// Id of the named topic the topic took, `nil` when named by its top terms.
    public var namedTopicID: String?
    /// Display name: the named topic's name (maybe with a `" · term"` suffix), or the top terms joined by `" · "`.
    public var name: String
    /// Cosine of the centroid to the best-matching seed vector (0 without named topics).
    public var similarity: Float
    /// That cosine minus the second best (see ``TopicNaming`` for one or no named topics).
    public var margin: Float
    /// Id of the best-matching named topic even when the match was not clear (`nil` without named topics).
    public var closestNamedTopicID: String?
    /// The topic's top terms, best first (as given to the naming).
    public var topTerms: [TopicTerm]

    public init(
        topic: Int, namedTopicID: String?, name: String, similarity: Float, margin: Float,
        closestNamedTopicID: String?, topTerms: [TopicTerm]
    ) {
        self.topic = topic
        self.namedTopicID = namedTopicID
        self.name = name
        self.similarity = similarity
        self.margin = margin
        self.closestNamedTopicID = closestNamedTopicID
        self.topTerms = topTerms
    }
}

/// Names fitted topics after the catalog's named topics when the match is clear, else by their top terms.
///
/// With unit centroids `C` (k×d) and unit seed vectors `S` (s×d, catalog order), `sim = C·Sᵀ` (one GEMM). For
/// topic c, `j* = argmax_j sim_cj` (lowest j on ties), `best = sim_cj*`, `second = max_{j ≠ j*} sim_cj` (0 when s = 1),
/// `margin = best − second`. Topic c takes named topic j* when `best ≥ minSimilarity` **and**
/// `margin ≥ minMargin` (the catalog's thresholds); otherwise its name is its first `fallbackTermCount` top terms
/// joined by `" · "` (`"topic c"` when it has none).
///
/// **Shared names.** When several topics take the same named topic, they are ranked by `best` (descending, ties by
/// topic index). With `keepBestMatchPlain` the first keeps the plain name; every other one (all of them without
/// `keepBestMatchPlain`) gets `name · term`, `term` being its first top term that is not a seed of that named
/// topic and not already used as a suffix in the group — e.g. "LLM", "LLM · code", "LLM · math". When no such term
/// exists the suffix is the rank in the group: "LLM (2)".
///
/// **Seed terms.** Top terms are analysed (stemmed, bigrams `"w₁ w₂"`) while seeds are plain phrases. A term counts
/// as a seed of a named topic when it is in the caller's `seedTerms` for it (the analysed seed terms, exact
/// vocabulary strings), or when it matches a seed phrase word by word (both split at non-alphanumerics,
/// lower-cased): each term word equals the seed word, or has ≥ 3 characters and is a prefix of it (stems such as
/// `reason` ↔ `reasoning`), or ends in `i` where the seed word ends in `y` with equal stems (`queri` ↔ `query`).
public struct TopicNaming: Sendable, Hashable {
    /// The named topics and the thresholds of a clear match.
    public var catalog: NamedTopicCatalog
    /// Top terms joined to name a topic that takes no named topic.
    public var fallbackTermCount: Int
    /// Whether the best match of a shared named topic keeps the plain name.
    public var keepBestMatchPlain: Bool

    /// Separator of terms in fallback names and of a name and its suffix.
    public static let separator = " · "

    /// A naming over `catalog`; `fallbackTermCount` ≥ 1.
    public init(catalog: NamedTopicCatalog, fallbackTermCount: Int = 3, keepBestMatchPlain: Bool = true) {
        precondition(fallbackTermCount >= 1, "fallbackTermCount must be ≥ 1")
        self.catalog = catalog
        self.fallbackTermCount = fallbackTermCount
        self.keepBestMatchPlain = keepBestMatchPlain
    }

    /// Labels every topic from its centroid, the seed vectors and its top terms.
    ///
    /// Contract: `centroids` k×d and `seedVectors` s×d with s = `catalog.topics.count` (rows in catalog order),
    /// `topTerms` has k entries; `seedTerms`, when given, has s sets. Rule: see the type's documentation.
    /// - Complexity: O(k·s·d) for the GEMM, plus O(k·s + Σ top terms · seeds) for the naming.
    public func label(
        centroids: Matrix, seedVectors: Matrix, topTerms: [[TopicTerm]], seedTerms: [Set<String>]? = nil
    ) -> [TopicLabel] {
        precondition(
            centroids.columns == seedVectors.columns,
            "centroids have dimension \(centroids.columns), seed vectors \(seedVectors.columns)")
        let similarities = centroids.multiplied(by: seedVectors, transposeOther: true)
        return label(similarities: similarities, topTerms: topTerms, seedTerms: seedTerms)
    }

    /// Labels every topic from precomputed centroid–seed cosines `similarities` (k×s).
    ///
    /// Same rule as ``label(centroids:seedVectors:topTerms:seedTerms:)``.
    /// - Complexity: O(k·s + Σ top terms · seeds).
    public func label(similarities: Matrix, topTerms: [[TopicTerm]], seedTerms: [Set<String>]? = nil) -> [TopicLabel] {
        let k = similarities.rows, s = catalog.topics.count
        precondition(similarities.columns == s, "\(similarities.columns) seed columns for \(s) named topics")
        precondition(topTerms.count == k, "topTerms has \(topTerms.count) entries for \(k) topics")
        precondition(seedTerms == nil || seedTerms!.count == s, "seedTerms must have one set per named topic")

        var labels: [TopicLabel] = []
        labels.reserveCapacity(k)
        var takenBy = [[Int]](repeating: [], count: s)
        for c in 0..<k {
            let row = Array(similarities.storage[(c * s)..<((c + 1) * s)])
            let match = Self.bestMatch(row)
            var label = TopicLabel(
                topic: c, namedTopicID: nil, name: fallbackName(topic: c, terms: topTerms[c]),
                similarity: match?.similarity ?? 0, margin: match?.margin ?? 0,
                closestNamedTopicID: match.map { catalog.topics[$0.topic].id }, topTerms: topTerms[c])
            if let match, match.similarity >= catalog.minSimilarity, match.margin >= catalog.minMargin {
                label.namedTopicID = catalog.topics[match.topic].id
                label.name = catalog.topics[match.topic].name
                takenBy[match.topic].append(c)
            }
            labels.append(label)
        }

        for (j, group) in takenBy.enumerated() where group.count > 1 {
            let topic = catalog.topics[j]
            let matcher = SeedTermMatcher(seeds: topic.seeds, extra: seedTerms?[j] ?? [])
            let ranked = group.sorted {
                labels[$0].similarity > labels[$1].similarity
                    || (labels[$0].similarity == labels[$1].similarity && $0 < $1)
            }
            var used = Set<String>()
            for (rank, c) in ranked.enumerated() {
                if rank == 0 && keepBestMatchPlain { continue }
                if let term = topTerms[c].first(where: { !matcher.isSeed($0.term) && !used.contains($0.term) }) {
                    used.insert(term.term)
                    labels[c].name = topic.name + Self.separator + term.term
                } else {
                    labels[c].name = "\(topic.name) (\(rank + 1))"
                }
            }
        }
        return labels
    }

    /// Whether `term` (an analysed vocabulary term) counts as a seed of `topic` by the word-wise rule.
    ///
    /// - Complexity: O(total seed length).
    public static func isSeedTerm(_ term: String, of topic: NamedTopic) -> Bool {
        SeedTermMatcher(seeds: topic.seeds, extra: []).isSeed(term)
    }

    private func fallbackName(topic c: Int, terms: [TopicTerm]) -> String {
        terms.isEmpty ? "topic \(c)" : terms.prefix(fallbackTermCount).map(\.term).joined(separator: Self.separator)
    }

    /// `(argmax, its value, value − second best)` of one row; `nil` for an empty row or an all-NaN row.
    static func bestMatch(_ row: [Float]) -> (topic: Int, similarity: Float, margin: Float)? {
        var best = -1
        for j in row.indices where !row[j].isNaN && (best < 0 || row[j] > row[best]) { best = j }
        guard best >= 0 else { return nil }
        var second: Float = row.count == 1 ? 0 : -.infinity
        for j in row.indices where j != best && !row[j].isNaN { second = max(second, row[j]) }
        if second == -.infinity { second = 0 }
        return (best, row[best], row[best] - second)
    }
}

/// The word-wise seed rule of ``TopicNaming`` for one named topic.
struct SeedTermMatcher {
    let seedWords: [[Substring]]
    let extra: Set<String>

    init(seeds: [String], extra: Set<String>) {
        seedWords = seeds.map { Self.words($0.lowercased()) }.filter { !$0.isEmpty }
        self.extra = extra
    }

    func isSeed(_ term: String) -> Bool {
        if extra.contains(term) { return true }
        let words = Self.words(term.lowercased())
        guard !words.isEmpty else { return false }
        return seedWords.contains { seed in
            seed.count == words.count && zip(words, seed).allSatisfy { Self.wordMatches($0, $1) }
        }
    }

    static func wordMatches(_ termWord: Substring, _ seedWord: Substring) -> Bool {
        if termWord == seedWord { return true }
        if termWord.count >= 3 && seedWord.hasPrefix(termWord) { return true }
        if termWord.count >= 3 && termWord.last == "i" && seedWord.last == "y"
            && termWord.dropLast() == seedWord.dropLast()
        {
            return true
        }
        return false
    }

    /// Lower-case runs of ASCII letters and digits.
    static func words(_ text: String) -> [Substring] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}
