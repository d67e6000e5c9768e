import Foundation
import LinearAlgebra
import Testing

@testable import Recommendation

/// Papers in well-separated clusters: unit embeddings near one basis direction per cluster, TF-IDF rows on the
/// cluster's own terms, titles and abstracts from the cluster's words, one author per cluster, a topic per cluster,
/// dates spread over 60 days.
struct ClusteredCorpus {
    static let words = [
        ["retrieval", "passage", "reranker", "index"], ["galaxy", "stellar", "redshift", "halo"],
        ["robot", "grasping", "manipulation", "gripper"], ["proof", "lemma", "theorem", "algebra"],
    ]
    let corpus: ReadingListCorpus
    /// Cluster of each row.
    let cluster: [Int]

    init(perCluster: Int = 60, clusters: Int = 4, d: Int = 16, noise: Float = 0.35, seed: UInt64 = 1) {
        var random = SeededRandom(seed: seed)
        let n = perCluster * clusters
        var embeddings = Matrix(rows: n, columns: d)
        var offsets = [0]
        var indices: [Int32] = []
        var values: [Float] = []
        var papers: [ReadingListCorpus.Paper] = []
        var cluster: [Int] = []
        let termsPerCluster = 4
        for i in 0..<n {
            let c = i % clusters
            cluster.append(c)
            for j in 0..<d { embeddings[i, j] = noise * random.nextGaussian() / Float(d).squareRoot() }
            embeddings[i, c] += 1
            var row = (0..<termsPerCluster).map { (Int32(c * termsPerCluster + $0), random.nextUnitFloat() + 0.2) }
            row.append((Int32(clusters * termsPerCluster), 0.3))  // a term every paper has
            let norm = row.reduce(Float(0)) { $0 + $1.1 * $1.1 }.squareRoot()
            indices += row.map(\.0)
            values += row.map { $0.1 / norm }
            offsets.append(indices.count)
            let vocabulary = Self.words[c % Self.words.count]
            papers.append(
                ReadingListCorpus.Paper(
                    id: "2601.\(10_000 + i)", title: "On \(vocabulary[(i / clusters) % 4]) number \(i)",
                    abstract: "We study \(vocabulary.joined(separator: " ")) in setting \(i % 7).",
                    authors: ["Author \(c)", "Person \(i)"], topic: 10 + c, day: 20_000 + i % 60))
        }
        embeddings.normalizeRows()
        let vocabulary = (0..<clusters * termsPerCluster).map { "term\($0 / termsPerCluster)-\($0 % termsPerCluster)" } + ["common"]
        corpus = ReadingListCorpus(
            embeddings: embeddings,
            tfidf: SparseMatrix(
                rows: n, columns: vocabulary.count, rowOffsets: offsets, columnIndices: indices, values: values),
            vocabulary: vocabulary, papers: papers)
        self.cluster = cluster
    }

    func rows(ofCluster c: Int) -> [Int] { cluster.indices.filter { cluster[$0] == c } }
}

@Suite struct ReadingListRankerTests {
    let data = ClusteredCorpus()

    @Test func theLikedClusterRanksFirstAndLikedPapersAreNeverListed() {
        let liked = Array(data.rows(ofCluster: 0).prefix(5))
        let ranker = ReadingListRanker(corpus: data.corpus, liked: liked)
        #expect(ranker.model.converged)
        let ranking = ranker.rank(top: 20)
        #expect(ranking.items.count == 20)
        #expect(ranking.candidateCount == data.corpus.count - 5)
        #expect(ranking.items.allSatisfy { data.cluster[$0.row] == 0 })
        #expect(ranking.items.allSatisfy { !liked.contains($0.row) })
        #expect(ranking.items.allSatisfy { $0.score > 0.5 && $0.score < 1 })
        let others = ranker.scores(ofRows: data.rows(ofCluster: 1))
        #expect(others.allSatisfy { $0 < 0.5 })
        // scores(ofRows:) is the listed score.
        #expect(ranker.scores(ofRows: ranking.items.map(\.row)) == ranking.items.map(\.score))
    }

