import ArgumentParser
import Foundation
import PaperRadarCore
import Pipeline

extension Bench {
    /// `paperradar bench index`: the stored neighbour index against the exact scan, on the store's own papers.
    struct NeighbourIndexRecall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Measure the neighbour index of `related ID`: recall@top against the exact scan, and latency.",
            discussion: """
                Queries evenly spaced stored papers through the index (in this process, the TF-IDF model loaded \
                once), then loads the whole space and answers the same queries by the exact scan. Recall@top is the \
                share of the exact results the index also returns.
                """)

        @Option(name: .long, help: "How many papers to query.") var queries = 500
        @Option(name: .long, help: "Related papers per query.") var top = 10
        @Option(name: .long, help: "The least share of the papers a query scores (the index's default: 1/16).")
        var scanShare: Double?
        @Option(name: .long, help: "The least number of papers a query scores (default 65,536).") var minimumScan: Int?
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard queries >= 1, top >= 1 else { throw ValidationError("--queries and --top must be at least 1") }
            if let scanShare, !(scanShare > 0 && scanShare <= 1) { throw ValidationError("--scan-share is in (0, 1]") }
            if let minimumScan, minimumScan < 1 { throw ValidationError("--minimum-scan must be at least 1") }
        }

        func run() throws {
            let store = try storeOptions.openStore()
            try CLIError.translating {
                let opened = Stopwatch()
                guard var indexed = try IndexedRelatedQueries(store: store) else {
                    throw CLIError(
                        "this store has no neighbour index it can use now: run `paperradar fit` (papers stored since "
                            + "the fit are folded in by any command that loads the space, e.g. `paperradar related --text x`)")
                }
                let openSeconds = opened.seconds
                if let scanShare { indexed.scanShare = scanShare }
                if let minimumScan { indexed.minimumScan = minimumScan }
                let all = try store.paperIDs()
                let step = max(1, all.count / queries)
                let ids = stride(from: 0, to: all.count, by: step).prefix(queries).map { all[$0] }
                var found: [ArxivID: [ArxivID]] = [:]
                var millis: [Double] = []
                for id in ids {
                    let watch = Stopwatch()
                    guard let result = try indexed.related(to: id, top: top) else { continue }
                    millis.append(watch.seconds * 1000)
                    found[id] = result.items.map(\.id)
                }
                let loading = Stopwatch()
                let space = try ModelRepository(store: store).openSpace()
                let loadSeconds = loading.seconds
                let papers = try store.papers(ids: ids)
                let scanWatch = Stopwatch()
                let exact = try RelatedQueries(space: space, store: store).related(to: ids.compactMap { papers[$0] }, top: top)
                let scanSeconds = scanWatch.seconds
                var hits = 0, total = 0
                for result in exact {
                    guard let query = result.query, let mine = found[query] else { continue }
                    let expected = Set(result.items.map(\.id))
                    hits += mine.filter { expected.contains($0) }.count
                    total += expected.count
                }
                millis.sort()
                func percentile(_ p: Double) -> Double { millis.isEmpty ? 0 : millis[min(millis.count - 1, Int(Double(millis.count) * p))] }
                print("papers:        \(space.count) (index: \(indexed.indexedCount) papers in \(indexed.listCount) lists)")
                print("queries:       \(found.count) of \(ids.count), top \(top), each scoring at least \(indexed.scanBudget) papers")
                print(String(format: "recall@%d:     %.4f against the exact scan", top, total > 0 ? Double(hits) / Double(total) : 0))
                print(String(
                    format: "index query:   median %.1f ms, p90 %.1f ms, max %.1f ms (in process; opening the index and TF-IDF model %.2f s)",
                    percentile(0.5), percentile(0.9), millis.last ?? 0, openSeconds))
                print(String(format: "exact scan:    loading the space %.2f s, %d queries %.2f s", loadSeconds, exact.count, scanSeconds))
            }
        }
    }
}
