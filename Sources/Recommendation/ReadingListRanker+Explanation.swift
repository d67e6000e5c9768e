import LinearAlgebra
import PaperRadarCore

/// Why a paper is on a reading list.
public struct ReadingListExplanation: Sendable, Hashable {
    /// A liked paper (corpus row) and its embedding cosine to the item.
    public struct LikedNeighbour: Sendable, Hashable {
        public var row: Int
        public var similarity: Float
    }

    /// The liked papers closest to the item, closest first.
    public var closestLiked: [LikedNeighbour]
    /// Terms of the item that weigh most in the liked papers, heaviest first.
    public var sharedTerms: [String]
    /// The rules that changed the item's score (`boost keyword "agent" (+1.0)`, …).
    public var rules: [String]
    /// One sentence a reader can scan.
    public var summary: String
}

extension ReadingListRanker {
    /// Explains one row: its closest liked papers, the shared terms, the rules that fired, and a summary.
    ///
    /// Closest liked: the largest embedding cosines `xᵢ·xₗ` over the liked papers. Shared terms: the terms t of the
    /// item's TF-IDF row with the largest `wᵢ(t)·μ(t)`, where μ is the liked papers' mean TF-IDF row.
    /// - Complexity: O(liked·d + nnzᵢ + text length when keywords are set).
    public func explain(row: Int) -> ReadingListExplanation {
        precondition((0..<corpus.count).contains(row), "row \(row) out of range")
        let e = corpus.embeddings
        let d = e.columns
        var neighbours = liked.map { other -> ReadingListExplanation.LikedNeighbour in
            var dot: Float = 0
            for j in 0..<d { dot += e.storage[row * d + j] * e.storage[other * d + j] }
            return .init(row: other, similarity: dot)
        }
        neighbours.sort { ($0.similarity, $1.row) > ($1.similarity, $0.row) }
        neighbours = Array(neighbours.prefix(settings.closestLikedCount))

        var products = corpus.tfidf.row(row).map { (column: $0.column, product: $0.value * likedTermWeights[$0.column]) }
        products = products.filter { $0.product > 0 }
        products.sort { ($0.product, $1.column) > ($1.product, $0.column) }
        let terms = products.prefix(settings.sharedTermCount).map { corpus.vocabulary[$0.column] }

        var fired: [String] = []
        var phrases: [String] = []
        if !rules.boost.isEmpty {
            let paper = corpus.papers[row]
            let text = KeywordMatcher.normalize(paper.title + " \n " + paper.abstract)
            for keyword in rules.boost where KeywordMatcher.contains(text, pattern: KeywordMatcher.pattern(of: keyword)) {
                fired.append("boost keyword \"\(keyword.text)\" (+\(ReadingProfile.format(rules.boostWeight)))")
                phrases.append("boosted by keyword “\(keyword.text)”")
            }
        }
        if !rules.pinnedAuthors.isEmpty {
            let pinned = Set(rules.pinnedAuthors.map(ReadingListRules.normalizedAuthor))
            for author in corpus.papers[row].authors where pinned.contains(ReadingListRules.normalizedAuthor(author)) {
                fired.append("pinned author \(author) (+\(ReadingProfile.format(rules.authorBoost)))")
                phrases.append("by pinned author \(author)")
            }
        }
        if !evaluation.nearestDisliked.isEmpty {
            let nearest = evaluation.nearestDisliked[row]
            let tau = settings.dislikeThreshold
            if nearest.similarity > tau {
                let penalty = settings.dislikePenalty * Double((nearest.similarity - tau) / (1 - tau))
                let id = corpus.papers[nearest.row].id
                fired.append(
                    "near disliked \(id) (cosine \(Self.fixed(Double(nearest.similarity)))), "
                        + "−\(Self.fixed(penalty))")
                phrases.append("held back by its similarity to disliked \(id)")
            }
        }

        var parts: [String] = []
        if let closest = neighbours.first {
            parts.append(
                "Closest to your liked “\(Self.shortened(corpus.papers[closest.row].title))” "
                    + "(cosine \(Self.fixed(Double(closest.similarity))))")
        }
        if !terms.isEmpty { parts.append("shares " + terms.prefix(3).map { "“\($0)”" }.joined(separator: ", ")) }
        parts += phrases
        let summary = parts.isEmpty ? "Ranked by the profile's model." : parts.joined(separator: "; ") + "."
        return ReadingListExplanation(closestLiked: neighbours, sharedTerms: terms, rules: fired, summary: summary)
    }

    /// A title cut to 70 characters with an ellipsis.
    static func shortened(_ title: String) -> String {
        title.count <= 70 ? title : String(title.prefix(69)).trimmingWhitespace() + "…"
    }

    /// `value` with two decimals (`0.82`, `-1.30`).
    static func fixed(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        let fraction = hundredths % 100
        return (value < 0 && hundredths > 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
