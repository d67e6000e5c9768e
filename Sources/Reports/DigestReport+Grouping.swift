extension DigestReport {
    /// A run of consecutive entries shown under one heading.
    struct EntryGroup {
        /// The group's topic when entries are grouped by topic (nil in profile order, and for entries without topic).
        var topic: TopicReference?
        /// True when the group has a heading (ordering by topic).
        var hasHeading: Bool
        /// The entries with their 1-based position in the whole report.
        var entries: [(rank: Int, entry: Entry)]
    }

    /// The entries as the report shows them, in groups.
    ///
    /// One group in profile order; one group per run of consecutive entries with the same topic when ordered by
    /// topic (the builder already ordered them; nothing is re-sorted).
    var entryGroups: [EntryGroup] {
        let ranked = entries.enumerated().map { (rank: $0.offset + 1, entry: $0.element) }
        guard ordering == .topic else {
            return ranked.isEmpty ? [] : [EntryGroup(topic: nil, hasHeading: false, entries: ranked)]
        }
        var groups: [EntryGroup] = []
        for item in ranked {
            if let last = groups.last, last.topic == item.entry.topic {
                groups[groups.count - 1].entries.append(item)
            } else {
                groups.append(EntryGroup(topic: item.entry.topic, hasHeading: true, entries: [item]))
            }
        }
        return groups
    }

    /// The report's title: `Digest 2026-11-12-llm.md`.
    var reportTitle: String { "Digest " + digest.file.singleLine }

    /// `10 papers: 7 new, 3 already known` (`no papers` for an empty digest), and how many are title-only.
    var countSentence: String {
        guard summary.paperCount > 0 else { return "This digest has no papers." }
        let papers = summary.paperCount == 1 ? "1 paper" : "\(NumberFormat.grouped(summary.paperCount)) papers"
        var sentence = "\(papers): \(NumberFormat.grouped(summary.newCount)) new, "
            + "\(NumberFormat.grouped(summary.knownCount)) already known."
        if summary.titleOnlyCount > 0 {
            let matched = summary.titleOnlyCount == 1 ? "matched by its title" : "matched by their titles"
            sentence += " \(NumberFormat.grouped(summary.titleOnlyCount)) title-only (no English abstract yet: \(matched))."
        }
        return sentence
    }

    /// How the entries are ordered, in words.
    var orderingPhrase: String {
        switch ordering {
        case .profile: "ordered by profile score"
        case .topic: "grouped by topic, largest first"
        }
    }

    /// A topic share as text: `4 · 40 %`.
    func shareText(_ share: TopicShare) -> String {
        guard summary.paperCount > 0 else { return NumberFormat.grouped(share.count) }
        return NumberFormat.grouped(share.count) + " · "
            + NumberFormat.percent(Double(share.count) / Double(summary.paperCount), maxDecimals: 0)
    }
}
