import Foundation
import Hummingbird
import PaperRadarCore
import Pipeline
import Reports

extension WebApp {
    /// `/search?q=…&from=…&to=…&category=…&topic=…&page=…`, or `?like=<id>` for "more like this": keyword and
    /// semantic matches blended, each saying why it matched.
    func searchPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = context.query
        let text = query.trimmed("q") ?? ""
        let like = query.trimmed("like")
        let filters = SearchFilters(
            from: query.trimmed("from"), to: query.trimmed("to"), category: query.trimmed("category"),
            topic: try query.trimmed("topic").map { value in
                guard let id = Int(value) else {
                    throw WebRefusal(.badRequest, "Not a topic", "“\(value)” is not a topic number.")
                }
                return id
            })
        let page = max(1, query.trimmed("page").flatMap(Int.init) ?? 1)
        guard page <= 200 else { throw WebRefusal(.badRequest, "Too far", "Results are paged up to page 200.") }
        let limit = configuration.pageSize
        let space = try await space()
        guard !text.isEmpty || like != nil else {
            if context.wantsJSON {
                throw WebRefusal(.badRequest, "Nothing to search for", "Give a query: /search?q=words&format=json")
            }
            return searchHTML(nil, text: text, filters: filters, space: space, error: nil, context: context)
        }
        guard let space else { throw WebApp.noModel }
        let search = PaperSearch(space: space, store: store)
        let report: SearchReport
        do {
            if let like {
                guard let id = ArxivID.parse(like)?.id else {
                    throw WebRefusal(.badRequest, "Not an arXiv id", "“\(like)” is not an arXiv id.")
                }
                report = try search.moreLike(id, filters: filters, offset: (page - 1) * limit, limit: limit)
            } else {
                report = try search.search(text, filters: filters, offset: (page - 1) * limit, limit: limit)
            }
        } catch let error as PipelineError {
            if context.wantsJSON { throw WebRefusal(.badRequest, "Cannot search", error.message) }
            return searchHTML(
                nil, text: text, filters: filters, space: space, error: error.message, context: context,
                status: .badRequest)
        }
        if context.wantsJSON { return WebResponses.json(report.rendered(as: .json)) }
        return searchHTML(report, text: text, filters: filters, space: space, error: nil, context: context, like: like, page: page)
    }

    private func searchHTML(
        _ report: SearchReport?, text: String, filters: SearchFilters, space: VectorSpace?, error: String?,
        context: WebContext, status: HTTPResponse.Status = .ok, like: String? = nil, page: Int = 1
    ) -> Response {
        var body = HTMLParts.header(
            kind: "Search", title: report.map { like == nil ? "Search: \($0.query)" : $0.query } ?? "Search",
            lede: "Keywords in titles and abstracts (\"quoted phrases\", prefixes like agent*), blended with papers close in meaning.")
        var form: Markup = "<form class=\"filters\" method=\"get\" action=\"/search\">"
        if let like { form += "<input type=\"hidden\" name=\"like\" value=\"\(like)\">" }
        form += """
            <div><label for="q">Query</label><input type="search" id="q" name="q" value="\(text)" size="32"></div>\
            <div><label for="from">From</label><input type="date" id="from" name="from" value="\(filters.from ?? "")"></div>\
            <div><label for="to">To</label><input type="date" id="to" name="to" value="\(filters.to ?? "")"></div>\
            <div><label for="category">Category</label><input type="text" id="category" name="category" \
            value="\(filters.category ?? "")" size="10" placeholder="cs.CL"></div>
            """
        if let topics = space?.topics?.model.topics, !topics.isEmpty {
            form += "<div><label for=\"topic\">Topic</label><select id=\"topic\" name=\"topic\"><option value=\"\">any</option>"
            for topic in topics.sorted(by: { $0.name < $1.name }) {
                let selected: Markup = filters.topic == topic.id ? " selected" : ""
                form += "<option value=\"\(topic.id)\"\(selected)>\(topic.name.singleLine)</option>"
            }
            form += "</select></div>"
        }
        form += "<div><button type=\"submit\">Search</button></div></form>\n"
        body += form
        if let error { body += "<p class=\"error\" role=\"alert\">\(error)</p>\n" }
        if let report {
            var summary: Markup = "<p>\(report.overviewSentence)</p>\n"
            if !report.keywords.isEmpty {
                summary += "<p class=\"meta\">Keywords: \(report.keywords.joined(separator: ", "))</p>\n"
            }
            if !report.filters.isEmpty { summary += "<p class=\"meta\">Filters: \(report.filterDescription)</p>\n" }
            body += summary
            let returnTo = "/search" + FormFields.query(searchItems(text, filters, like, page))
            body += report.htmlResults(RatingButtons.decoration(ratings: (try? ratings()) ?? [:], returnTo: returnTo, context: context))
            var pager: Markup = "<nav class=\"pager\" aria-label=\"Pages\">"
            if page > 1 {
                pager += "<a href=\"/search\(FormFields.query(searchItems(text, filters, like, page - 1)))\" rel=\"prev\">← Previous</a>"
            }
            if report.hasMore {
                pager += "<a href=\"/search\(FormFields.query(searchItems(text, filters, like, page + 1)))\" rel=\"next\">Next →</a>"
            }
            pager += "</nav>\n"
            body += pager
        }
        return WebResponses.html(
            PageLayout.page(
                title: report.map { "Search: \($0.query)" } ?? "Search", section: .search, body: body, context: context,
                app: self, query: text), status: status)
    }

    private func searchItems(_ text: String, _ filters: SearchFilters, _ like: String?, _ page: Int) -> [(String, String?)] {
        [
            ("q", text), ("like", like), ("from", filters.from), ("to", filters.to), ("category", filters.category),
            ("topic", filters.topic.map(String.init)), ("page", page > 1 ? String(page) : nil),
        ]
    }
}
