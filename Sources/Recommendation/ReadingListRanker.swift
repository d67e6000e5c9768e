import LinearAlgebra
import PaperRadarCore

/// The ranker's tuning: model, rule strengths, diversity and self-check. The defaults are the product's.
public struct ReadingListSettings: Sendable, Hashable {
    /// λ of the logistic regression's L2 penalty (classes weigh 1 each, see ``ReadingListRanker``).
    public var regularization = 0.01
    /// At most this many unlabelled papers are the model's negatives (a seeded sample beyond that).
    public var maxNegatives = 20_000
    /// A disliked paper's sample weight, in units of a liked paper's.
    public var dislikedWeight = 1.0
    /// The logit taken from a paper whose cosine to a disliked paper is 1 (scaled down linearly to 0 at the threshold).
    public var dislikePenalty = 4.0
    /// Cosine to a disliked paper from which the penalty starts.
    public var dislikeThreshold: Float = 0.5
    /// MMR's λ: 1 keeps the model's order, lower values favour variety (see ``MaximalMarginalRelevance``).
    public var mmrLambda = 0.8
    /// Whether interests (the topics of the liked papers) share the list in proportion to their liked papers.
    public var interestQuotas = true
    /// Liked papers a topic needs to be an interest of its own (the others share one interest).
    public var minimumInterestSize = 2
    /// Each interest's MMR pool holds its best `poolFactor × top` candidates (at least ``minimumPool``).
    public var poolFactor = 4
    public var minimumPool = 100
    /// Liked papers and shared terms shown per item.
    public var closestLikedCount = 3
    public var sharedTermCount = 5
    /// Seed of the negative sample and the self-check folds.
    public var seed: UInt64 = 0x5EED_1157
    /// Self-check: folds averaged, share of the ranking that counts as found, most liked papers held out per fold.
    public var selfCheckFolds = 3
    public var selfCheckShare = 0.05
    public var selfCheckMaxHeldOut = 10

    public init() {}

    /// The settings in one line, for report provenance.
    public var summary: String {
        "logistic regression (L2 λ=\(regularization), liked vs the rest, class-balanced, ≤\(maxNegatives) negatives "
            + "sampled, disliked ×\(ReadingProfile.format(dislikedWeight))), score = σ(logit + rules), disliked-neighbour "
            + "penalty \(ReadingProfile.format(dislikePenalty)) from cosine \(dislikeThreshold); "
            + (interestQuotas ? "interests (topics with ≥\(minimumInterestSize) liked papers) share the list by Sainte-Laguë, " : "")
            + "MMR λ=\(mmrLambda) over the best max(\(poolFactor)×top, \(minimumPool))"
    }
}

/// Ranks a corpus for a reader: a linear model of the liked papers against the rest, blended with the profile's
/// rules, diversified, and explained.
///
/// **Model.** L2-regularised logistic regression (``LogisticRegression``) on the corpus embeddings (unit rows; the
/// pipeline passes the LSA neighbour view): liked papers are the positives, every other paper a negative (this is
/// arxiv-sanity's liked-vs-rest SVM, as a probabilistic model).
/// Classes are balanced: the liked papers share weight 1, the unlabelled negatives weight 1 (at most
/// ``ReadingListSettings/maxNegatives`` of them, a seeded sample, so the fit costs the same on any corpus; the sampled
/// loss is an unbiased estimate of the full one), and each disliked paper weighs `dislikedWeight` liked papers.
///
/// **Score.** For paper i with model logit `zᵢ = w·xᵢ + b`:
///
///     scoreᵢ = σ(zᵢ + boostWeight·(boost keywords in i) + authorBoost·[pinned author]
///                  − dislikePenalty·max(0, (maxcos(i, disliked) − τ) / (1 − τ)))
///
/// in 0…1; 0.5 is the model's boundary between "like the liked papers" and "like the rest". Liked, disliked and
/// filtered papers (``ReadingListRules``) are never listed; items under `minScore` are dropped.
///
/// **Diversity.** Interests are the topics of the liked papers (``interests``); each candidate belongs to the interest
/// of its most similar liked paper, interests share the list in proportion to their liked papers (Sainte-Laguë
/// quotas, so a topic liked by 4 of 20 papers is not crowded out by one liked by 16), and within an interest MMR
/// (λ = ``ReadingListSettings/mmrLambda``) picks from its best candidates, with logits min–max scaled to 0…1 as
/// relevance and the embedding cosine to the items already listed as redundancy (``diversify(_:logits:top:)``).
public struct ReadingListRanker: Sendable {
    public let corpus: ReadingListCorpus
    /// Rows of the liked papers (the positives), sorted.
    public let liked: [Int]
    /// Rows of the disliked papers, sorted.
    public let disliked: [Int]
    public let rules: ReadingListRules
    public let settings: ReadingListSettings
    /// The fitted model.
    public let model: LogisticRegression
    /// `zᵢ` for every row.
    public let modelLogits: [Float]
    let evaluation: RuleEvaluation
    /// The liked papers' mean TF-IDF row (dense, one value per term), for shared terms.
    let likedTermWeights: [Float]

