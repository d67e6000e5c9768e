import FileIO
import Foundation
import PaperRadarCore
import Pipeline
import Reports
import Store

/// How the daemon keeps its rolling feeds.
public struct FeedSettings: Sendable, Hashable {
    /// Entries each feed keeps (the most recent).
    public var limit: Int
    /// The URL the reports folder is published under (`https://example.org/radar/`), for `link rel="self"`; a URL
    /// ending in `.atom` names `feed.atom` itself (its folder is used for the reading list).
    public var url: String?

    public init(limit: Int = 200, url: String? = nil) {
        precondition(limit >= 1, "a feed keeps at least one entry")
        self.limit = limit
        self.url = url
    }

    /// The folder URL, ending with `/`.
    var baseURL: String? {
        guard var url, !url.isEmpty else { return nil }
        if url.hasSuffix(".atom"), let slash = url.lastIndex(of: "/") { url = String(url[...slash]) }
        return url.hasSuffix("/") ? url : url + "/"
    }
}

/// The daemon's rolling feeds: `REPORTS/feed.atom` (every digest's papers) and, with a profile,
/// `REPORTS/reading-list.atom` (each digest's papers the profile picks).
///
/// Each digest's entries are recorded in the journal with its report (``updates(for:digestOrder:)``), then the feeds
/// are rendered from the journal and written atomically (``write()``): rewriting them is idempotent, so a resumed
/// digest just writes them again. A paper is one entry (its arXiv URL), moved to the latest digest that brought it;
/// digests are newest first, each digest's papers by profile score (with a profile) or in the digest's order, and a
/// feed keeps its most recent `limit` entries.
public struct RollingFeeds: Sendable {
    public let reportsFolder: String
    public let settings: FeedSettings
    public let profile: ReportProfile?
    public let store: JournalStore

    /// The names of the feeds in the journal and on disk (`<name>.atom`).
    public static let everything = "feed"
    public static let readingList = "reading-list"

    /// The score a paper needs to be in the reading-list feed when the profile sets no `min_score`: the ranker's
    /// boundary between "like the liked papers" and "like the rest".
    public static let defaultPickScore = 0.5

    public init(reportsFolder: String, settings: FeedSettings, profile: ReportProfile?, store: JournalStore) {
        self.reportsFolder = reportsFolder
        self.settings = settings
        self.profile = profile
        self.store = store
    }

    /// The feeds' paths, every one this daemon writes.
    public var paths: [String] {
        ([Self.everything] + (profile == nil ? [] : [Self.readingList])).map { reportsFolder + "/" + $0 + ".atom" }
    }

    /// The score a paper needs for the reading-list feed.
    var pickScore: Double { profile?.profile.minScore ?? Self.defaultPickScore }

    /// A digest's entries of each feed, to record with its report.
    public func updates(for report: DigestReport, digestOrder: [String]) -> [FeedUpdate] {
        let entries = report.feedEntries(digestOrder: digestOrder)
        var updates = [FeedUpdate(feed: Self.everything, entries: entries.map(Self.encoded), limit: settings.limit)]
        if profile != nil {
            let picks = entries.filter { ($0.score ?? -1) >= pickScore }
            updates.append(FeedUpdate(feed: Self.readingList, entries: picks.map(Self.encoded), limit: settings.limit))
        }
        return updates
    }

    private static func encoded(_ entry: FeedEntry) -> (id: String, json: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(entry)) ?? Data("{}".utf8)
        return (entry.id, String(decoding: data, as: UTF8.self))
    }

    /// Renders every feed from the journal and writes it atomically.
    ///
    /// - Throws: ``FileSystemError`` (the reports folder is not writable) and store errors.
    public func write(now: Date = Date()) throws {
        try write(Self.everything, title: "PaperRadar: every digest", subtitle: everythingSubtitle, now: now)
        if let profile {
            try write(
                Self.readingList, title: "PaperRadar: reading list for \(profile.name)",
                subtitle: "The papers of each digest that \(profile.name) scores at least "
                    + String(format: "%.2f", pickScore) + ", best first; newest digest first, at most "
                    + "\(settings.limit) papers.", now: now)
        }
    }

    private var everythingSubtitle: String {
        let order = profile.map { "by \($0.name)'s score" } ?? "in the digest's order"
        return "The papers of every digest the daemon reported, newest digest first, each digest's papers \(order); "
            + "at most \(settings.limit) papers."
    }

    private func write(_ name: String, title: String, subtitle: String, now: Date) throws {
        let decoder = JSONDecoder()
        let entries = try store.feedEntries(feed: name).compactMap { try? decoder.decode(FeedEntry.self, from: Data($0.utf8)) }
        let file = name + ".atom"
        let feed = RollingFeed(
            id: settings.baseURL.map { $0 + file } ?? RollingFeed.urn(name: name, folder: reportsFolder),
            title: title, subtitle: subtitle,
            updated: entries.map(\.updated).max() ?? Timestamp.string(from: now),
            generator: PaperRadarVersion.generator, selfLink: settings.baseURL.map { $0 + file }, entries: entries)
        try AtomicFile.write(feed.rendered(), to: reportsFolder + "/" + file)
    }
}
