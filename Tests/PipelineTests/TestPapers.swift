import Foundation
import PaperRadarCore
import Store
import Testing

@testable import Pipeline

/// A few dozen short papers on four themes, written for these tests.
enum TestPapers {
    static let themes: [(tag: String, title: String, words: [String])] = [
        ("LLM", "Language models", ["language", "model", "token", "pretraining", "instruction", "reasoning", "prompt"]),
        ("RAG", "Retrieval", ["retrieval", "passage", "query", "reranker", "document", "index", "grounded"]),
        ("Vision", "Images", ["image", "pixel", "segmentation", "detection", "camera", "video", "diffusion"]),
        ("Agents", "Agents", ["agent", "tool", "planning", "environment", "action", "workflow", "web"]),
    ]

    /// `perTheme` papers per theme; each abstract mixes its theme's words in a seeded order.
    static func papers(perTheme: Int = 8, idOffset: Int = 0) -> [Paper] {
        var papers: [Paper] = []
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for (t, theme) in themes.enumerated() {
            for i in 0..<perTheme {
                let words = (0..<24).map { _ in theme.words[next() % theme.words.count] }
                let number = idOffset + t * 100 + i + 1
                let id = ArxivID("2611.\(String(format: "%05d", number))")!
                papers.append(
                    Paper(
                        id: id, version: 1, title: "\(theme.title) study \(i)",
                        abstract: "We study " + words.joined(separator: " ") + ".", tags: [theme.tag]))
            }
        }
        return papers
    }

    /// An in-memory store holding `papers` (one digest).
    static func store(with papers: [Paper]) throws -> PaperStore {
        let store = try PaperStore()
        _ = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: papers, warnings: []),
            from: DigestSource(path: "test.md", bytes: Array("\(papers.count)".utf8)))
        return store
    }
}

extension TestPapers {
    /// Checks that two spaces hold the same papers with the same vectors (row order may differ).
    static func expectSameSpace(_ a: VectorSpace, _ b: VectorSpace, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(a.ids) == Set(b.ids) && a.count == b.count, sourceLocation: sourceLocation)
        #expect(a.modelHash == b.modelHash, sourceLocation: sourceLocation)
        for id in a.ids {
            guard let i = a.row(of: id), let j = b.row(of: id) else { continue }
            let ra = a.tfidfRows.row(i)
            let rb = b.tfidfRows.row(j)
            #expect(ra.map(\.column) == rb.map(\.column), "TF-IDF row of \(id)", sourceLocation: sourceLocation)
            #expect(zip(ra, rb).allSatisfy { abs($0.value - $1.value) < 1e-5 }, sourceLocation: sourceLocation)
            #expect(
                (0..<a.embeddings.columns).allSatisfy { abs(a.embeddings[i, $0] - b.embeddings[j, $0]) < 1e-5 },
                "embedding of \(id)", sourceLocation: sourceLocation)
            #expect(
                (0..<a.neighbours.columns).allSatisfy { abs(a.neighbours[i, $0] - b.neighbours[j, $0]) < 1e-5 },
                sourceLocation: sourceLocation)
            #expect(a.topics?.topicOfRow[i] == b.topics?.topicOfRow[j], "topic of \(id)", sourceLocation: sourceLocation)
        }
    }
}

extension TestPapers {
    /// A store in a temporary folder (with a folder for large files, so a fit stores its neighbour index), holding
    /// `papers`; remove the folder when done.
    static func fileStore(with papers: [Paper]) throws -> (store: PaperStore, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperradar-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try PaperStore(databaseURL: folder.appendingPathComponent("paperradar.sqlite"))
        _ = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: papers, warnings: []),
            from: DigestSource(path: "test.md", bytes: Array("\(papers.count)".utf8)))
        return (store, folder)
    }

    /// `themes × perTheme` papers, each theme with its own invented words (three syllables each), so that a
    /// paper's nearest papers are those of its theme.
    static func manyThemes(_ themes: Int, perTheme: Int) -> [Paper] {
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let consonants = Array("bdfgklmnprstvz"), vowels = Array("aeiou")
        func word() -> String {
            String((0..<3).flatMap { _ in [consonants[next() % consonants.count], vowels[next() % vowels.count]] })
        }
        var papers: [Paper] = []
        for t in 0..<themes {
            let words = (0..<10).map { _ in word() }
            for i in 0..<perTheme {
                let text = (0..<30).map { _ in words[next() % words.count] }.joined(separator: " ")
                let id = ArxivID(String(format: "2610.%05d", t * perTheme + i + 1))!
                papers.append(Paper(id: id, version: 1, title: "\(words[i % 10]) \(words[(i + 3) % 10])", abstract: text + "."))
            }
        }
        return papers
    }
}