    /// Fits the model and evaluates the rules on every paper.
    ///
    /// - Complexity: O(n·d) scoring + O(iterations·s·d²) fitting on s ≤ liked + disliked + maxNegatives rows +
    ///   O(n·|disliked|·d) for the dislike penalty + O(total text length) when keywords are set.
    public init(
        corpus: ReadingListCorpus, liked: [Int], disliked: [Int] = [], rules: ReadingListRules = ReadingListRules(),
        settings: ReadingListSettings = ReadingListSettings()
    ) {
        precondition(!liked.isEmpty, "a reading list needs at least one liked paper")
        precondition((liked + disliked).allSatisfy { (0..<corpus.count).contains($0) }, "rows out of range")
        let likedRows = Array(Set(liked)).sorted()
        let dislikedRows = Array(Set(disliked)).sorted()
        precondition(Set(likedRows).isDisjoint(with: dislikedRows), "a paper is both liked and disliked")
        self.corpus = corpus
        self.liked = likedRows
        self.disliked = dislikedRows
        self.rules = rules
        self.settings = settings
        model = Self.fitModel(corpus: corpus, positives: likedRows, disliked: dislikedRows, settings: settings, stream: 0)
        modelLogits = model.decisionValues(corpus.embeddings)
        evaluation = RuleEvaluation(corpus: corpus, rules: rules, disliked: dislikedRows, settings: settings)
        var mean = [Float](repeating: 0, count: corpus.tfidf.columns)
        for row in likedRows {
            for (column, value) in corpus.tfidf.row(row) { mean[column] += value / Float(likedRows.count) }
        }
        likedTermWeights = mean
    }

    /// The model of `positives` against the rest (see the type's documentation for weights and sampling).
    ///
    /// - Complexity: O(n) to choose the negatives + O(iterations·s·d²) for the fit.
    static func fitModel(
        corpus: ReadingListCorpus, positives: [Int], disliked: [Int], settings: ReadingListSettings, stream: UInt64
    ) -> LogisticRegression {
        var role = [UInt8](repeating: 0, count: corpus.count)  // 0 unlabelled, 1 liked, 2 disliked
        for row in positives { role[row] = 1 }
        for row in disliked { role[row] = 2 }
        var negatives = (0..<corpus.count).filter { role[$0] == 0 }
        if negatives.count > settings.maxNegatives {
            var random = SeededRandom(seed: settings.seed, stream: stream)
            for i in 0..<settings.maxNegatives {
                let j = i + Int(random.next() % UInt64(negatives.count - i))
                negatives.swapAt(i, j)
            }
            negatives = Array(negatives.prefix(settings.maxNegatives)).sorted()
        }
        // Nothing to contrast the liked papers with (every paper is liked): a flat model, every score 0.5.
        guard !(negatives.isEmpty && disliked.isEmpty) else {
            return LogisticRegression(weights: [Float](repeating: 0, count: corpus.embeddings.columns), bias: 0)
        }
        let rows = positives + disliked + negatives
        let liked = Double(positives.count)
        let labels = rows.map { role[$0] == 1 }
        let weights = rows.map { row -> Double in
            switch role[row] {
            case 1: 1 / liked
            case 2: settings.dislikedWeight / liked
            default: 1 / Double(max(1, negatives.count))
            }
        }
        return LogisticRegression.fit(
            corpus.embeddings.selectingRows(rows), labels: labels, sampleWeights: weights,
            regularization: settings.regularization)
    }

