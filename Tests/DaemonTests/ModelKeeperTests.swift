import DigestParsing
import Foundation
import Pipeline
import Store
import Testing

@testable import Daemon

@Suite(.timeLimit(.minutes(5))) struct ModelKeeperTests {
    @discardableResult
    private func ingest(_ text: String, into store: PaperStore, name: String) throws -> IngestedDigest? {
        let outcome = try store.ingest(try DigestParser().parse(text), from: .init(path: name, bytes: Array(text.utf8)))
        if case .ingested(let digest) = outcome { return digest }
        return nil
    }

    private func keeper(_ store: PaperStore, growth: Double = 0) -> ModelKeeper {
        ModelKeeper(
            repository: ModelRepository(store: store), policy: RefitPolicy(growth: growth, interval: nil),
            logger: DaemonSandbox.logger)
    }

    private func report(_ keeper: ModelKeeper, _ digest: IngestedDigest) async throws -> DigestReportFacts {
        let report = try await keeper.report(for: digest, relatedCount: 3, profile: nil, settings: [])
        return DigestReportFacts(modelHash: report.provenance.modelHash, paperCount: report.provenance.paperCount)
    }

    struct DigestReportFacts {
        var modelHash: String
        var paperCount: Int
    }

    @Test func theFirstModelIsFittedOnDemandAndTheSpaceCoversEveryPaper() async throws {
        let store = try PaperStore()
        let keeper = keeper(store)
        #expect(try await !keeper.hasModel())
        #expect(try await keeper.load() == nil)
        var last: IngestedDigest?
        for (index, example) in ExampleDigests.all.enumerated() {
            last = try ingest(example.text, into: store, name: "\(index).md")
        }
        let first = try await report(keeper, try #require(last))
        #expect(first.paperCount == (try store.paperCount()))
        #expect(try await keeper.hasModel())

        // Papers stored later are folded into the space under the same model.
        let more = try #require(try ingest(ExampleDigests.variant(ExampleDigests.table, prefix: "2612"), into: store, name: "more.md"))
        let extended = try await report(keeper, more)
        #expect(extended.paperCount == (try store.paperCount()))
        #expect(extended.modelHash == first.modelHash)
    }

    @Test func aDueRefitIsInstalledAndReportsUseTheNewModel() async throws {
        let store = try PaperStore()
        let keeper = keeper(store, growth: 0.2)
        try ingest(ExampleDigests.table, into: store, name: "a.md")
        let digest = try #require(try ingest(ExampleDigests.announcement, into: store, name: "b.md"))
        let first = try await report(keeper, digest)
        #expect(await keeper.refitReason() == nil, "no growth yet")

        var last: IngestedDigest?
        for (index, example) in ExampleDigests.all.enumerated() {
            last = try ingest(ExampleDigests.variant(example.text, prefix: "2612"), into: store, name: "v\(index).md")
        }
        _ = try await report(keeper, try #require(last))
        guard case .growth = await keeper.refitReason() else {
            Issue.record("a refit is due after the store grew")
            return
        }
        // The refit is computed without the keeper (reports go on), then installed.
        let prepared = try ModelFitter(repository: ModelRepository(store: store)).prepare()
        // A digest stored while the refit ran is folded in when it is installed.
        let late = try #require(try ingest(ExampleDigests.variant(ExampleDigests.table, prefix: "2613"), into: store, name: "late.md"))
        try await keeper.install(prepared)
        #expect(await keeper.refitReason() == nil)
        let after = try await report(keeper, late)
        #expect(after.modelHash == prepared.space.modelHash && after.modelHash != first.modelHash)
        #expect(after.paperCount == (try store.paperCount()))
    }

    @Test func aFitByAnotherProcessIsPickedUp() async throws {
        let store = try PaperStore()
        let keeper = keeper(store)
        var last: IngestedDigest?
        for (index, example) in ExampleDigests.all.enumerated() {
            last = try ingest(example.text, into: store, name: "\(index).md")
        }
        _ = try await report(keeper, try #require(last))
        let more = try #require(try ingest(ExampleDigests.variant(ExampleDigests.table, prefix: "2612"), into: store, name: "more.md"))
        // `paperradar fit` while the daemon runs.
        let refitted = try ModelFitter(repository: ModelRepository(store: store)).fit().space.modelHash
        let used = try await report(keeper, more)
        #expect(used.modelHash == refitted)
        #expect(used.paperCount == (try store.paperCount()))
    }
}