    @Test func itemsAreExplained() throws {
        let liked = Array(data.rows(ofCluster: 0).prefix(5))
        let ranker = ReadingListRanker(corpus: data.corpus, liked: liked)
        let item = try #require(ranker.rank(top: 1).items.first)
        let why = item.explanation
        #expect(why.closestLiked.count == 3)
        #expect(why.closestLiked.allSatisfy { liked.contains($0.row) })
        #expect(zip(why.closestLiked, why.closestLiked.dropFirst()).allSatisfy { $0.similarity >= $1.similarity })
        let expected = liked.map { l in zip(data.corpus.embeddings.row(l), data.corpus.embeddings.row(item.row)).map(*).reduce(0, +) }.max()!
        #expect(abs(why.closestLiked[0].similarity - expected) < 1e-5)
        #expect(why.sharedTerms.count == 5)
        #expect(why.sharedTerms.allSatisfy { $0.hasPrefix("term0-") || $0 == "common" })
        #expect(why.rules.isEmpty)
        #expect(why.summary.hasPrefix("Closest to your liked “On "))
        #expect(why.summary.contains("shares “term0-"))
        #expect(why.summary.hasSuffix("."))
    }

    @Test func dislikedPapersAndTheirNeighboursArePushedDown() throws {
        let liked = Array(data.rows(ofCluster: 0).prefix(4)) + Array(data.rows(ofCluster: 1).prefix(4))
        let disliked = Array(data.rows(ofCluster: 1).dropFirst(4).prefix(2))
        let plain = ReadingListRanker(corpus: data.corpus, liked: liked)
        let ranker = ReadingListRanker(corpus: data.corpus, liked: liked, disliked: disliked)
        let cluster1 = data.rows(ofCluster: 1).filter { !liked.contains($0) && !disliked.contains($0) }
        let before = plain.scores(ofRows: cluster1)
        let after = ranker.scores(ofRows: cluster1)
        #expect(zip(before, after).allSatisfy { $0 > $1 }, "every cluster-1 paper loses score")
        let ranking = ranker.rank(top: 30)
        #expect(ranking.items.allSatisfy { !disliked.contains($0.row) && !liked.contains($0.row) })
        #expect(ranking.candidateCount == data.corpus.count - 10)
        let first = try #require(ranking.items.first)
        #expect(data.cluster[first.row] == 0, "the disliked cluster no longer leads")
        let why = ranker.explain(row: cluster1[0])
        #expect(why.rules.count == 1 && why.rules[0].hasPrefix("near disliked 2601."))
        #expect(why.summary.contains("held back by its similarity to disliked 2601."))
        #expect(plain.explain(row: cluster1[0]).rules.isEmpty)
    }

    @Test func muteAndMustKeywordsFilterAndBoostsAdd() throws {
        let liked = Array(data.rows(ofCluster: 0).prefix(5))
        // Cluster 0 abstracts say "retrieval"; titles name one of its four words.
        var rules = ReadingListRules(must: [Keyword("retrieval")!])
        var ranking = ReadingListRanker(corpus: data.corpus, liked: liked, rules: rules).rank(top: 500)
        #expect(ranking.candidateCount == data.rows(ofCluster: 0).count - 5, "only cluster 0 says retrieval")
        #expect(ranking.items.count == ranking.candidateCount)
        #expect(ranking.items.allSatisfy { data.cluster[$0.row] == 0 })
        rules = ReadingListRules(must: [Keyword("retrieval")!, Keyword("galaxy")!])
        #expect(ReadingListRanker(corpus: data.corpus, liked: liked, rules: rules).rank(top: 5).candidateCount == 0, "every must keyword")
        rules = ReadingListRules(must: [Keyword("retrieval")!], mute: [Keyword("reranker")!])
        ranking = ReadingListRanker(corpus: data.corpus, liked: liked, rules: rules).rank(top: 500)
        #expect(ranking.candidateCount == 0 && ranking.items.isEmpty, "every cluster-0 abstract says reranker too")

        rules = ReadingListRules(mute: [Keyword("on passage")!])
        ranking = ReadingListRanker(corpus: data.corpus, liked: liked, rules: rules).rank(top: 500)
        #expect(ranking.items.allSatisfy { !data.corpus.papers[$0.row].title.hasPrefix("On passage") })
        #expect(ranking.candidateCount == data.corpus.count - 5 - 15 + liked.filter { data.corpus.papers[$0].title.hasPrefix("On passage") }.count)

        let plain = ReadingListRanker(corpus: data.corpus, liked: liked)
        rules = ReadingListRules(boost: [Keyword("galaxy")!, Keyword("halo")!], boostWeight: 1.5)
        let boosted = ReadingListRanker(corpus: data.corpus, liked: liked, rules: rules)
        let galaxies = data.rows(ofCluster: 1)
        for (a, b) in zip(plain.scores(ofRows: galaxies), boosted.scores(ofRows: galaxies)) {
            #expect(abs(log(b / (1 - b)) - log(a / (1 - a)) - 3) < 1e-3, "two boost keywords add 2 × 1.5 to the logit")
        }
        let explained = boosted.explain(row: galaxies[0])
        #expect(explained.rules == ["boost keyword \"galaxy\" (+1.5)", "boost keyword \"halo\" (+1.5)"])
        #expect(explained.summary.contains("boosted by keyword “galaxy”; boosted by keyword “halo”."))
    }