    /// The final score (0…1) of each row: the model with the score rules (boosts, disliked-neighbour penalty) and no
    /// filters — for ordering any set of papers, e.g. a digest, by the profile.
    ///
    /// - Complexity: O(rows).
    public func scores(ofRows rows: [Int]) -> [Double] {
        rows.map {
            precondition((0..<corpus.count).contains($0), "row \($0) out of range")
            return LogisticRegression.sigmoid(Double(modelLogits[$0] + evaluation.adjustment[$0]))
        }
    }

    /// The final logit of every row (model + score rules).
    var finalLogits: [Float] { zip(modelLogits, evaluation.adjustment).map { $0 + $1 } }

    /// The reading list: the best `top` candidates, diversified and explained.
    ///
    /// Candidates are the papers that are neither liked nor disliked and pass the filters; `minScore` then drops
    /// weak ones; ``diversify(_:logits:top:)`` picks `top` of them (interest quotas and MMR).
    /// - Complexity: O(n log n) sorting + O(candidates·liked·d + top·pool·d) diversification +
    ///   O(top·(liked·d + nnz)) explanations.
    public func rank(top: Int) -> ReadingListRanking {
        precondition(top >= 0, "top must not be negative")
        let logits = finalLogits
        var candidates: [Int] = []
        var excludedRoles = [Bool](repeating: false, count: corpus.count)
        for row in liked + disliked { excludedRoles[row] = true }
        for row in 0..<corpus.count where !excludedRoles[row] && evaluation.exclusion[row] == nil { candidates.append(row) }
        let candidateCount = candidates.count
        if let minScore = rules.minScore {
            candidates = candidates.filter { LogisticRegression.sigmoid(Double(logits[$0])) >= minScore }
        }
        candidates.sort { (logits[$0], $1) > (logits[$1], $0) }
        let order = diversify(candidates, logits: logits, top: top)
        let items = order.map { row in
            ReadingListRanking.Item(
                row: row, score: LogisticRegression.sigmoid(Double(logits[row])),
                modelScore: LogisticRegression.sigmoid(Double(modelLogits[row])), explanation: explain(row: row))
        }
        return ReadingListRanking(items: items, candidateCount: candidateCount)
    }
}

/// A ranked reading list, rows into the corpus.
public struct ReadingListRanking: Sendable {
    public var items: [Item]
    /// Papers that were ranked: neither liked nor disliked, and through the filters (before `minScore`).
    public var candidateCount: Int

    public struct Item: Sendable {
        public var row: Int
        /// The final score (0…1), rules included.
        public var score: Double
        /// The model's probability alone.
        public var modelScore: Double
        public var explanation: ReadingListExplanation
    }
}

/// Why filtered papers are left out.
enum ReadingListExclusion: UInt8, Sendable {
    case seen, beforeSince, missingMustKeyword, mutedKeyword, mutedTopic
}

/// The rules evaluated on every paper once: logit adjustments and exclusions.
struct RuleEvaluation: Sendable {
    /// Logit added per row: boosts minus the disliked-neighbour penalty.
    var adjustment: [Float]
    /// Why a row is filtered out, or nil.
    var exclusion: [ReadingListExclusion?]
    /// Per row, the closest disliked row and its cosine (empty without disliked papers).
    var nearestDisliked: [(row: Int, similarity: Float)]

