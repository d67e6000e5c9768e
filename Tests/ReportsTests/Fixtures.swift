@testable import Reports

/// Hand-written reports about invented papers (every title, name and id is made up for these tests).
enum Fixtures {
    static let provenance = ReportProvenance(
        generatedAt: "2026-11-22T09:30:00Z", generator: "PaperRadar 0.6.0", paperCount: 1_284,
        modelHash: "tfidf-5c1e2a9b+lsa-77d0f3c4", topicsHash: "topics-a41b9e20",
        settings: [
            .init(name: "tfidf", value: "TF-IDF 5c1e2a9b: 24,118 terms, sublinear tf, min df 2"),
            .init(name: "lsa", value: "LSA 77d0f3c4: 256 dimensions, neighbours in the first 96 weighted by σ"),
            .init(name: "related", value: "top 3, score = 0.9·LSA + 0.1·TF-IDF"),
        ])

    // MARK: - Papers

    static let routing = PaperReference(
        id: "2611.04012", title: "Sparse Expert Routing Without Load Balancing Losses",
        authors: ["Mirela Okonkwo", "Tomás Haldane", "Yuki Brennan"], date: "2026-11-12",
        categories: ["cs.LG", "cs.CL"])
    static let tableAgent = PaperReference(
        id: "2611.04377", title: "Spreadsheet Agents That Ask Before They Edit",
        authors: ["Priya Castellanos", "Jonah Whitfield"], date: "2026-11-12", categories: ["cs.AI"])
    static let rerank = PaperReference(
        id: "2611.05120", title: "Cheap Listwise Reranking with Distilled Judges",
        authors: ["Lena Mårtensson", "Kofi Adjei", "Ana Beltrão", "Sven Iversen", "Ruth Calloway"], date: "2026-11-12",
        categories: ["cs.IR", "cs.CL"])
    static let depth = PaperReference(
        id: "2611.05533", title: "Monocular Depth from Rolling-Shutter Blur",
        authors: ["Dario Ferreira"], date: "2026-11-12", categories: ["cs.CV"])
    static let olderRouting = PaperReference(
        id: "2610.11873", title: "Token Dropping Revisited for Mixture-of-Experts Training",
        authors: ["Hanna Kowalczyk"], date: "2026-10-28", categories: ["cs.LG"])
    static let olderAgent = PaperReference(
        id: "2610.09214", title: "Clarifying Questions for Tool-Using Assistants",
        authors: ["Samir Oduya", "Elise Varga"], date: "2026-10-21", categories: ["cs.CL"])
    static let olderRetrieval = PaperReference(
        id: "2609.15508", title: "When Do Rerankers Overrule the Retriever?", authors: ["Noor Haddad"],
        date: "2026-09-30", categories: ["cs.IR"])

    static let language = TopicReference(id: 3, name: "Language models")
    static let agents = TopicReference(id: 7, name: "Agents")
    static let retrieval = TopicReference(id: 2, name: "Retrieval")
    static let vision = TopicReference(id: 5, name: "Vision")

    // MARK: - Digest report

    static let digest = DigestReport(
        provenance: provenance,
        digest: .init(
            id: 14, file: "2026-11-12-llm-table-abstracts.md", date: "2026-11-12", format: "table-abstracts",
            contentHash: "9f2c7d1e5a3b8c4f6e0d2a7b9c1e3f5a"),
        summary: .init(
            paperCount: 4, newCount: 3, knownCount: 1, titleOnlyCount: 1,
            topicMix: [
                .init(topic: language, count: 1), .init(topic: agents, count: 1), .init(topic: retrieval, count: 1),
                .init(topic: vision, count: 1),
            ]),
        ordering: .profile,
        entries: [
            .init(
                paper: rerank, isNew: true, topic: retrieval, profileScore: 0.8731,
                related: [
                    .init(paper: olderRetrieval, score: 0.8125, sharedTerms: ["reranker", "listwise", "distillation"]),
                    .init(paper: olderAgent, score: 0.4318, sharedTerms: ["judge"]),
                ]),
            .init(
                paper: tableAgent, isNew: true, topic: agents, profileScore: 0.6402,
                related: [.init(paper: olderAgent, score: 0.7764, sharedTerms: ["clarifying", "tool", "edit"])]),
            .init(
                paper: routing, isNew: false, topic: language, profileScore: 0.5117,
                related: [.init(paper: olderRouting, score: 0.9032, sharedTerms: ["experts", "routing", "tokens"])]),
            .init(paper: depth, isNew: true, isTitleOnly: true, topic: vision, profileScore: 0.1204, related: []),
        ],
        warnings: ["line 41: table row has 5 cells, expected 6 (skipped)"])

    /// The same digest ordered by topic, with two papers in one topic.
    static let digestByTopic: DigestReport = {
        var report = digest
        report.ordering = .topic
        report.summary.topicMix = [
            .init(topic: retrieval, count: 2), .init(topic: language, count: 1), .init(topic: vision, count: 1),
        ]
        report.entries = [
            .init(paper: rerank, isNew: true, topic: retrieval, related: digest.entries[0].related),
            .init(paper: tableAgent, isNew: true, topic: retrieval, related: digest.entries[1].related),
            .init(paper: routing, isNew: false, topic: language, related: digest.entries[2].related),
            .init(paper: depth, isNew: true, topic: vision, related: []),
        ]
        return report
    }()

    // MARK: - Topic report

    static let topicNames = [
        "Language models", "Agents", "Retrieval", "Vision", "Robotics", "Speech", "Safety", "Graph learning",
        "Quantization", "Medical imaging",
    ]
    static let topicSizes = [140, 96, 80, 64, 40, 33, 25, 18, 12, 7]
    static let dates = ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14"]

