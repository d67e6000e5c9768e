import Foundation
import Testing

@testable import Reports

/// The JSON contract: the report's Codable shape plus `kind` and `schemaVersion`, round-tripping exactly.
@Suite struct JSONTests {
    static func object(_ json: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func decode<Report: Decodable>(_ type: Report.Type, _ json: String) throws -> Report {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func wrapperNamesKindAndSchemaVersion() throws {
        let cases: [(String, String)] = [
            (Fixtures.digest.rendered(as: .json), "digest-report"),
            (Fixtures.topicReport.rendered(as: .json), "topic-report"),
            (Fixtures.readingList.rendered(as: .json), "reading-list"),
        ]
        for (json, kind) in cases {
            let object = try Self.object(json)
            #expect(object["kind"] as? String == kind)
            #expect(object["schemaVersion"] as? Int == 1)
            #expect(object["provenance"] is [String: Any])
            #expect(json.hasSuffix("}\n"))
        }
    }

    @Test func reportsRoundTrip() throws {
        #expect(try Self.decode(DigestReport.self, Fixtures.digest.rendered(as: .json)) == Fixtures.digest)
        #expect(
            try Self.decode(DigestReport.self, Fixtures.digestByTopic.rendered(as: .json)) == Fixtures.digestByTopic)
        #expect(try Self.decode(TopicReport.self, Fixtures.topicReport.rendered(as: .json)) == Fixtures.topicReport)
        #expect(
            try Self.decode(ReadingListReport.self, Fixtures.readingList.rendered(as: .json)) == Fixtures.readingList)
        #expect(
            try Self.decode(DigestReport.self, EdgeFixtures.emptyDigest.rendered(as: .json)) == EdgeFixtures.emptyDigest
        )
        #expect(
            try Self.decode(TopicReport.self, EdgeFixtures.singleTopic.rendered(as: .json)) == EdgeFixtures.singleTopic)
        #expect(
            try Self.decode(ReadingListReport.self, EdgeFixtures.emptyReadingList.rendered(as: .json))
                == EdgeFixtures.emptyReadingList)
    }

    @Test func titleOnlyPapersAreCountedAndMarked() throws {
        let object = try Self.object(Fixtures.digest.rendered(as: .json))
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["titleOnlyCount"] as? Int == 1)
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.map { $0["isTitleOnly"] as? Bool } == [false, false, false, true])
        #expect(Fixtures.digest.rendered(as: .markdown).contains("1 title-only (no English abstract yet: matched by its title)"))
        #expect(Fixtures.digest.rendered(as: .html).contains(">title only</span>"))
    }

    @Test func reportsWrittenBeforeTitleOnlyPapersStillDecode() throws {
        var object = try Self.object(Fixtures.digest.rendered(as: .json))
        var summary = try #require(object["summary"] as? [String: Any])
        summary["titleOnlyCount"] = nil
        object["summary"] = summary
        object["entries"] = try #require(object["entries"] as? [[String: Any]]).map { entry in
            var entry = entry
            entry["isTitleOnly"] = nil
            return entry
        }
        let old = try JSONSerialization.data(withJSONObject: object)
        let decoded = try JSONDecoder().decode(DigestReport.self, from: old)
        #expect(decoded.summary.titleOnlyCount == 0 && decoded.entries.allSatisfy { !$0.isTitleOnly })
        #expect(decoded.entries.map(\.paper) == Fixtures.digest.entries.map(\.paper))
    }

    @Test func hostileStringsRoundTripExactly() throws {
        #expect(
            try Self.decode(DigestReport.self, HostileFixtures.digest.rendered(as: .json)) == HostileFixtures.digest)
        #expect(
            try Self.decode(TopicReport.self, HostileFixtures.topicReport.rendered(as: .json))
                == HostileFixtures.topicReport
                .roundedForJSON)
        let list = try Self.decode(ReadingListReport.self, HostileFixtures.readingList.rendered(as: .json))
        #expect(list == HostileFixtures.readingList)
        #expect(list.items[0].paper.title.contains("\u{0001}"))
        #expect(list.items[0].paper.title == HostileFixtures.text("title0"))
    }

    @Test func readingListItemsKeepRankOrderWithIDScoreAndWhy() throws {
        let object = try Self.object(Fixtures.readingList.rendered(as: .json))
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == Fixtures.readingList.items.count)
        for (item, expected) in zip(items, Fixtures.readingList.items) {
            #expect(item["id"] as? String == expected.id)
            #expect(item["score"] as? Double == expected.score)
            let why = try #require(item["why"] as? [String: Any])
            #expect(why["summary"] as? String == expected.why.summary)
            #expect(why["closestLiked"] is [Any])
            #expect(item["paper"] is [String: Any])
        }
        let scores = items.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func doublesPrintWithoutBinaryNoise() throws {
        var report = Fixtures.readingList
        report.items[0].score = 0.1 + 0.2
        report.items[1].score = 2.0 / 3.0
        report.selfCheck?.recall = 0.8333333333333334
        let json = report.rendered(as: .json)
        #expect(json.contains("\"score\" : 0.3,"))
        #expect(json.contains("\"score\" : 0.6667,"))
        #expect(json.contains("\"recall\" : 0.8333"))
        #expect(!json.contains("0000000"))
    }

    @Test func notFiniteNumbersKeepTheDocumentValid() throws {
        var report = Fixtures.readingList
        report.items[0].score = .nan
        report.items[1].score = .infinity
        let object = try Self.object(report.rendered(as: .json))
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items[0]["score"] as? String == "NaN")
        #expect(items[1]["score"] as? String == "Infinity")
    }

    @Test func keysAreSortedAndNilFieldsLeftOut() throws {
        let json = EdgeFixtures.emptyDigest.rendered(as: .json)
        let topLevel = json.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(
            topLevel == ["digest", "entries", "kind", "ordering", "provenance", "schemaVersion", "summary", "warnings"])
        #expect(!json.contains("\"date\""))
        #expect(!json.contains("null"))
    }
}
