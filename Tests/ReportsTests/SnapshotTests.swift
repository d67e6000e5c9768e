import Foundation
import Reports
import Testing
import TestSupport

/// Rendered reports compared byte for byte with the files in Snapshots/.
///
/// `PAPERRADAR_UPDATE_SNAPSHOTS=1 swift test` rewrites the files instead (and passes); review the diff before
/// committing.
@Suite struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

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
        try Snapshot.expect(text, matches: name, in: directory, sourceLocation: sourceLocation)
    }
}
