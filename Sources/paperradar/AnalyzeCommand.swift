import ArgumentParser
import Foundation
import PaperRadarCore
import Pipeline
import TextFeatures

/// `paperradar analyze --text "…"` / `paperradar analyze ID`: the pipeline's view of a text or a stored paper.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a text or a stored paper is represented: tokens, stems, terms with tf, idf and weight.",
        discussion: """
            Uses the current model (run `paperradar fit` first). JSON: {"tokens": [{"text", "stem", "stop"}], \
            "terms": [{"term", "tf", "idf", "weight"}]} — every token in order, terms by decreasing weight.
            """)

    @Argument(help: "An arXiv id of a stored paper.") var id: String?
    @Option(name: .long, help: "Analyze this text instead of a stored paper.") var text: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Option(name: .long, help: "Show at most this many terms in text output.") var top = 25
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if (id == nil) == (text == nil) { throw ValidationError("give either a paper ID or --text \"…\"") }
    }

    func run() throws {
        let repository = try storeOptions.openRepository()
        let model = try CLIError.translating { try repository.requireTFIDF() }
        let analysis: Analysis
        if let text {
            analysis = model.analyze(text: text)
        } else if let id {
            guard let parsed = ArxivID.parse(id) else { throw ValidationError("\(id) is not an arXiv id") }
            guard let paper = try repository.store.paper(id: parsed.id) else {
                throw CLIError("paper \(parsed.id) is not in the store")
            }
            analysis = model.analyze(title: paper.title, abstract: paper.abstract)
        } else {
            return
        }
        if json {
            print(try PaperJSON.encode(analysis, pretty: true))
            return
        }
        print("tokens (\(analysis.tokens.count); stop words in brackets, → stem):")
        let rendered = analysis.tokens.map { token in
            token.stop ? "[\(token.text)]" : (token.stem == token.text ? token.text : "\(token.text)→\(token.stem)")
        }
        print(Self.wrap(rendered, width: 100).map { "  " + $0 }.joined(separator: "\n"))
        print("\nterms (\(analysis.terms.count), by weight):")
        let width = min(40, analysis.terms.prefix(top).map(\.term.count).max() ?? 4)
        print("  " + "term".padding(toLength: width, withPad: " ", startingAt: 0) + "   tf     idf  weight")
        for term in analysis.terms.prefix(top) {
            let name = term.term.count > width ? String(term.term.prefix(width - 1)) + "…" : term.term
            print(
                "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: " %4d  %6.3f  %6.4f", term.tf, term.idf, term.weight))
        }
        if analysis.terms.count > top { print("  … \(analysis.terms.count - top) more (--top N or --json)") }
    }

    static func wrap(_ words: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in words {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? word : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
