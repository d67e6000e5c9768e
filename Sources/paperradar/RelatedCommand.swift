import ArgumentParser
import FileIO
import Foundation
import PaperRadarCore
import Pipeline
import Recommendation
import Store

/// `paperradar related ID|--text "…"|--digest N|--all`: the most related stored papers, with why.
struct Related: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the papers most related to a paper, a text, a digest, or every paper.",
        discussion: """
            Candidates come from the LSA cosine; they are re-scored by the exact TF-IDF cosine, and each result \
            lists the shared terms carrying most of that score with their share. `--all --out FILE.jsonl` writes \
            one line per paper: {"id", "related": [{"id", "score"}]}. For one paper ID the candidates come from the \
            neighbour index `fit` stores (the nearest lists, a sixteenth of the papers or 65,536 at least), so a \
            store of millions of papers answers at once; `--exact` scores every paper.
            """)

    @Argument(help: "An arXiv id of a stored paper.") var id: String?
    @Option(name: .long, help: "Find papers related to this text.") var text: String?
    @Option(name: .long, help: "Related papers for every paper of this digest: its file (already ingested) or its number.")
    var digest: String?
    @Flag(name: .long, help: "Every paper's related papers (with --out).") var all = false
    @Option(name: .long, help: "How many related papers per query.") var top = 10
    @Option(name: .long, help: "With --all: the JSON Lines file to write.") var out: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "For a paper ID: score every paper instead of reading the neighbour index.")
    var exact = false
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        let modes = [id != nil, text != nil, digest != nil, all].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give exactly one of: a paper ID, --text, --digest, --all") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        if all && out == nil { throw ValidationError("--all writes a file: add --out FILE.jsonl") }
    }

    func run() throws {
        if let id, !exact, let parsed = ArxivID.parse(id) {
            let store = try storeOptions.openStore()
            let found = try CLIError.translating { () -> RelatedResult? in
                do {
                    return try IndexedRelatedQueries(store: store)?.related(to: parsed.id, top: top)
                } catch let error as StoreError where error.isConcurrentChange {
                    return nil  // a refit replaced the index while it was opened: the space is read instead
                }
            }
            if let found {
                try CLIError.translating { try print(json ? renderJSON([found], store: store) : renderText([found], store: store)) }
                return
            }
        }
        let (store, space) = try storeOptions.openSpace()
        try CLIError.translating {
            let queries = RelatedQueries(space: space, store: store)
            if all {
                try runAll(queries)
                return
            }
            let results: [RelatedResult]
            if let id {
                guard let parsed = ArxivID.parse(id) else { throw ValidationError("\(id) is not an arXiv id") }
                results = [try queries.related(to: parsed.id, top: top)]
            } else if let text {
                results = [try queries.related(toText: text, top: top)]
            } else if let digest {
                let id = try Self.digestID(digest, store: store)
                guard let stored = try store.ingestedDigest(id: id) else { throw CLIError("there is no digest #\(id)") }
                results = try queries.related(to: stored.papers, top: top)
            } else {
                return
            }
            try print(json ? renderJSON(results, store: store) : renderText(results, store: store))
        }
    }

    private func runAll(_ queries: RelatedQueries) throws {
        guard let out else { return }
        let space = queries.space
        let started = Stopwatch()
        var statistics: AllPairsStatistics?
        // Written as computed, a chunk of papers at a time; the file appears whole at the end.
        try AtomicWrite.write(to: out) { file in
            statistics = try queries.allPairs(top: top) { chunk in
                var lines = ""
                for (id, items) in chunk {
                    lines += "{\"id\":\"\(id.rawValue)\",\"related\":["
                    lines += items.map { "{\"id\":\"\($0.id.rawValue)\",\"score\":\(Self.score($0.score))}" }
                        .joined(separator: ",")
                    lines += "]}\n"
                }
                try file.write(lines)
            }
        }
        guard let result = statistics else { return }
        let s = result.semanticStatistics
        Terminal.error(
            "\(space.ids.count) papers, top \(top): \(String(format: "%.2f", started.seconds)) s "
                + "(GEMM \(String(format: "%.2f", s.gemmSeconds)) s at \(String(format: "%.1f", s.gemmGFLOPS)) GFLOP/s, "
                + "selection \(String(format: "%.2f", s.selectionSeconds)) s, re-scoring "
                + "\(String(format: "%.2f", result.rescoreSeconds)) s)")
        print("\(out): \(space.ids.count) lines")
    }

    /// A score with four decimals (`0.8125`, `-0.0031`), as `%.4f` prints it, without a format string per value.
    static func score(_ value: Float) -> String {
        guard value.isFinite, abs(value) < 1e6 else { return String(format: "%.4f", value) }
        let scaled = Int((Double(value) * 10_000).rounded())
        let magnitude = abs(scaled)
        let fraction = String(magnitude % 10_000)
        let sign = scaled < 0 ? "-" : ""
        return sign + String(magnitude / 10_000) + "." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// A digest's store id from its number or from its file (identified by content, so renamed files work).
    static func digestID(_ text: String, store: PaperStore) throws -> Int64 {
        if let id = Int64(text), !FileManager.default.fileExists(atPath: text) { return id }
        guard let data = FileManager.default.contents(atPath: text) else {
            throw ValidationError("\(text): no such digest file (or give the digest's number)")
        }
        guard let record = try store.digest(contentHash: SHA256.hexDigest([UInt8](data))) else {
            throw CLIError("\(text) has not been ingested: run `paperradar ingest \(text)` first")
        }
        return record.id
    }

    private func renderText(_ results: [RelatedResult], store: PaperStore) throws -> String {
        var out: [String] = []
        for result in results {
            if let query = result.query {
                let title = try store.paper(id: query)?.title ?? ""
                out.append("Related to \(query) — \(title)")
            } else {
                out.append("Related to the text")
            }
            for (rank, item) in result.items.enumerated() {
                let paper = try store.paper(id: item.id)
                let date = paper?.date.map { " (\($0))" } ?? ""
                out.append(String(format: "%3d. %.3f  ", rank + 1, item.score) + "\(item.id)  \(paper?.title ?? "")\(date)")
                let why = item.sharedTerms.map { "\($0.term) \(Int(($0.share * 100).rounded()))%" }
                if !why.isEmpty { out.append("          shared: " + why.joined(separator: ", ")) }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private func renderJSON(_ results: [RelatedResult], store: PaperStore) throws -> String {
        struct Item: Encodable {
            var id: String
            var title: String
            var date: String?
            var link: String
            var score: Float
            var semanticScore: Float
            var why: [SharedTerm]
        }
        struct Query: Encodable {
            var query: String?
            var related: [Item]
        }
        let queries = try results.map { result in
            Query(
                query: result.query?.rawValue,
                related: try result.items.map { item in
                    let paper = try store.paper(id: item.id)
                    return Item(
                        id: item.id.rawValue, title: paper?.title ?? "", date: paper?.date, link: item.id.absURL,
                        score: item.score, semanticScore: item.semanticScore, why: item.sharedTerms)
                })
        }
        return try PaperJSON.encode(queries.count == 1 && digest == nil ? AnyEncodable(queries[0]) : AnyEncodable(queries), pretty: true)
    }
}

/// Type erasure for choosing between one object and an array.
struct AnyEncodable: Encodable {
    let encodeBody: (any Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeBody = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeBody(encoder) }
}

/// Writing CLI output files atomically.
enum AtomicWrite {
    static func write(_ text: String, to path: String) throws {
        try write(to: path) { try $0.write(text) }
    }

    /// Streams the file (see ``AtomicFile/write(to:_:)``); a file-system error becomes a ``CLIError``.
    static func write(to path: String, _ body: (inout AtomicFile.Writer) throws -> Void) throws {
        do {
            try AtomicFile.write(to: path, body)
        } catch let error as FileSystemError {
            throw CLIError("\(error)")
        }
    }
}
