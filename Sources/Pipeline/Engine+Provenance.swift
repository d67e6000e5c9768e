import Foundation
import PaperRadarCore
import Reports
import TextFeatures

/// The program name and version stamped on reports.
public enum PaperRadarVersion {
    public static let current = "0.6.0"
    public static var generator: String { "PaperRadar \(current)" }
}

extension Engine {
    /// What produced a report: now, the store's size, the models' hashes and settings, plus `settings`.
    ///
    /// `now` is injectable so that tests (and snapshot files) get a fixed date.
    public func provenance(
        space: VectorSpace?, topicsHash: String? = nil, settings extra: [ReportProvenance.Setting] = [],
        now: Date = Date()
    ) throws -> ReportProvenance {
        var settings: [ReportProvenance.Setting] = []
        if let space {
            settings.append(.init(name: "tfidf", value: Self.summary(of: space.tfidf)))
            settings.append(.init(
                name: "lsa",
                value: "LSA \(space.lsa.contentHash): \(space.lsa.dimension) dimensions, neighbours in the first "
                    + "\(min(96, space.lsa.dimension)) weighted by σ"))
        }
        return ReportProvenance(
            generatedAt: Timestamp.string(from: now), generator: PaperRadarVersion.generator,
            paperCount: try store.paperCount(), modelHash: space?.modelHash ?? "none", topicsHash: topicsHash,
            settings: settings + extra)
    }
}

extension PaperReference {
    /// A stored paper as reports show it.
    public init(_ paper: Paper) {
        self.init(
            id: paper.id.rawValue, title: paper.title, authors: paper.authors, date: paper.date,
            categories: paper.categories)
    }
}
