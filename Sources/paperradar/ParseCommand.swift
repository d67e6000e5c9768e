import ArgumentParser
import Foundation
import PaperRadarCore
import Pipeline

/// `paperradar parse FILE… [--format json|jsonl|text]`: parse only, no store.
struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse digest files and print their papers (nothing is stored).",
        discussion: """
            Warnings go to stderr as FILE:LINE: warning: …; the exit status is non-zero only when a file could \
            not be parsed at all.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl, text
    }

    @Argument(help: "Digest files (Markdown).") var files: [String]
    @Option(name: .long, help: "Output format: json (one array), jsonl (one object a line) or text.")
    var format: OutputFormat = .json
    @OptionGroup var limits: SizeLimitOptions

    func run() throws {
        var records: [PaperJSON] = []
        var failures = 0
        for path in files {
            do {
                let (_, parsed) = try DigestReader(maxBytes: limits.maxSize.value).readAndParse(path)
                DigestWarnings.report(parsed.warnings, path: path)
                records += parsed.papers.map { PaperJSON($0, format: parsed.format, file: path) }
                if format == .text {
                    Terminal.error(
                        "\(path): \(parsed.format?.rawValue ?? "empty"), \(parsed.papers.count) papers "
                            + "(\(parsed.titleOnlyCount) title-only)")
                }
            } catch {
                failures += 1
                Terminal.error("error: \(error)")
            }
        }
        switch format {
        case .json: Terminal.write(try PaperJSON.encode(records, pretty: true) + "\n")
        case .jsonl: Terminal.write(try records.map { try PaperJSON.encode($0, pretty: false) + "\n" }.joined())
        case .text: Terminal.write(records.map(\.textBlock).joined(separator: "\n"))
        }
        if failures > 0 { throw ExitCode.failure }
    }
}

/// The JSON shape of a parsed paper (stable field names, documented in the README).
struct PaperJSON: Codable {
    var id: String
    var version: Int?
    var title: String
    var authors: [String]
    var abstract: String
    var categories: [String]
    var date: String?
    var tags: [String]
    var format: String?
    var file: String?
    var codeURL: String?
    var extras: PaperExtras?
    /// True when the source gave no English abstract (`abstract` is empty).
    var titleOnly: Bool

    init(_ paper: Paper, format: DigestFormat?, file: String?) {
        id = paper.id.rawValue
        version = paper.version
        title = paper.title
        authors = paper.authors
        abstract = paper.abstract
        categories = paper.categories
        date = paper.date
        tags = paper.tags
        self.format = format?.rawValue
        self.file = file
        codeURL = paper.codeURL
        extras = paper.extras.isEmpty ? nil : paper.extras
        titleOnly = paper.isTitleOnly
    }

    static func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    var textBlock: String {
        var lines = ["\(id)\(version.map { "v\($0)" } ?? "")  \(title)"]
        if !authors.isEmpty { lines.append("  authors: \(authors.joined(separator: ", "))") }
        var facts: [String] = []
        if let date { facts.append(date) }
        if !categories.isEmpty { facts.append(categories.joined(separator: " ")) }
        if !tags.isEmpty { facts.append("tags: " + tags.joined(separator: ", ")) }
        if let codeURL { facts.append("code: \(codeURL)") }
        if !facts.isEmpty { lines.append("  " + facts.joined(separator: " · ")) }
        if titleOnly {
            lines.append("  (title only: no English abstract)")
        } else {
            lines.append("  " + abstract.replacingOccurrences(of: "\n\n", with: "\n  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
