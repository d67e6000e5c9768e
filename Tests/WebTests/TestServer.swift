import Daemon
import Foundation
import TestSupport
import Logging
import PaperRadarCore
import Pipeline
import ServiceLifecycle
import Store
import Synchronization
import Testing

@testable import Web

/// The web app over a small fitted in-memory store, listening on a free loopback port, in this process.
final class TestServer: Sendable {
    let port: Int
    let store: PaperStore
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, store: PaperStore, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.store = store
        self.group = group
        self.task = task
    }

    /// Starts the app on `store` (fitted by ``fittedStore()`` unless given).
    static func start(
        store given: PaperStore? = nil, token: String? = nil, maxBodyBytes: Int = 64 << 10
    ) async throws -> TestServer {
        let store = try given ?? fittedStore()
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let keeper = ModelKeeper(repository: ModelRepository(store: store), policy: RefitPolicy(), logger: logger)
        let (addresses, continuation) = AsyncStream<String>.makeStream()
        let server = WebServer(
            configuration: ServeConfiguration(port: 0, token: token, maxBodyBytes: maxBodyBytes, pageSize: 5),
            store: store, keeper: keeper, logger: logger
        ) { address in
            continuation.yield(address)
            continuation.finish()
        }
        let group = ServiceGroup(services: [server], logger: logger)
        let task = Task { try await group.run() }
        var iterator = addresses.makeAsyncIterator()
        guard let address = await iterator.next(), let port = Int(address.split(separator: ":").last ?? "") else {
            throw HTTPClient.Failure(description: "the server did not start")
        }
        return TestServer(port: port, store: store, group: group, task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    func browser() -> Browser { Browser(port: port) }

    /// Papers on four themes (ids 2611.0tnnn: t = theme 1…4) plus one with a hostile title, fitted with 4 topics.
    static func fittedStore() throws -> PaperStore {
        let store = try PaperStore()
        var papers = ThemePapers.papers()
        papers.append(
            Paper(
                id: ArxivID("2611.09999")!, title: "Retrieval index " + Hostile.text("title"),
                authors: [Hostile.text("author")],
                abstract: "We study retrieval passage query index " + Hostile.text("abstract"), categories: ["cs.IR"],
                date: "2026-11-09", extras: PaperExtras(tldr: Hostile.text("tldr"), translatedTitle: Hostile.text("zh"))))
        _ = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: "2026-11-10", papers: papers, warnings: []),
            from: DigestSource(path: "digest " + Hostile.text("file") + ".md", bytes: Array("fixture".utf8)))
        var options = FitOptions()
        options.topicCount = .fixed(4)
        _ = try ModelFitter(repository: ModelRepository(store: store), options: options).fit()
        return store
    }
}

/// Hostile strings, as the report tests use them: markup, quotes, a CDATA end, a control character, emoji, CJK.
enum Hostile {
    static func text(_ tag: String) -> String {
        "\(tag) <script>alert(1)</script> <img src=x onerror=alert(1)> \"quotes\" & 'apostrophes' ]]> a|b|c \u{0001} 🚀 数据"
    }
}

/// Short papers on four themes, written for these tests.
enum ThemePapers {
    static let themes: [(title: String, category: String, words: [String])] = [
        ("Language models", "cs.CL", ["language", "model", "token", "pretraining", "instruction", "reasoning", "prompt"]),
        ("Retrieval", "cs.IR", ["retrieval", "passage", "query", "reranker", "document", "index", "grounded"]),
        ("Images", "cs.CV", ["image", "pixel", "segmentation", "detection", "camera", "video", "diffusion"]),
        ("Agents", "cs.AI", ["agent", "tool", "planning", "environment", "action", "workflow", "web"]),
    ]

    static func id(theme: Int, _ number: Int) -> ArxivID { ArxivID("2611.0\(theme + 1)\(String(format: "%03d", number))")! }

    static func papers(perTheme: Int = 10) -> [Paper] {
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var papers: [Paper] = []
        for (t, theme) in themes.enumerated() {
            for i in 1...perTheme {
                let words = (0..<24).map { _ in theme.words[next() % theme.words.count] }
                papers.append(
                    Paper(
                        id: id(theme: t, i), version: 1, title: "\(theme.title) study \(i)",
                        authors: ["\(theme.title) Author", "Student \(i)"],
                        abstract: "We study " + words.joined(separator: " ") + ".", categories: [theme.category],
                        date: "2026-11-0\(i % 9 + 1)"))
            }
        }
        return papers
    }
}
