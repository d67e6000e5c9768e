import ArgumentParser
import DigestParsing
import Foundation
import PaperRadarCore

extension Bench {
    /// `paperradar bench parse FILE…`: how long parsing each digest takes, in process (no start-up, no output).
    struct ParseDigests: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Time parsing digest files: the median of several runs, read once, nothing printed per paper.")

        @Argument(help: "Digest files (Markdown).") var files: [String]
        @Option(name: .long, help: "Runs per file (the median is reported).") var runs = 15

        func run() throws {
            for path in files {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                var seconds: [Double] = []
                var digest: ParsedDigest?
                for _ in 0..<max(1, runs) {
                    let stopwatch = Stopwatch()
                    digest = try DigestParser().parse(bytes: bytes)
                    seconds.append(stopwatch.seconds)
                }
                seconds.sort()
                let median = seconds[seconds.count / 2]
                let papers = digest?.papers.count ?? 0
                print(
                    String(
                        format: "%@: %.1f ms median of %d runs (min %.1f ms), %d bytes, %@, %d papers (%d title-only), %d warnings",
                        path, median * 1000, seconds.count, (seconds.first ?? 0) * 1000, bytes.count,
                        digest?.format?.rawValue ?? "empty", papers, digest?.titleOnlyCount ?? 0,
                        digest?.warnings.count ?? 0))
            }
        }
    }
}
