import DigestParsing
import PaperRadarCore
import Testing

/// Parses digest text with default options.
func parse(_ text: String) throws -> ParsedDigest {
    try DigestParser().parse(text)
}

/// Parses raw bytes with default options.
func parse(bytes: [UInt8]) throws -> ParsedDigest {
    try DigestParser().parse(bytes: bytes)
}

extension ParsedDigest {
    /// The paper with this id (`2501.04321`), failing the test when there is none.
    func paper(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Paper {
        try #require(papers.first { $0.id.rawValue == id }, "no paper \(id)", sourceLocation: sourceLocation)
    }

    /// The ids of the papers, in order.
    var ids: [String] { papers.map(\.id.rawValue) }
}
