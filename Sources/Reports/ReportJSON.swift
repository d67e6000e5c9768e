import Foundation

/// The JSON form of every report: the report's own Codable shape plus `kind` and `schemaVersion` at top level.
///
/// Output is pretty-printed with sorted keys (byte-deterministic for equal reports) and ends with a newline. Every
/// `Double` is rounded to ``decimals`` decimals first (``ReportJSONRounding``), so scores print as `0.8312`, not
/// `0.83120000000000005`. Optional fields that are nil are left out. A number that is not finite (never expected)
/// is written as the string `"NaN"`, `"Infinity"` or `"-Infinity"` instead of making the document invalid. Strings
/// are kept exactly as they are (JSON escaping only), so decoding gives the report back.
public enum ReportJSON {
    /// The version of the schema documented in the README; bumped when a field changes meaning or is removed.
    public static let schemaVersion = 1
    /// Decimals kept for every `Double`.
    static let decimals = 4

    /// The report, wrapped, as a JSON document.
    public static func document<Report: Encodable>(_ report: Report, kind: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            let data = try encoder.encode(Envelope(kind: kind, report: report))
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            // JSONEncoder only fails for non-finite numbers (handled above) and top-level fragments (a report is an
            // object), so this cannot happen.
            preconditionFailure("encoding a \(kind) as JSON failed: \(error)")
        }
    }

    /// The report's keys and the wrapper's keys in one object.
    private struct Envelope<Report: Encodable>: Encodable {
        var kind: String
        var report: Report

        private enum CodingKeys: String, CodingKey {
            case kind, schemaVersion
        }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(ReportJSON.schemaVersion, forKey: .schemaVersion)
        }
    }
}

/// A report whose every `Double` can be rounded for JSON.
protocol ReportJSONRounding {
    /// A copy with every `Double` rounded to ``ReportJSON/decimals`` decimals.
    var roundedForJSON: Self { get }
}

extension Double {
    fileprivate var roundedForJSON: Double { NumberFormat.rounded(self, decimals: ReportJSON.decimals) }
}

extension DigestReport: ReportJSONRounding {
    var roundedForJSON: DigestReport {
        var copy = self
        for index in copy.entries.indices {
            copy.entries[index].profileScore = copy.entries[index].profileScore?.roundedForJSON
            for related in copy.entries[index].related.indices {
                copy.entries[index].related[related].score = copy.entries[index].related[related].score.roundedForJSON
            }
        }
        return copy
    }
}

extension TopicReport: ReportJSONRounding {
    var roundedForJSON: TopicReport {
        var copy = self
        for index in copy.kCurve.indices {
            copy.kCurve[index].silhouette = copy.kCurve[index].silhouette.roundedForJSON
            copy.kCurve[index].stability = copy.kCurve[index].stability.roundedForJSON
        }
        for index in copy.bridges.indices {
            copy.bridges[index].similarityA = copy.bridges[index].similarityA.roundedForJSON
            copy.bridges[index].similarityB = copy.bridges[index].similarityB.roundedForJSON
        }
        for index in copy.map.indices {
            copy.map[index].x = copy.map[index].x.roundedForJSON
            copy.map[index].y = copy.map[index].y.roundedForJSON
        }
        copy.mapExplainedVariance = copy.mapExplainedVariance.map(\.roundedForJSON)
        return copy
    }
}

extension ReadingListReport: ReportJSONRounding {
    var roundedForJSON: ReadingListReport {
        var copy = self
        for index in copy.items.indices {
            copy.items[index].score = copy.items[index].score.roundedForJSON
            for neighbour in copy.items[index].why.closestLiked.indices {
                copy.items[index].why.closestLiked[neighbour].similarity =
                    copy.items[index].why.closestLiked[neighbour].similarity.roundedForJSON
            }
        }
        if var check = copy.selfCheck {
            check.cutoffShare = check.cutoffShare.roundedForJSON
            check.recall = check.recall.roundedForJSON
            copy.selfCheck = check
        }
        return copy
    }
}
