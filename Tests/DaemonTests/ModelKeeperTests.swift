import DigestParsing
import Foundation
import Pipeline
import Store
import Testing

@testable import Daemon

@Suite struct ModelKeeperTests {
    private func ingest(_ text: String, into store: PaperStore, name: String) throws {
        _ = try store.ingest(try DigestParser().parse(text), from: .init(path: name, bytes: Array(text.utf8)))
    }

    @Test func theFirstModelIsFittedOnDemandAndTheSpaceCoversEveryPaper() throws {
        let store = try PaperStore()
        let keeper = ModelKeeper(engine: Engine(store: store), policy: RefitPolicy(growth: 0, interval: nil), logger: DaemonSandbox.logger)
        #expect(!keeper.hasModel)
        #expect(try keeper.load() == nil)
        for (index, example) in ExampleDigests.all.enumerated() { try ingest(example.text, into: store, name: "\(index).md") }
        let papers = try store.paperCount()
        let count = try keeper.withCurrentSpace { $0.ids.count }
        #expect(count == papers)
        #expect(keeper.hasModel)

        // Papers stored later are folded into the cached space under the same model.
        let before = try #require(try keeper.currentModels())
        try ingest(ExampleDigests.variant(ExampleDigests.table, prefix: "2612"), into: store, name: "more.md")
        let extended = try keeper.withCurrentSpace { ($0.ids.count, $0.tfidf.contentHash) }
        #expect(extended.0 == (try store.paperCount()))
        #expect(extended.1 == before.tfidf.contentHash)
    }

    @Test func aDueRefitSwapsTheModelAndReportsUseTheNewOne() throws {
        let store = try PaperStore()
        let keeper = ModelKeeper(engine: Engine(store: store), policy: RefitPolicy(growth: 0.2, interval: nil), logger: DaemonSandbox.logger)
        try ingest(ExampleDigests.table, into: store, name: "a.md")
        try ingest(ExampleDigests.announcement, into: store, name: "b.md")
        _ = try keeper.withCurrentSpace { $0.ids.count }
        let first = try #require(try keeper.currentModels())
        #expect(keeper.refitIfDue(wait: true) == nil, "no growth yet")

        for (index, example) in ExampleDigests.all.enumerated() {
            try ingest(ExampleDigests.variant(example.text, prefix: "2612"), into: store, name: "v\(index).md")
        }
        let reason = keeper.refitIfDue(wait: true)
        guard case .growth = reason else {
            Issue.record("a refit is due after the store grew: \(String(describing: reason))")
            return
        }
        let second = try #require(try keeper.currentModels())
        #expect(second.tfidf.contentHash != first.tfidf.contentHash)
        #expect(second.tfidf.paperCount == (try store.paperCount()))
        let used = try keeper.withCurrentSpace { $0.tfidf.contentHash }
        #expect(used == second.tfidf.contentHash)
    }

    @Test func aFitByAnotherProcessIsPickedUp() throws {
        let store = try PaperStore()
        let engine = Engine(store: store)
        let keeper = ModelKeeper(engine: engine, policy: RefitPolicy(growth: 0, interval: nil), logger: DaemonSandbox.logger)
        for (index, example) in ExampleDigests.all.enumerated() { try ingest(example.text, into: store, name: "\(index).md") }
        _ = try keeper.withCurrentSpace { $0.ids.count }
        try ingest(ExampleDigests.variant(ExampleDigests.table, prefix: "2612"), into: store, name: "more.md")
        _ = try engine.fit()  // `paperradar fit` while the daemon runs
        let current = try #require(try keeper.currentModels())
        let used = try keeper.withCurrentSpace { ($0.tfidf.contentHash, $0.ids.count) }
        #expect(used.0 == current.tfidf.contentHash)
        #expect(used.1 == (try store.paperCount()))
    }
}