    /// A deterministic stream of integers (a linear congruential generator), for map coordinates.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// `count` map points spread around one centre per topic, coordinates with at most 4 decimals.
    static func mapPoints(count: Int, topicIDs: [Int], names: [String]) -> [TopicReport.MapPoint] {
        var numbers = Numbers(state: 42)
        return (0..<count).map { index in
            let topic = index % topicIDs.count
            let centreX = Double((topic * 37) % 11 - 5) / 10
            let centreY = Double((topic * 53) % 9 - 4) / 10
            let x = centreX + Double(numbers.next(2_001) - 1_000) / 10_000
            let y = centreY + Double(numbers.next(2_001) - 1_000) / 10_000
            return .init(
                id: "2611.\(String(10_000 + index))",
                title: "Invented study \(index + 1) on \(names[topic].lowercased())",
                topicID: topicIDs[topic], x: NumberFormat.rounded(x, decimals: 4),
                y: NumberFormat.rounded(y, decimals: 4))
        }
    }

    static let topicReport: TopicReport = {
        let ids = [3, 7, 2, 5, 11, 4, 9, 12, 8, 6]
        let growth: [[Int]] = [
            [18, 22, 25, 21, 27, 27], [9, 12, 15, 17, 20, 23], [14, 13, 12, 14, 13, 14], [10, 11, 9, 12, 11, 11],
            [5, 6, 7, 7, 8, 7], [6, 5, 6, 5, 6, 5], [2, 3, 4, 5, 5, 6], [3, 3, 3, 3, 3, 3], [1, 2, 2, 2, 2, 3],
            [0, 1, 1, 2, 1, 2],
        ]
        let terms: [[String]] = [
            ["pretraining", "tokens", "experts", "scaling", "context", "decoding"],
            ["agent", "tool", "planning", "environment", "actions"], ["retrieval", "reranker", "queries", "passages"],
            ["segmentation", "depth", "images", "video"], ["manipulation", "policy", "grasping"],
            ["speech", "asr", "audio"], ["jailbreak", "refusal", "red-teaming"], ["graph", "message passing", "nodes"],
            ["quantization", "4-bit", "kernels"], ["radiology", "ct", "lesions"],
        ]
        let central: [[PaperReference]] = [
            [routing, olderRouting], [tableAgent, olderAgent], [rerank, olderRetrieval], [depth], [], [], [], [], [],
            [],
        ]
        let topics = ids.indices.map { index in
            TopicReport.Topic(
                id: ids[index], name: topicNames[index], namedTopic: index == 2 ? "RAG" : nil, size: topicSizes[index],
                growth: growth[index], topTerms: terms[index], centralPapers: central[index])
        }
        return TopicReport(
            provenance: provenance,
            kChoice: "auto: silhouette × stability over 6…12",
            kCurve: (6...12).map { k in
                let silhouette = [0.081, 0.094, 0.102, 0.113, 0.121, 0.117, 0.109][k - 6]
                let stability = [0.91, 0.88, 0.86, 0.87, 0.84, 0.79, 0.74][k - 6]
                return .init(k: k, silhouette: silhouette, stability: stability, chosen: k == 10)
            },
            topics: topics,
            bridges: [
                .init(
                    paper: rerank, topicA: retrieval, topicB: language, similarityA: 0.6412, similarityB: 0.5873),
                .init(paper: tableAgent, topicA: agents, topicB: language, similarityA: 0.7021, similarityB: 0.5519),
            ],
            map: mapPoints(count: 120, topicIDs: ids, names: topicNames),
            mapPaperCount: 515,
            mapExplainedVariance: [0.1834, 0.0921],
            dates: dates,
            events: [
                .init(topicID: 7, kind: "grew", name: "Agents", previousSize: 71, size: 96, at: "2026-11-21T08:00:00Z"),
                .init(
                    topicID: 6, kind: "appeared", name: "Medical imaging", previousSize: nil, size: 7,
                    at: "2026-11-21T08:00:00Z"),
                .init(
                    topicID: 13, kind: "vanished", name: "Theorem proving", previousSize: 5, size: nil,
                    at: "2026-11-14T08:00:00Z"),
            ])
    }()

    // MARK: - Reading list

    static let readingList = ReadingListReport(
        provenance: provenance,
        profile: .init(
            file: "retrieval-and-agents.toml", likedCount: 14, dislikedCount: 3, unknownIDs: ["2605.99999"],
            rules: ["must: \"retrieval\" or \"agent\"", "boost: \"reranker\" ×1.5", "mute topic: Vision"]),
        since: "2026-11-01",
        candidateCount: 212,
        items: [
            .init(
                score: 0.9214,
                why: .init(
                    summary: "Close to 3 liked papers on reranking; boosted for \"reranker\".",
                    closestLiked: [
                        .init(id: olderRetrieval.id, title: olderRetrieval.title, similarity: 0.8125),
                        .init(id: olderAgent.id, title: olderAgent.title, similarity: 0.4318),
                    ],
                    sharedTerms: ["reranker", "listwise", "judge"], rules: ["boost keyword \"reranker\" ×1.5"]),
                paper: rerank, topic: retrieval),
            .init(
                score: 0.7756,
                why: .init(
                    summary: "Close to a liked paper on clarifying questions.",
                    closestLiked: [.init(id: olderAgent.id, title: olderAgent.title, similarity: 0.7764)],
                    sharedTerms: ["clarifying", "tool"], rules: []),
                paper: tableAgent, topic: agents),
            .init(
                score: 0.4102,
                why: .init(
                    summary: "Shares terms with liked papers.", closestLiked: [], sharedTerms: ["experts"], rules: []),
                paper: routing, topic: language),
        ],
        selfCheck: .init(heldOut: 3, folds: 5, cutoff: 11, cutoffShare: 0.05, recall: 0.8333))
}
