@testable import Reports

/// Reports with hostile strings in every text field.
///
/// Markup, quotes, CDATA ends, pipes, a control character, emoji and CJK.
enum HostileFixtures {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(1)>"
    static let quotes = "\"quotes\" & 'apostrophes'"

    /// One hostile string, tagged so that each field's text can be told apart.
    static func text(_ tag: String) -> String {
        "\(tag) \(script) \(image) \(quotes) ]]> a|b|c \u{0001} 🚀 数据 #\(tag) [x](javascript:alert(1))"
    }

    /// What a hostile string must read as once rendered (the control character is removed).
    static func visible(_ tag: String) -> String { text(tag).replacingOccurrences(of: " \u{0001}", with: "") }

    static let ids = [
        "javascript:alert(1)", "2611.0001\"><script>alert(1)</script>", "../../evil?x=<b>", "2611.0004 | x",
    ]

    static func paper(_ index: Int) -> PaperReference {
        PaperReference(
            id: ids[index % ids.count], title: text("title\(index)"), authors: [text("author\(index)")],
            date: text("date\(index)"), categories: [text("category\(index)")])
    }

    static let provenance = ReportProvenance(
        generatedAt: "2026-11-22T09:30:00Z", generator: text("generator"), paperCount: 3, modelHash: text("model"),
        topicsHash: text("topics"), settings: [.init(name: text("setting"), value: text("value"))])

    static let topic = TopicReference(id: 1, name: text("topic"))

    static let digest = DigestReport(
        provenance: provenance,
        digest: .init(
            id: 1, file: text("file"), date: text("digestdate"), format: text("format"), contentHash: text("hash")),
        summary: .init(paperCount: 2, newCount: 1, knownCount: 1, topicMix: [.init(topic: topic, count: 2)]),
        ordering: .profile,
        entries: [
            .init(
                paper: paper(0), isNew: true, topic: topic, profileScore: 0.5,
                related: [.init(paper: paper(1), score: 0.25, sharedTerms: [text("term")])]),
            .init(paper: paper(2), isNew: false, topic: nil, profileScore: 0.25, related: []),
        ],
        warnings: [text("warning")])

    static let topicReport = TopicReport(
        provenance: provenance, kChoice: text("kchoice"),
        kCurve: [
            .init(k: 2, silhouette: 0.1, stability: 0.9, chosen: false),
            .init(k: 3, silhouette: 0.2, stability: 0.8, chosen: true),
        ],
        topics: [
            .init(
                id: 1, name: text("topic"), namedTopic: text("named"), size: 2, growth: [1, 1],
                topTerms: [text("term")],
                centralPapers: [paper(0)]),
            .init(
                id: 2, name: text("topic2"), namedTopic: nil, size: 1, growth: [0, 1], topTerms: [],
                centralPapers: [paper(1)]),
        ],
        bridges: [
            .init(
                paper: paper(2), topicA: topic, topicB: .init(id: 2, name: text("topic2")), similarityA: 0.5,
                similarityB: 0.4)
        ],
        map: [
            .init(id: ids[0], title: text("map0"), topicID: 1, x: 0.1, y: 0.2),
            .init(id: ids[1], title: text("map1"), topicID: 2, x: -0.1, y: 0.3),
            .init(id: ids[2], title: text("map2"), topicID: 99, x: 0.0, y: -0.2),
        ],
        mapPaperCount: 3, mapExplainedVariance: [0.5, 0.25], dates: [text("d1"), text("d2")],
        events: [
            .init(topicID: 1, kind: text("kind"), name: text("eventname"), previousSize: 1, size: 2, at: text("at"))
        ])

    static let readingList = ReadingListReport(
        provenance: provenance,
        profile: .init(
            file: text("profile"), likedCount: 2, dislikedCount: 1, unknownIDs: [text("unknown")], rules: [text("rule")]
        ),
        since: text("since"), candidateCount: 3,
        items: (0..<3).map { index in
            .init(
                score: 1 - Double(index) / 4,
                why: .init(
                    summary: text("why\(index)"),
                    closestLiked: [
                        .init(id: ids[(index + 1) % ids.count], title: text("liked\(index)"), similarity: 0.5)
                    ],
                    sharedTerms: [text("shared\(index)")], rules: [text("fired\(index)")]),
                paper: paper(index), topic: topic)
        },
        selfCheck: .init(heldOut: 1, folds: 2, cutoff: 1, cutoffShare: 0.3333, recall: 0.5))
}

/// Reports at the edges: empty, single, degenerate.
enum EdgeFixtures {
    static let emptyDigest = DigestReport(
        provenance: Fixtures.provenance,
        digest: .init(id: nil, file: "empty.md", date: nil, format: nil, contentHash: "e3b0c44298fc1c14"),
        summary: .init(paperCount: 0, newCount: 0, knownCount: 0, topicMix: []), ordering: .profile, entries: [])

    /// One topic, one date, no map points, no k curve, no bridges or events.
    static let singleTopic = TopicReport(
        provenance: Fixtures.provenance, kChoice: "fixed k = 1", kCurve: [],
        topics: [
            .init(
                id: 0, name: "Everything", namedTopic: nil, size: 1, growth: [1], topTerms: ["only"],
                centralPapers: [Fixtures.depth])
        ],
        bridges: [], map: [], mapPaperCount: 0, mapExplainedVariance: [], dates: ["2026-11-12"], events: [])

    /// A map with one point, then with every x equal, a k curve with one point.
    static func degenerateMap(points: [(Double, Double)]) -> TopicReport {
        var report = singleTopic
        report.map = points.enumerated().map { index, point in
            .init(id: "2611.0\(index)", title: "Point \(index)", topicID: 0, x: point.0, y: point.1)
        }
        report.mapPaperCount = points.count
        report.mapExplainedVariance = [0.6]
        report.kCurve = [.init(k: 1, silhouette: 0, stability: 1, chosen: true)]
        return report
    }

    static let emptyReadingList = ReadingListReport(
        provenance: Fixtures.provenance,
        profile: .init(file: "empty.toml", likedCount: 1, dislikedCount: 0, unknownIDs: [], rules: []), since: nil,
        candidateCount: 0, items: [], selfCheck: nil)

    /// A topic report the size of a large store's: `topicCount` topics, `pointCount` map points, 60 dates.
    static func large(topicCount: Int = 50, pointCount: Int = 3_000) -> TopicReport {
        var report = Fixtures.topicReport
        let dates = (0..<60).map { day in
            let dayOfMonth = day % 30 + 1
            return "2026-\(day < 30 ? "10" : "11")-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
        }
        let ids = Array(0..<topicCount)
        let names = ids.map { "Topic \($0)" }
        report.dates = dates
        report.topics = ids.map { id in
            .init(
                id: id, name: names[id], namedTopic: nil, size: 400 - id * 7,
                growth: dates.indices.map { ($0 * (id + 3)) % 11 }, topTerms: ["term\(id)", "word\(id)"],
                centralPapers: [Fixtures.routing])
        }
        report.map = Fixtures.mapPoints(count: pointCount, topicIDs: ids, names: names)
        report.mapPaperCount = pointCount * 4
        return report
    }
}
