import Foundation
import Hummingbird
import PaperRadarCore
import Pipeline
import Reports
import Store

extension WebApp {
    /// `/paper/<id>`: everything about one paper, its related papers with the terms they share, and "more like
    /// this".
    func paperPage(_ request: Request, _ context: WebContext, id raw: String) async throws -> Response {
        guard let parsed = ArxivID.parse(raw) else {
            throw WebRefusal(.notFound, "Not an arXiv id", "“\(raw)” is not an arXiv id (like 2502.10391).")
        }
        let id = parsed.id
        guard let paper = try store.paper(id: id) else {
            throw WebRefusal(.notFound, "Paper not in the store", "The store has no paper \(id.rawValue).")
        }
        let report = try await paperReport(paper)
        if context.wantsJSON { return WebResponses.json(report.json) }
        return WebResponses.html(
            PageLayout.page(
                title: paper.title.isEmpty ? id.rawValue : paper.title, section: nil, body: paperBody(report, context),
                context: context, app: self))
    }

    func paperReport(_ paper: Paper) async throws -> PaperReport {
        var watch = Stopwatch()
        let space = try await space()
        let spaceTime = watch.lap()
        var related: [DigestReport.RelatedEntry] = []
        var topic: TopicReference?
        var relatedTime = 0.0
        if let space, let row = space.row(of: paper.id) {
            let queries = RelatedQueries(space: space, store: store)
            let found =
                try relatedIndex(for: space).map { try queries.related(to: paper.id, index: $0) }
                ?? queries.related(to: paper.id, top: Self.relatedCount)
            relatedTime = watch.lap()
            let papers = try store.papers(ids: found.items.map(\.id))
            related = found.items.compactMap { item in
                papers[item.id].map {
                    DigestReport.RelatedEntry(
                        paper: PaperReference($0), score: Double(item.score), sharedTerms: item.sharedTerms.map(\.term))
                }
            }
            topic = space.topic(ofRow: row).map { TopicReference(id: $0.id, name: $0.name) }
        }
        let provenance = ReportProvenance(
            generatedAt: Timestamp.now, generator: PaperRadarVersion.generator, paperCount: space?.count ?? 0,
            modelHash: space?.modelHash ?? "none", topicsHash: space?.topics?.hash,
            settings: [.init(name: "related", value: "top \(Self.relatedCount), score = 0.9·LSA cosine + 0.1·TF-IDF cosine")])
        let extras = PaperReport.Extras(
            tldr: paper.extras.tldr, translatedTitle: paper.extras.translatedTitle,
            translatedAbstract: paper.extras.translatedAbstract,
            notes: paper.extras.notes.map { .init(heading: $0.heading, text: $0.text) },
            announceType: paper.extras.announceType, comment: paper.extras.comment)
        let report = PaperReport(
            provenance: provenance, paper: PaperReference(paper), abstract: paper.abstract, version: paper.version,
            codeURL: paper.codeURL, tags: paper.tags, extras: extras, topic: topic,
            digests: try store.digests(listing: paper.id).map {
                .init(id: $0.id, file: URL(fileURLWithPath: $0.path).lastPathComponent, date: $0.date)
            }, related: related, rating: try ratings()[paper.id] ?? PaperReport.Rating())
        logger.debug(
            "paper report",
            metadata: [
                "id": "\(paper.id)", "space_ms": "\(Self.milliseconds(spaceTime))",
                "related_ms": "\(Self.milliseconds(relatedTime))", "rest_ms": "\(Self.milliseconds(watch.lap()))",
            ])
        return report
    }