    init(corpus: ReadingListCorpus, rules: ReadingListRules, disliked: [Int], settings: ReadingListSettings) {
        let n = corpus.count
        adjustment = [Float](repeating: 0, count: n)
        exclusion = [ReadingListExclusion?](repeating: nil, count: n)
        nearestDisliked = []
        if !disliked.isEmpty {
            let similarities = corpus.embeddings.multiplied(
                by: corpus.embeddings.selectingRows(disliked), transposeOther: true)
            let tau = settings.dislikeThreshold
            nearestDisliked = (0..<n).map { i in
                var best = (row: disliked[0], similarity: similarities[i, 0])
                for j in 1..<disliked.count where similarities[i, j] > best.similarity {
                    best = (disliked[j], similarities[i, j])
                }
                return best
            }
            for i in 0..<n where nearestDisliked[i].similarity > tau {
                adjustment[i] -= Float(settings.dislikePenalty) * (nearestDisliked[i].similarity - tau) / (1 - tau)
            }
        }
        if !rules.pinnedAuthors.isEmpty {
            let pinned = Set(rules.pinnedAuthors.map(ReadingListRules.normalizedAuthor))
            for i in 0..<n where corpus.papers[i].authors.contains(where: { pinned.contains(ReadingListRules.normalizedAuthor($0)) }) {
                adjustment[i] += Float(rules.authorBoost)
            }
        }
        if rules.needsText {
            let hits = KeywordHits.evaluate(corpus: corpus, rules: rules)
            for i in 0..<n {
                adjustment[i] += Float(rules.boostWeight) * Float(hits.boostCount[i])
                if hits.muted[i] { exclusion[i] = .mutedKeyword }
                if !hits.mustSatisfied[i] { exclusion[i] = .missingMustKeyword }
            }
        }
        for i in 0..<n {
            if let topic = corpus.papers[i].topic, rules.mutedTopics.contains(topic) { exclusion[i] = .mutedTopic }
            let day = corpus.papers[i].day
            if let since = rules.sinceDay, (day ?? Int.min) < since { exclusion[i] = .beforeSince }
            if let window = rules.seenDays, let newest = corpus.newestDay, let day, day < newest - window {
                exclusion[i] = .seen
            }
        }
    }
}

/// Keyword rules evaluated on every paper's title + abstract (normalised once, in parallel blocks).
struct KeywordHits {
    var boostCount: [UInt8]
    var muted: [Bool]
    var mustSatisfied: [Bool]

    /// - Complexity: O(total text length · keywords).
    static func evaluate(corpus: ReadingListCorpus, rules: ReadingListRules) -> KeywordHits {
        let n = corpus.count
        let must = rules.must.map(KeywordMatcher.pattern)
        let boost = rules.boost.map(KeywordMatcher.pattern)
        let mute = rules.mute.map(KeywordMatcher.pattern)
        let blocks = Parallel.blocks(n, blockSize: 512)
        let results = UnsafeMutableBufferPointer<(UInt8, Bool, Bool)>.allocate(capacity: n)
        results.initialize(repeating: (0, false, true))
        defer { results.deallocate() }
        let output = SendableOutput(base: results)
        let papers = corpus.papers
        Parallel.forEach(blocks.count) { b in
            for i in blocks[b] {
                let text = KeywordMatcher.normalize(papers[i].title + " \n " + papers[i].abstract)
                let boosts = boost.reduce(0) { $0 + (KeywordMatcher.contains(text, pattern: $1) ? 1 : 0) }
                let muted = mute.contains { KeywordMatcher.contains(text, pattern: $0) }
                let satisfied = must.allSatisfy { KeywordMatcher.contains(text, pattern: $0) }
                output.base[i] = (UInt8(min(boosts, 255)), muted, satisfied)
            }
        }
        return KeywordHits(
            boostCount: results.map(\.0), muted: results.map(\.1), mustSatisfied: results.map(\.2))
    }
}

/// A buffer whose disjoint elements are written by different workers.
struct SendableOutput<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
}
