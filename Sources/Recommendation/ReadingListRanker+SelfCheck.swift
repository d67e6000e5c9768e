import LinearAlgebra

/// How well a profile finds its own liked papers again (``ReadingListRanker/selfCheck()``).
public struct ReadingListSelfCheck: Sendable, Hashable {
    /// Liked papers held out per fold.
    public var heldOut: Int
    /// Folds averaged.
    public var folds: Int
    /// A held-out paper counts as found when ranked within the first `cutoff` candidates (of the first fold).
    public var cutoff: Int
    /// The cut-off as a share of the ranked candidates.
    public var cutoffShare: Double
    /// Candidates ranked per fold.
    public var candidates: Int
    /// Mean share of held-out papers found within the cut-off.
    public var recall: Double
    /// The recall of each fold.
    public var foldRecalls: [Double]
}

extension ReadingListRanker {
    /// Holds out liked papers, refits without them, and measures how many come back near the top.
    ///
    /// Per fold (seeded shuffle of the liked papers): `h = min(maxHeldOut, liked/2)` are held out, the model is refitted
    /// on the others, and every paper that is neither a training liked paper nor disliked is ranked by its final
    /// logit (model + score rules; no filters, no diversification). A held-out paper is found when fewer than
    /// `cutoff = max(1, ⌈share·candidates⌉)` candidates rank before it (ties broken by row). `recall` is the mean over
    /// folds of found / h. Nil with fewer than 4 liked papers.
    /// - Complexity: folds × (one model fit + O(n·d) scoring).
    public func selfCheck() -> ReadingListSelfCheck? {
        guard liked.count >= 4 else { return nil }
        let h = min(settings.selfCheckMaxHeldOut, liked.count / 2)
        let folds = max(1, settings.selfCheckFolds)
        var recalls: [Double] = []
        var cutoff = 0
        var candidates = 0
        for fold in 0..<folds {
            var order = liked
            var random = SeededRandom(seed: settings.seed, stream: 1_000 + UInt64(fold))
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            let heldOut = Array(order.prefix(h))
            let training = Array(order.dropFirst(h)).sorted()
            let foldModel = Self.fitModel(
                corpus: corpus, positives: training, disliked: disliked, settings: settings,
                stream: 1 + UInt64(fold))
            let z = foldModel.decisionValues(corpus.embeddings)
            var excluded = [Bool](repeating: false, count: corpus.count)
            for row in training + disliked { excluded[row] = true }
            let logits = (0..<corpus.count).map { z[$0] + evaluation.adjustment[$0] }
            let count = excluded.reduce(0) { $0 + ($1 ? 0 : 1) }
            let foldCutoff = max(1, Int((settings.selfCheckShare * Double(count)).rounded(.up)))
            var found = 0
            for target in heldOut {
                var before = 0
                for row in 0..<corpus.count where !excluded[row] && row != target {
                    if logits[row] > logits[target] || (logits[row] == logits[target] && row < target) { before += 1 }
                }
                if before < foldCutoff { found += 1 }
            }
            if fold == 0 {
                cutoff = foldCutoff
                candidates = count
            }
            recalls.append(Double(found) / Double(h))
        }
        return ReadingListSelfCheck(
            heldOut: h, folds: folds, cutoff: cutoff, cutoffShare: settings.selfCheckShare, candidates: candidates,
            recall: recalls.reduce(0, +) / Double(recalls.count), foldRecalls: recalls)
    }
}