    @Test func pinnedAuthorsAreBoosted() throws {
        let liked = Array(data.rows(ofCluster: 0).prefix(5))
        let plain = ReadingListRanker(corpus: data.corpus, liked: liked)
        let rules = ReadingListRules(pinnedAuthors: ["author  2"])
        let ranker = ReadingListRanker(corpus: data.corpus, liked: liked, rules: rules)
        let robots = data.rows(ofCluster: 2)
        for (a, b) in zip(plain.scores(ofRows: robots), ranker.scores(ofRows: robots)) {
            #expect(abs(log(b / (1 - b)) - log(a / (1 - a)) - ReadingListRules.defaultAuthorBoost) < 1e-3)
        }
        #expect(ranker.explain(row: robots[0]).rules == ["pinned author Author 2 (+2.0)"])
        #expect(plain.scores(ofRows: [data.rows(ofCluster: 3)[0]]) == ranker.scores(ofRows: [data.rows(ofCluster: 3)[0]]))
    }

    @Test func mutedTopicsMinScoreSeenWindowAndSinceFilter() {
        let liked = Array(data.rows(ofCluster: 0).prefix(5)) + Array(data.rows(ofCluster: 1).prefix(5))
        var ranking = ReadingListRanker(
            corpus: data.corpus, liked: liked, rules: ReadingListRules(mutedTopics: [10])
        ).rank(top: 300)
        #expect(ranking.items.allSatisfy { data.cluster[$0.row] != 0 })
        #expect(ranking.candidateCount == data.corpus.count - 60 - 5)

        ranking = ReadingListRanker(corpus: data.corpus, liked: liked, rules: ReadingListRules(minScore: 0.5)).rank(top: 300)
        #expect(!ranking.items.isEmpty)
        #expect(ranking.items.allSatisfy { $0.score >= 0.5 })
        #expect(ranking.items.allSatisfy { data.cluster[$0.row] <= 1 })
        #expect(ranking.candidateCount == data.corpus.count - 10, "min_score is applied after counting candidates")

        // Days run 20,000…20,059; the newest is 20,059: a 9-day window keeps days ≥ 20,050.
        ranking = ReadingListRanker(corpus: data.corpus, liked: liked, rules: ReadingListRules(seenDays: 9)).rank(top: 300)
        #expect(ranking.items.allSatisfy { data.corpus.papers[$0.row].day! >= 20_050 })
        #expect(ranking.candidateCount == 40 - liked.filter { data.corpus.papers[$0].day! >= 20_050 }.count)

        ranking = ReadingListRanker(corpus: data.corpus, liked: liked, rules: ReadingListRules(sinceDay: 20_055)).rank(top: 300)
        #expect(ranking.items.allSatisfy { data.corpus.papers[$0.row].day! >= 20_055 })
        #expect(ranking.candidateCount == 20 - liked.filter { data.corpus.papers[$0].day! >= 20_055 }.count)
    }

