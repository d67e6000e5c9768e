import ArgumentParser
import Foundation
import Pipeline
import Reports

/// `paperradar search "QUERY"`: keyword and semantic search over the store.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search titles and abstracts: keywords (BM25) blended with papers close in meaning.",
        discussion: """
            Words match whole and case-insensitively; "a quoted phrase" matches its words in order; agent* matches \
            words starting with agent. The query is also folded into the model's space, so that papers saying the \
            same in other words are found (marked "found by meaning"). Each result says why it matched, with the \
            matched words in bold. --json prints the search-results report (the schema of the web app's \
            /search?format=json).
            """)

    @Argument(help: "What to search for.") var query: String
    @Option(name: .long, help: "Only papers dated on or after this day (YYYY-MM-DD).") var from: String?
    @Option(name: .long, help: "Only papers dated on or before this day (YYYY-MM-DD).") var to: String?
    @Option(name: .long, help: "Only papers listing this arXiv category (e.g. cs.CL).") var category: String?
    @Option(name: .long, help: "Only papers of this topic (its number, see `paperradar topics`).") var topic: Int?
    @Option(name: .long, help: "How many results.") var top = 20
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard (1...1000).contains(top) else { throw ValidationError("--top must be 1…1000") }
    }

    func run() throws {
        let (store, space) = try storeOptions.openSpace()
        try CLIError.translating {
            let report = try PaperSearch(space: space, store: store).search(
                query, filters: SearchFilters(from: from, to: to, category: category, topic: topic), limit: top)
            let text = report.rendered(as: json ? .json : .markdown)
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}
