import Foundation
import PaperRadarCore
import Testing

@testable import Store

@Suite struct ImportTests {
    /// A decoder standing in for the JSON Lines parser: `id|title|abstract`.
    static func decodeLine(_ line: ArraySlice<UInt8>) throws -> Paper {
        let fields = String(decoding: line, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, let id = ArxivID(String(fields[0])) else {
            throw StoreError("expected id|title|abstract")
        }
        return Paper(id: id, title: String(fields[1]), abstract: String(fields[2]))
    }

    static let lines = "2611.00010|T1|A1\n\n2611.00011|T2|A2\r\nbroken line\n2611.00012|T3|A3"

    @Test func plainFileImportsAndReportsBadLines() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("papers.jsonl")
        try Data(Self.lines.utf8).write(to: file)
        let store = try PaperStore()
        let summary = try store.importPapers(from: file, decode: Self.decodeLine)
        #expect(summary.lineCount == 4)
        #expect(summary.newCount == 3)
        #expect(summary.skipped == [ParseWarning(line: 4, "expected id|title|abstract")])
        #expect(try store.paper(id: ArxivID("2611.00011")!)?.abstract == "A2", "CRLF line endings are accepted")
        let again = try store.importPapers(from: file, decode: Self.decodeLine)
        #expect(again.unchangedCount == 3 && again.newCount == 0)
    }

    @Test func gzipIncludingSeveralMembers() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let part1 = try Fixtures.run("gzip", ["-c"], stdin: Data("2611.00020|T|A\n2611.00021|T|A\n".utf8))
        let part2 = try Fixtures.run("gzip", ["-c"], stdin: Data("2611.00022|T|A\n".utf8))
        let file = folder.appendingPathComponent("papers.data")  // the name says nothing: gzip is sniffed
        try (part1 + part2).write(to: file)
        let store = try PaperStore()
        let summary = try store.importPapers(from: file, decode: Self.decodeLine)
        #expect(summary.newCount == 3 && summary.skipped.isEmpty)
    }

    @Test func truncatedGzipImportsNothing() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = (0..<2000).map { "2611.\(String(format: "%05d", $0 + 100))|Title \($0)|Abstract \($0)\n" }.joined()
        let compressed = try Fixtures.run("gzip", ["-c"], stdin: Data(text.utf8))
        let file = folder.appendingPathComponent("cut.jsonl.gz")
        try compressed.prefix(compressed.count / 2).write(to: file)
        let store = try PaperStore()
        #expect(throws: StoreError.self) { try store.importPapers(from: file, decode: Self.decodeLine) }
        #expect(try store.paperCount() == 0, "a failed import is rolled back whole")
    }

    @Test func lineReaderHandlesLongLinesAcrossChunks() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "x", count: 10_000)
        let file = folder.appendingPathComponent("long.txt")
        try Data("a\n\(long)\nb".utf8).write(to: file)
        var reader = LineReader(url: file)
        reader.chunkSize = 7
        var lines: [String] = []
        try reader.forEachLine { _, line, _ in lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["a", long, "b"])
    }

    /// Several batches (decoded in the background while the next is read) come out in file order, with every line
    /// number and every error in its place.
    @Test func decodedLinesKeepFileOrderAcrossBatches() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let padding = String(repeating: "p", count: 300)
        var text = ""
        for i in 1...40_000 {
            text += i % 997 == 0 ? "bad \(i)\n" : i % 1_001 == 0 ? "\n" : "\(i) \(padding)\n"
        }
        let file = folder.appendingPathComponent("many.txt")
        try Data(text.utf8).write(to: file)
        #expect(text.utf8.count > 2 * LineBatch.capacity, "the file spans several batches")
        var seen: [(Int, Result<Int, any Error>)] = []
        try LineReader(url: file).forEachDecodedLine(decode: { line in
            let words = line.split(separator: UInt8(ascii: " "))
            guard let number = Int(String(decoding: words[0], as: UTF8.self)) else { throw StoreError("bad line") }
            return number
        }) { number, decoded, _ in seen.append((number, decoded)) }
        let expected = (1...40_000).filter { $0 % 1_001 != 0 || $0 % 997 == 0 }
        #expect(seen.map(\.0) == expected)
        for (number, decoded) in seen {
            switch decoded {
            case .success(let value): #expect(value == number && number % 997 != 0)
            case .failure: #expect(number % 997 == 0)
            }
        }
    }
}