    @Test func twoLikedClustersBothReachTheTopTen() {
        // Cluster 0 is liked more (8 vs 2 papers), so by score alone it fills the top 10; the interest quotas give
        // cluster 1 its share (Sainte-Laguë: slots 3 and 8 of 10).
        let liked = Array(data.rows(ofCluster: 0).prefix(8)) + Array(data.rows(ofCluster: 1).prefix(2))
        var settings = ReadingListSettings()
        settings.interestQuotas = false
        let undiversified = ReadingListRanker(corpus: data.corpus, liked: liked, settings: settings).rank(top: 10)
        #expect(undiversified.items.allSatisfy { data.cluster[$0.row] == 0 })
        let ranker = ReadingListRanker(corpus: data.corpus, liked: liked)
        #expect(ranker.interests == [Array(liked.prefix(8)).sorted(), Array(liked.suffix(2)).sorted()])
        let clusters = ranker.rank(top: 10).items.map { data.cluster[$0.row] }
        #expect(clusters == [0, 0, 1, 0, 0, 0, 0, 1, 0, 0], "\(clusters)")
    }

    @Test func interestsAreTopicsWithTwoLikedPapersAndTheRestTogether() {
        let liked = Array(data.rows(ofCluster: 2).prefix(3)) + [data.rows(ofCluster: 3)[0]] + [data.rows(ofCluster: 1)[0]]
        let ranker = ReadingListRanker(corpus: data.corpus, liked: liked)
        #expect(ranker.interests == [Array(liked.prefix(3)).sorted(), [liked[4], liked[3]].sorted()])
        var settings = ReadingListSettings()
        settings.minimumInterestSize = 1
        #expect(ReadingListRanker(corpus: data.corpus, liked: liked, settings: settings).interests.count == 3)
    }

    @Test func maximalMarginalRelevancePrefersNovelty() {
        // Three near-duplicates with the highest relevance and one different candidate.
        var vectors = Matrix([[1, 0, 0], [0.99, 0.14, 0], [0.98, 0, 0.2], [0, 1, 0]])
        vectors.normalizeRows()
        let relevance = [1.0, 0.95, 0.9, 0.75]
        #expect(MaximalMarginalRelevance.select(vectors: vectors, relevance: relevance, count: 4, lambda: 1) == [0, 1, 2, 3])
        #expect(MaximalMarginalRelevance.select(vectors: vectors, relevance: relevance, count: 2, lambda: 0.8) == [0, 3])
        #expect(MaximalMarginalRelevance.select(vectors: vectors, relevance: relevance, count: 9, lambda: 0.5).count == 4)
        #expect(MaximalMarginalRelevance.select(vectors: vectors, relevance: relevance, count: 0, lambda: 0.5).isEmpty)
    }

    @Test func groupsShareTheListBySainteLague() {
        // Group 0 weighs 3, group 1 weighs 1: slots go 0, 0, 1, 0, 0, 0, 1, … ; an exhausted group drops out.
        let vectors = Matrix(rows: 8, columns: 2, repeating: Float(0.5).squareRoot())
        let relevance = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
        let groups = [0, 0, 0, 0, 0, 1, 1, 0]
        let order = MaximalMarginalRelevance.select(
            vectors: vectors, relevance: relevance, groups: groups, weights: [3, 1], count: 8, lambda: 1)
        #expect(order.map { groups[$0] } == [0, 0, 1, 0, 0, 0, 1, 0])
        #expect(order == [0, 1, 5, 2, 3, 4, 6, 7])
    }

    @Test func theSelfCheckFindsHeldOutPapersOfASeparableProfile() throws {
        // 16 clusters of 20: the liked cluster's 10 held-out papers are its only unliked members.
        let many = ClusteredCorpus(perCluster: 20, clusters: 16)
        let liked = many.rows(ofCluster: 2)
        let check = try #require(ReadingListRanker(corpus: many.corpus, liked: liked).selfCheck())
        #expect(check.heldOut == 10 && check.folds == 3 && check.cutoffShare == 0.05)
        #expect(check.candidates == many.corpus.count - 10)
        #expect(check.cutoff == 16, "⌈0.05 × 310⌉")
        #expect(check.recall >= 0.9, "\(check.foldRecalls)")
        // Few liked papers: liked/2 held out; fewer than 4: no self-check.
        let small = try #require(ReadingListRanker(corpus: many.corpus, liked: Array(liked.prefix(5))).selfCheck())
        #expect(small.heldOut == 2)
        #expect(ReadingListRanker(corpus: many.corpus, liked: Array(liked.prefix(3))).selfCheck() == nil)
    }

