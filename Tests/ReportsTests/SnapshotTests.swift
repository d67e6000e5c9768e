import Foundation
import Reports
import Testing

/// Rendered reports compared byte for byte with the files in Snapshots/.
///
/// `PAPERRADAR_UPDATE_SNAPSHOTS=1 swift test` rewrites the files instead (and passes); review the diff before
/// committing.
@Suite struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static var updating: Bool { ProcessInfo.processInfo.environment["PAPERRADAR_UPDATE_SNAPSHOTS"] == "1" }

    @Test(arguments: ReportFormat.allCases) func digestReport(format: ReportFormat) throws {
        try Self.check(Fixtures.digest.rendered(as: format), named: "digest.\(format.fileExtension)")
    }

    @Test func digestReportGroupedByTopic() throws {
        try Self.check(Fixtures.digestByTopic.rendered(as: .markdown), named: "digest-by-topic.md")
    }

    @Test(arguments: ReportFormat.allCases) func topicReport(format: ReportFormat) throws {
        try Self.check(Fixtures.topicReport.rendered(as: format), named: "topics.\(format.fileExtension)")
    }

    @Test(arguments: ReportFormat.allCases) func readingList(format: ReportFormat) throws {
        try Self.check(Fixtures.readingList.rendered(as: format), named: "reading-list.\(format.fileExtension)")
    }

    @Test(arguments: ReportFormat.allCases) func renderingIsDeterministic(format: ReportFormat) {
        #expect(Fixtures.topicReport.rendered(as: format) == Fixtures.topicReport.rendered(as: format))
        #expect(Fixtures.digest.rendered(as: format) == Fixtures.digest.rendered(as: format))
        #expect(Fixtures.readingList.rendered(as: format) == Fixtures.readingList.rendered(as: format))
    }

    /// Compares `text` with the snapshot file `name` (or writes it when updating).
    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "no snapshot \(name): run PAPERRADAR_UPDATE_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard text != expected else { return }
        let got = text.components(separatedBy: "\n")
        let want = expected.components(separatedBy: "\n")
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record(
            """
            \(name) differs from its snapshot at line \(line + 1):
              got:      \(line < got.count ? got[line] : "<end>")
              snapshot: \(line < want.count ? want[line] : "<end>")
            (PAPERRADAR_UPDATE_SNAPSHOTS=1 swift test rewrites the snapshots)
            """, sourceLocation: sourceLocation)
    }
}