    private func paperBody(_ report: PaperReport, _ context: WebContext) -> Markup {
        let paper = report.paper
        var body = HTMLParts.header(kind: "Paper", title: paper.title.isEmpty ? paper.id : paper.title, lede: nil)
        var meta = [paper.id.singleLine + (report.version.map { "v\($0)" } ?? "")]
        if let date = paper.date { meta.append(date.singleLine) }
        let categories = paper.categories.map(\.singleLine).filter { !$0.isEmpty }
        if !categories.isEmpty { meta.append(categories.joined(separator: ", ")) }
        body += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
        let authors = paper.authors.map(\.singleLine).filter { !$0.isEmpty }
        if !authors.isEmpty { body += "<p>\(authors.joined(separator: ", "))</p>\n" }
        var links: [Markup] = ["<a href=\"\(ArxivLink.abstract(paper.id))\">arXiv page</a>"]
        if let code = report.codeURL, let url = URL(string: code), url.scheme == "https" || url.scheme == "http" {
            links.append("<a href=\"\(code)\" rel=\"noopener noreferrer\">code</a>")
        }
        links.append("<a href=\"/search?like=\(FormFields.encode(paper.id))\">More like this</a>")
        if let topic = report.topic { links.append("<a href=\"/topics/\(topic.id)\">topic: \(topic.name.singleLine)</a>") }
        body += "<p>\(links.joined(separator: " · "))</p>\n"
        body += "<article class=\"paper\" id=\"paper-\(RatingButtons.anchor(paper.id))\">"
        body += RatingButtons.form(
            id: paper.id, rating: report.rating, returnTo: PaperLinks.paper(paper.id), context: context)
        body += "</article>\n"

        var abstract = Markup()
        if report.abstract.isEmpty {
            abstract += HTMLParts.empty("No English abstract yet: the digests gave the title only.")
        } else {
            for paragraph in report.abstract.components(separatedBy: "\n\n") { abstract += "<p>\(paragraph)</p>\n" }
        }
        body += HTMLParts.section(id: "abstract", heading: "Abstract", abstract)

        let extras = report.extras
        var extraMarkup = Markup()
        if let tldr = extras.tldr { extraMarkup += "<p><b>TL;DR</b> \(tldr)</p>\n" }
        for note in extras.notes { extraMarkup += "<p><b>\(note.heading.singleLine)</b> \(note.text)</p>\n" }
        if let comment = extras.comment { extraMarkup += "<p class=\"meta\">Comment: \(comment)</p>\n" }
        if let type = extras.announceType { extraMarkup += "<p class=\"meta\">Announced as: \(type.singleLine)</p>\n" }
        if extras.translatedTitle != nil || extras.translatedAbstract != nil {
            extraMarkup += "<details><summary>Translation</summary>\n"
            if let title = extras.translatedTitle { extraMarkup += "<p><b>\(title)</b></p>\n" }
            if let text = extras.translatedAbstract { extraMarkup += "<p class=\"abstract\">\(text)</p>\n" }
            extraMarkup += "</details>\n"
        }
        if !report.tags.isEmpty { extraMarkup += "<p class=\"meta\">Filed under: \(report.tags.joined(separator: ", "))</p>\n" }
        if !extraMarkup.isEmpty { body += HTMLParts.section(id: "extras", heading: "From the digests", extraMarkup) }

        var related = Markup()
        if report.related.isEmpty {
            related += HTMLParts.empty(
                report.provenance.modelHash == "none"
                    ? "Related papers need a fitted model: run `paperradar fit`." : "No related papers found.")
        } else {
            related += HTMLParts.relatedList(report.related, decoration)
            related += "<p><a href=\"/search?like=\(FormFields.encode(paper.id))\">More like this →</a></p>\n"
        }
        body += HTMLParts.section(id: "related", heading: "Related papers", related)

        if !report.digests.isEmpty {
            body += HTMLParts.section(
                id: "digests", heading: "In digests",
                "<ul>\(report.digests.map { "<li><a href=\"\(PaperLinks.digest($0.id))\">\($0.file.singleLine)</a> \($0.date ?? "")</li>" as Markup })</ul>\n")
        }
        return body
    }

    /// Papers link to their page in the app; nothing is added to cards.
    var decoration: HTMLDecoration {
        HTMLDecoration(paperLink: { PaperLinks.paper($0) }, paperActions: { _ in Markup() })
    }
}
