import Foundation
import PaperRadarCore

/// Small papers and digests written for these tests.
enum Fixtures {
    static func paper(
        _ id: String, version: Int? = 1, title: String = "A Study of Retrieval", abstract: String = "We study retrieval.",
        categories: [String] = [], tags: [String] = [], date: String? = "2026-11-02"
    ) -> Paper {
        Paper(
            id: ArxivID(id)!, version: version, title: title, authors: ["Ada Lovelace", "Alan Turing"],
            abstract: abstract, categories: categories, date: date, tags: tags)
    }

    static func digest(_ papers: [Paper], warnings: [ParseWarning] = []) -> ParsedDigest {
        ParsedDigest(format: .tableAbstracts, date: "2026-11-02", papers: papers, warnings: warnings)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paperradar-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a command, for gzip fixtures.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], stdin: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            try process.run()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
