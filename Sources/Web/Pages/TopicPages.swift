import Foundation
import Hummingbird
import PaperRadarCore
import Pipeline
import Reports

extension WebApp {
    /// `/topics`: the topic report (map, growth, terms), each topic linking to its papers.
    func topicsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let space = try await requireSpace()
        let report = try topicReport(space)
        if context.wantsJSON { return WebResponses.json(report.rendered(as: .json)) }
        let decoration = HTMLDecoration(
            paperLink: { PaperLinks.paper($0) }, paperActions: { _ in Markup() },
            topicActions: { "<p><a href=\"/topics/\($0)\">All papers of this topic →</a></p>\n" })
        return WebResponses.html(
            PageLayout.page(
                title: "Topics", section: .topics, body: report.htmlBody(decoration), context: context, app: self))
    }

    private func topicReport(_ space: VectorSpace) throws -> TopicReport {
        let key = Self.key(of: space)
        if let cached = topicReportCache.withLock({ $0 }), cached.key == key { return cached.report }
        do {
            let report = try ReportBuilder(space: space, store: store).topicReport()
            topicReportCache.withLock { $0 = (key, report) }
            return report
        } catch let error as PipelineError {
            throw WebRefusal(.serviceUnavailable, "No topics yet", error.message)
        }
    }

    /// `/topics/<id>?page=N`: one topic's papers, most central first, a page at a time.
    func topicPage(_ request: Request, _ context: WebContext, id raw: String) async throws -> Response {
        let space = try await requireSpace()
        guard let id = Int(raw), let topics = space.topics, let topic = topics.model.topic(id: id) else {
            throw WebRefusal(.notFound, "No such topic", "There is no topic \(raw): see the topics page for them.")
        }
        let page = max(1, context.query.trimmed("page").flatMap(Int.init) ?? 1)
        let size = configuration.pageSize
        let rows = topics.topicOfRow.indices.filter { topics.topicOfRow[$0] == id }
            .sorted { (topics.similarityOfRow[$0], $1) > (topics.similarityOfRow[$1], $0) }
        let shown = Array(rows.dropFirst((page - 1) * size).prefix(size))
        let papers = try store.papers(ids: shown.map { space.ids[$0] })
        let report = TopicPapersReport(
            provenance: ReportProvenance(
                generatedAt: Timestamp.now, generator: PaperRadarVersion.generator, paperCount: space.count,
                modelHash: space.modelHash, topicsHash: topics.hash,
                settings: [.init(name: "order", value: "cosine to the topic's centroid, highest first")]),
            topic: TopicReference(id: topic.id, name: topic.name), size: rows.count,
            topTerms: space.tfidf.readableTerms(
                topic.topTerms, in: papers.values.flatMap { [$0.title, $0.abstract] }),
            offset: (page - 1) * size + 1,
            hasMore: rows.count > page * size,
            papers: shown.compactMap { row in
                papers[space.ids[row]].map {
                    TopicPapersReport.Entry(paper: PaperReference($0), similarity: Double(topics.similarityOfRow[row]))
                }
            })
        if context.wantsJSON { return WebResponses.json(report.json) }
        var body = HTMLParts.header(
            kind: "Topic \(topic.id)", title: topic.name,
            lede: "\(NumberFormat.grouped(report.size)) papers, most central first.")
        body += HTMLParts.terms(report.topTerms)
        if report.papers.isEmpty {
            body += HTMLParts.empty("No papers on this page.")
        } else {
            let ratings = try ratings()
            let path = "/topics/\(topic.id)" + (page > 1 ? "?page=\(page)" : "")
            body += "<ol class=\"papers\" start=\"\(report.offset)\">\n"
            for (index, entry) in report.papers.enumerated() {
                let paper = entry.paper
                body += """
                    <li class="paper"><p class="title"><span class="rank">\(report.offset + index).</span>\
                    \(HTMLParts.paperLink(id: paper.id, title: paper.title, decoration))\
                    <span class="badge score">\(NumberFormat.fixed(entry.similarity, decimals: 2))</span></p>
                    """
                var meta = [paper.id.singleLine]
                let authors = HTMLParts.authors(paper.authors)
                if !authors.isEmpty { meta.append(authors) }
                if let date = paper.date { meta.append(date.singleLine) }
                body += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
                body += RatingButtons.form(
                    id: paper.id, rating: ArxivID(paper.id).flatMap { ratings[$0] } ?? PaperReport.Rating(),
                    returnTo: path, context: context)
                body += "</li>\n"
            }
            body += "</ol>\n"
        }
        var pager: Markup = "<nav class=\"pager\" aria-label=\"Pages\">"
        if page > 1 { pager += "<a href=\"/topics/\(topic.id)?page=\(page - 1)\" rel=\"prev\">← Previous</a>" }
        if report.hasMore { pager += "<a href=\"/topics/\(topic.id)?page=\(page + 1)\" rel=\"next\">Next →</a>" }
        pager += "</nav>\n<p><a href=\"/topics\">All topics</a></p>\n"
        body += pager
        return WebResponses.html(
            PageLayout.page(title: topic.name, section: .topics, body: body, context: context, app: self))
    }
}
