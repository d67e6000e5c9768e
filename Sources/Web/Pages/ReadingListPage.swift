import Foundation
import Hummingbird
import PaperRadarCore
import Pipeline
import Recommendation
import Reports
import Store

extension WebApp {
    /// `/reading-list?since=YYYY-MM-DD&top=N`: the reading list computed now from the reader's ratings and rules,
    /// each item with why and a "not interested" button (a dislike); then the papers saved for later.
    func readingListPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let since = context.query.trimmed("since")
        let top = try context.query.trimmed("top").map { value -> Int in
            guard let top = Int(value), (1...500).contains(top) else {
                throw WebRefusal(.badRequest, "Not a list length", "top must be a whole number from 1 to 500.")
            }
            return top
        }
        let profile = try profile()
        guard !(profile.liked.isEmpty && profile.likedTexts.isEmpty) else {
            if context.wantsJSON {
                throw WebRefusal(
                    .conflict, "Nothing liked yet",
                    "The reading list learns from liked papers: like a few (POST /rate) and ask again.")
            }
            var body = HTMLParts.header(kind: "Reading list", title: "Your reading list", lede: nil)
            body += """
                <p class="notice">Nothing liked yet. Like a few papers — on a <a href="/digests">digest</a>, a paper's \
                page or <a href="/search">search results</a> — and the reading list learns from them: papers like \
                the ones you liked, each with why.</p>

                """
            body += try savedSection(profile, context)
            return WebResponses.html(
                PageLayout.page(title: "Reading list", section: .readingList, body: body, context: context, app: self))
        }
        let report = try await readingList(profile, since: since, top: top)
        if context.wantsJSON { return WebResponses.json(report.rendered(as: .json)) }
        var body = Markup()
        let returnTo = "/reading-list" + FormFields.query([("since", since), ("top", top.map(String.init))])
        body += report.htmlBody(
            RatingButtons.decoration(
                ratings: try ratings(), returnTo: returnTo, context: context, dismissLabel: "Not interested"))
        body += try savedSection(profile, context)
        body += """
            <p class="muted">Subscribe: <a href="/feed.atom">this reading list</a> (Atom). \
            <a href="/settings">Edit the rules</a>.</p>

            """
        return WebResponses.html(
            PageLayout.page(
                title: "Reading list", section: .readingList, body: body, context: context, app: self,
                feed: ("Reading list", "/feed.atom")))
    }

    /// The reading list of a profile now.
    func readingList(_ profile: ReadingProfile, since: String?, top: Int?) async throws -> ReadingListReport {
        let space = try await requireSpace()
        do {
            return try ReadingLists(space: space, store: store, catalog: try catalog(for: space)).readingList(
                profile: profile, profileFile: "profile \(profileName)", since: since, top: top ?? profile.top ?? 50)
        } catch let error as PipelineError {
            throw WebRefusal(.conflict, "No reading list", error.message)
        }
    }

    /// The papers saved for later, newest first, with their buttons.
    private func savedSection(_ profile: ReadingProfile, _ context: WebContext) throws -> Markup {
        guard !profile.saved.isEmpty else {
            return HTMLParts.section(
                id: "saved", heading: "Saved for later", HTMLParts.empty("Nothing saved: “Save” keeps a paper here."))
        }
        let papers = try store.papers(ids: profile.saved)
        let ratings = try ratings()
        var markup: Markup = "<ol class=\"papers\">\n"
        for id in profile.saved.reversed() {
            let title = papers[id]?.title ?? id.rawValue
            markup += """
                <li class="paper"><p class="title">\(HTMLParts.paperLink(id: id.rawValue, title: title, decoration))</p>
                <p class="meta">\(id.rawValue)\(papers[id]?.date.map { " · " + $0 } ?? "")</p>
                """
            markup += RatingButtons.form(
                id: id.rawValue, rating: ratings[id] ?? PaperReport.Rating(), returnTo: "/reading-list", context: context)
            markup += "</li>\n"
        }
        markup += "</ol>\n"
        return HTMLParts.section(id: "saved", heading: "Saved for later (\(profile.saved.count))", markup)
    }

    /// `/feed.atom`: the reading list as an Atom feed (empty while nothing is liked).
    func readingListFeed(_ request: Request, _ context: WebContext) async throws -> Response {
        let profile = try profile()
        let base = origin(of: request)
        let report: ReadingListReport
        if profile.liked.isEmpty && profile.likedTexts.isEmpty {
            report = ReadingListReport(
                provenance: ReportProvenance(
                    generatedAt: Timestamp.now, generator: PaperRadarVersion.generator, paperCount: 0, modelHash: "none"),
                profile: .init(file: "profile \(profileName)", likedCount: 0, dislikedCount: 0, unknownIDs: [], rules: []),
                since: nil, candidateCount: 0, items: [], selfCheck: nil)
        } else {
            report = try await readingList(profile, since: nil, top: nil)
        }
        return WebResponses.atom(report.atom(selfLink: base + "/feed.atom", alternateLink: base + "/reading-list"))
    }

    /// `/digests.atom`: the papers of the newest five digests.
    func digestsFeed(_ request: Request, _ context: WebContext) async throws -> Response {
        let base = origin(of: request)
        var report = try digestList(papersOfNewest: 5)
        report.digests = Array(report.digests.prefix(5))
        return WebResponses.atom(
            report.atom(selfLink: base + "/digests.atom", alternateLink: base + "/digests") { base + PaperLinks.paper($0) })
    }

    /// `http://<Host>`: the address the client used (already checked against the bound names).
    func origin(of request: Request) -> String {
        "http://" + (request.head.authority ?? "\(configuration.host):\(boundPort)")
    }
}