    @Test func theSelfCheckIsNearChanceOnStructurelessData() throws {
        // Random unit embeddings: the held-out papers are like any other, so recall ≈ the cut-off share (0.05).
        var random = SeededRandom(seed: 11)
        let n = 2_000
        var embeddings = Matrix(rows: n, columns: 16)
        for i in 0..<embeddings.storage.count { embeddings.storage[i] = random.nextGaussian() }
        embeddings.normalizeRows()
        let papers = (0..<n).map { ReadingListCorpus.Paper(id: "2601.\(20_000 + $0)", title: "Paper \($0)", abstract: "") }
        let corpus = ReadingListCorpus(
            embeddings: embeddings,
            tfidf: SparseMatrix(rows: n, columns: 1, rowOffsets: [Int](repeating: 0, count: n + 1), columnIndices: [], values: []),
            vocabulary: ["unused"], papers: papers)
        var settings = ReadingListSettings()
        settings.selfCheckFolds = 10
        let liked = (0..<20).map { $0 * 97 }
        let check = try #require(ReadingListRanker(corpus: corpus, liked: liked, settings: settings).selfCheck())
        #expect(check.folds == 10)
        #expect(check.recall <= 0.2, "\(check.foldRecalls)")
    }

    @Test func negativesAreSampledDeterministically() {
        var settings = ReadingListSettings()
        settings.maxNegatives = 50
        let liked = Array(data.rows(ofCluster: 3).prefix(5))
        let a = ReadingListRanker(corpus: data.corpus, liked: liked, settings: settings)
        let b = ReadingListRanker(corpus: data.corpus, liked: liked, settings: settings)
        #expect(a.model == b.model)
        #expect(a.rank(top: 10).items.map(\.row) == b.rank(top: 10).items.map(\.row))
        #expect(a.rank(top: 10).items.allSatisfy { data.cluster[$0.row] == 3 })
        #expect(a.model != ReadingListRanker(corpus: data.corpus, liked: liked).model, "the sample changes the fit")
    }
}

@Suite struct LogisticRegressionTests {
    /// A small problem: two overlapping Gaussian classes in 5 dimensions with uneven sample weights.
    static func problem(seed: UInt64 = 3, t: Int = 300, d: Int = 5) -> (Matrix, [Bool], [Double]) {
        var random = SeededRandom(seed: seed)
        var x = Matrix(rows: t, columns: d)
        var labels: [Bool] = []
        var weights: [Double] = []
        for i in 0..<t {
            let positive = i % 3 == 0
            for j in 0..<d { x[i, j] = random.nextGaussian() + (positive && j < 2 ? 0.8 : 0) }
            labels.append(positive)
            weights.append(positive ? 1.0 / 100 : 0.5 / 200 + Double(i % 5) * 0.001)
        }
        return (x, labels, weights)
    }

    /// J(w, b) by the definition, in double precision, one term at a time.
    static func naiveObjective(_ x: Matrix, _ y: [Bool], _ c: [Double], _ lambda: Double, _ w: [Double], _ b: Double) -> Double {
        var total = 0.0
        for i in 0..<x.rows {
            var z = b
            for j in 0..<x.columns { z += w[j] * Double(x[i, j]) }
            total += c[i] * (log(1 + exp(z)) - (y[i] ? z : 0))
        }
        return total + lambda / 2 * w.reduce(0) { $0 + $1 * $1 }
    }

    /// ∇J by the definition.
    static func naiveGradient(_ x: Matrix, _ y: [Bool], _ c: [Double], _ lambda: Double, _ w: [Double], _ b: Double) -> [Double] {
        var gradient = w.map { lambda * $0 } + [0]
        for i in 0..<x.rows {
            var z = b
            for j in 0..<x.columns { z += w[j] * Double(x[i, j]) }
            let r = c[i] * (1 / (1 + exp(-z)) - (y[i] ? 1 : 0))
            for j in 0..<x.columns { gradient[j] += r * Double(x[i, j]) }
            gradient[x.columns] += r
        }
        return gradient
    }

