extension ReadingListReport {
    /// The report's title: `Reading list for profile.toml`.
    var reportTitle: String { "Reading list for " + profile.file.singleLine }

    /// The list in one sentence (`3 papers from 212 candidates dated on or after 2026-11-01, best first.`).
    var overviewSentence: String {
        let candidates =
            candidateCount == 1 ? "1 candidate" : "\(NumberFormat.grouped(candidateCount)) candidates"
        let since = since.map { " dated on or after \($0.singleLine)" } ?? ""
        guard !items.isEmpty else { return "No papers to recommend among \(candidates)\(since)." }
        let papers = items.count == 1 ? "1 paper" : "\(NumberFormat.grouped(items.count)) papers"
        return "\(papers) from \(candidates)\(since), best first."
    }

    /// `12 liked, 3 disliked`.
    var profileCounts: String {
        "\(NumberFormat.grouped(profile.likedCount)) liked, \(NumberFormat.grouped(profile.dislikedCount)) disliked"
    }

    /// `Held out 3 liked papers × 5 folds: recall@top 62 (5 %) = 0.83`, or why there is no self-check.
    var selfCheckSentence: String {
        guard let check = selfCheck else { return "No self-check: too few liked papers to hold some out." }
        let papers = check.heldOut == 1 ? "1 liked paper" : "\(NumberFormat.grouped(check.heldOut)) liked papers"
        let folds = check.folds == 1 ? "1 fold" : "\(NumberFormat.grouped(check.folds)) folds"
        return "Held out \(papers) × \(folds): recall@top \(NumberFormat.grouped(check.cutoff)) "
            + "(\(NumberFormat.percent(check.cutoffShare))) = \(NumberFormat.fixed(check.recall, decimals: 2))"
    }

    /// What the self-check means, in one sentence.
    static let selfCheckExplanation =
        "The profile is refitted without the held-out liked papers; recall is the share of them found again within "
        + "the cut-off of the ranking, averaged over the folds."
}
