import DigestParsing
import Foundation
import PaperRadarCore
import Store

/// Papers read from a JSON Lines metadata file (plain or gzip), for benchmarks, evaluation and the IDF prior.
public struct CorpusFile: Sendable {
    public var papers: [Paper]
    /// Lines that could not become a paper.
    public var skipped: [ParseWarning]

    /// Reads every line of `url` (no store involved).
    ///
    /// - Throws: ``PipelineError`` when the file cannot be read.
    public static func read(_ url: URL) throws -> CorpusFile {
        var papers: [Paper] = []
        var skipped: [ParseWarning] = []
        let decoder = JSONDecoder()
        do {
            try LineReader(url: url).forEachLine { number, line, _ in
                guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return }
                do {
                    papers.append(try MetadataRecord.paper(fromJSONLine: line, decoder: decoder))
                } catch {
                    skipped.append(ParseWarning(line: number, "\(error)"))
                }
            }
        } catch let error as StoreError {
            throw PipelineError(error.message)
        }
        return CorpusFile(papers: papers, skipped: skipped)
    }
}
