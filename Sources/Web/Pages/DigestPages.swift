import Foundation
import Hummingbird
import PaperRadarCore
import Pipeline
import Reports
import Store

extension WebApp {
    /// `/` and `/digests`: every stored digest, newest first.
    func digestsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let report = try digestList(papersOfNewest: 0)
        if context.wantsJSON { return WebResponses.json(report.json) }
        var body = HTMLParts.header(
            kind: "Digests", title: "Digests",
            lede: report.digests.isEmpty
                ? nil
                : "\(NumberFormat.grouped(report.digests.count)) \(report.digests.count == 1 ? "digest" : "digests"), newest first. Each one opens as its report, live, with like, dislike and save on every paper.")
        if report.digests.isEmpty {
            body += HTMLParts.empty(
                "No digests yet: ingest some with `paperradar ingest FILE…`, or run `paperradar serve --watch DROP_DIR` and drop them there.")
        } else {
            body += HTMLParts.table(
                header: ["Digest", "Date", "Papers", "New", "Title only", "Stored"], numeric: [2, 3, 4],
                rows: report.digests.map { digest in
                    [
                        "<a href=\"\(PaperLinks.digest(digest.id))\">\(digest.file.singleLine)</a>",
                        "\(digest.date ?? "")", "\(NumberFormat.grouped(digest.paperCount))",
                        "\(NumberFormat.grouped(digest.newCount))", "\(NumberFormat.grouped(digest.titleOnlyCount))",
                        "\(digest.ingestedAt)",
                    ]
                })
        }
        body += "<p class=\"muted\">Subscribe: <a href=\"/digests.atom\">the newest digests' papers</a> (Atom).</p>\n"
        return WebResponses.html(
            PageLayout.page(
                title: "Digests", section: .digests, body: body, context: context, app: self,
                feed: ("Newest digests", "/digests.atom")))
    }

    /// The digest list; the newest `papersOfNewest` digests carry their papers (for the feed).
    func digestList(papersOfNewest: Int) throws -> DigestListReport {
        let records = try store.digests().reversed()
        var digests: [DigestListReport.Digest] = []
        for (index, record) in records.enumerated() {
            var papers: [PaperReference]?
            if index < papersOfNewest, let ingested = try store.ingestedDigest(id: record.id) {
                papers = ingested.papers.map(PaperReference.init)
            }
            digests.append(
                DigestListReport.Digest(
                    id: record.id, file: URL(fileURLWithPath: record.path).lastPathComponent, date: record.date,
                    format: record.format?.rawValue, paperCount: record.paperCount, newCount: record.newCount,
                    titleOnlyCount: record.titleOnlyCount, ingestedAt: record.ingestedAt, papers: papers))
        }
        return DigestListReport(generatedAt: Timestamp.now, generator: PaperRadarVersion.generator, digests: digests)
    }

    /// `/digests/<id>`: the digest's report computed now, ordered by the reader's profile when it can score
    /// (`?order=topic` groups by topic), with rating buttons on every paper.
    func digestPage(_ request: Request, _ context: WebContext, id: String) async throws -> Response {
        guard let number = Int64(id), let digest = try store.ingestedDigest(id: number) else {
            throw WebRefusal(.notFound, "No such digest", "There is no digest \(id) in the store.")
        }
        let space = try await requireSpace()
        let byTopic = context.query["order"] == "topic"
        var scores: [ArxivID: Double]?
        var settings: [ReportProvenance.Setting] = []
        let profile = try profile()
        if !byTopic && !(profile.liked.isEmpty && profile.likedTexts.isEmpty) {
            // A profile that cannot score yet (none of its liked papers stored) leaves the report grouped by topic.
            if let scored = try? ReadingLists(space: space, store: store, catalog: try catalog(for: space))
                .profileScores(profile: profile, ids: digest.papers.map(\.id))
            {
                scores = scored
                settings.append(.init(name: "profile", value: profileName))
            }
        }
        let report = try ReportBuilder(space: space, store: store).digestReport(
            digest, top: 5, profileScores: scores, settings: settings)
        if context.wantsJSON { return WebResponses.json(report.rendered(as: .json)) }
        let path = PaperLinks.digest(number)
        var body = Markup()
        if scores != nil {
            body += "<p class=\"muted\">Ordered by your profile. <a href=\"\(path)?order=topic\">Group by topic</a></p>\n"
        } else if byTopic {
            body += "<p class=\"muted\">Grouped by topic. <a href=\"\(path)\">Order by your profile</a></p>\n"
        }
        let returnTo = byTopic ? path + "?order=topic" : path
        body += report.htmlBody(RatingButtons.decoration(ratings: try ratings(), returnTo: returnTo, context: context))
        return WebResponses.html(
            PageLayout.page(title: "Digest \(report.digest.file)", section: .digests, body: body, context: context, app: self))
    }
}