    @Test func theFastObjectiveAndGradientMatchTheNaiveOnes() {
        let (x, y, c) = Self.problem()
        let w = [0.3, -0.2, 0.5, 0.1, -0.4]
        let b = 0.25
        let fast = LogisticRegression.objective(x, labels: y, sampleWeights: c, regularization: 0.1, weights: w, bias: b)
        #expect(abs(fast - Self.naiveObjective(x, y, c, 0.1, w, b)) < 1e-6)
        let gradient = LogisticRegression.gradient(x, labels: y, sampleWeights: c, regularization: 0.1, weights: w, bias: b)
        let naive = Self.naiveGradient(x, y, c, 0.1, w, b)
        for (a, e) in zip(gradient.weights + [gradient.bias], naive) { #expect(abs(a - e) < 1e-5) }
        // And the gradient is the objective's: central differences.
        for j in 0..<6 {
            var plus = w + [b]
            var minus = w + [b]
            plus[j] += 1e-4
            minus[j] -= 1e-4
            let difference = (Self.naiveObjective(x, y, c, 0.1, Array(plus.prefix(5)), plus[5])
                - Self.naiveObjective(x, y, c, 0.1, Array(minus.prefix(5)), minus[5])) / 2e-4
            #expect(abs(difference - naive[j]) < 1e-5)
        }
    }

    @Test func newtonReachesTheMinimumOfTheNaiveObjective() {
        let (x, y, c) = Self.problem()
        let model = LogisticRegression.fit(x, labels: y, sampleWeights: c, regularization: 0.05)
        #expect(model.converged)
        #expect(model.iterations <= 10)
        let w = model.weights.map(Double.init)
        let b = Double(model.bias)
        let gradient = Self.naiveGradient(x, y, c, 0.05, w, b)
        #expect(gradient.map { abs($0) }.max()! < 1e-4, "\(gradient)")
        #expect(abs(model.objective - Self.naiveObjective(x, y, c, 0.05, w, b)) < 1e-6)
        // A reference by plain gradient descent on the naive objective reaches the same point.
        var v = [Double](repeating: 0, count: 6)
        for _ in 0..<20_000 {
            let g = Self.naiveGradient(x, y, c, 0.05, Array(v.prefix(5)), v[5])
            for j in 0..<6 { v[j] -= 2 * g[j] }
        }
        for j in 0..<5 { #expect(abs(v[j] - w[j]) < 1e-3, "weight \(j): \(v[j]) vs \(w[j])") }
        #expect(abs(v[5] - b) < 1e-3)
        // The weights point to the informative dimensions, and the fit is deterministic.
        #expect(model.weights[0] > 0.3 && model.weights[1] > 0.3)
        #expect(model == LogisticRegression.fit(x, labels: y, sampleWeights: c, regularization: 0.05))
        let z = model.decisionValues(x)
        #expect(abs(Double(z[7]) - (zip(w, x.row(7)).map { $0 * Double($1) }.reduce(b, +))) < 1e-4)
    }

    @Test func separableDataStaysFiniteThanksToTheRegularisation() {
        var x = Matrix(rows: 40, columns: 2)
        for i in 0..<40 {
            x[i, 0] = i < 20 ? 1 : -1
            x[i, 1] = Float(i % 7) / 7
        }
        let model = LogisticRegression.fit(
            x, labels: (0..<40).map { $0 < 20 }, sampleWeights: [Double](repeating: 1.0 / 40, count: 40),
            regularization: 1e-3)
        #expect(model.converged && model.weights.allSatisfy(\.isFinite))
        #expect(model.weights[0] > 3)
    }

    @Test func choleskySolvesASymmetricPositiveDefiniteSystem() throws {
        let a: [Double] = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]
        let solution = try #require(LogisticRegression.solvePositiveDefinite(a, size: 3, rhs: [1, 2, 3]))
        for i in 0..<3 {
            let row = (0..<3).map { a[i * 3 + $0] * solution[$0] }.reduce(0, +)
            #expect(abs(row - [1, 2, 3][i]) < 1e-12)
        }
        #expect(LogisticRegression.solvePositiveDefinite([1, 2, 2, 1], size: 2, rhs: [1, 1]) == nil)
    }

    @Test func theSigmoidIsStableAtTheExtremes() {
        #expect(LogisticRegression.sigmoid(0) == 0.5)
        #expect(LogisticRegression.sigmoid(800) == 1)
        #expect(LogisticRegression.sigmoid(-800) == 0)
        #expect(abs(LogisticRegression.sigmoid(2) + LogisticRegression.sigmoid(-2) - 1) < 1e-15)
    }
}
