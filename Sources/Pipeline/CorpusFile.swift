import DigestParsing
import Foundation
import PaperRadarCore
import Store

/// Papers read from a JSON Lines metadata file (plain or gzip), for benchmarks, evaluation and the IDF prior.
public struct CorpusFile: Sendable {
    public var papers: [Paper]
    /// Lines that could not become a paper.
    public var skipped: [ParseWarning]

    /// Reads every line of `url` (no store involved), decoding lines in parallel.
    ///
    /// - Throws: ``PipelineError`` when the file cannot be read.
    public static func read(_ url: URL) throws -> CorpusFile {
        var papers: [Paper] = []
        var skipped: [ParseWarning] = []
        do {
            try LineReader(url: url).forEachDecodedLine(decode: { try MetadataRecord.paper(fromJSONLine: $0) }) {
                number, decoded, _ in
                switch decoded {
                case .success(let paper): papers.append(paper)
                case .failure(let error): skipped.append(ParseWarning(line: number, "\(error)"))
                }
            }
        } catch let error as StoreError {
            throw PipelineError(error.message)
        }
        return CorpusFile(papers: papers, skipped: skipped)
    }
}
