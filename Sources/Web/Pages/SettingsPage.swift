import Foundation
import Hummingbird
import PaperRadarCore
import Pipeline
import Recommendation
import Reports
import Store

extension WebApp {
    /// The fields of the settings form, each one key of a profile file.
    struct SettingsForm {
        var must = ""
        var boost = ""
        var mute = ""
        var boostWeight = ""
        var authors = ""
        var muteTopics = ""
        var minScore = ""
        var seenDays = ""
        var top = ""

        init() {}

        init(_ profile: ReadingProfile) {
            must = profile.mustKeywords.map(\.text).joined(separator: "\n")
            boost = profile.boostKeywords.map(\.text).joined(separator: "\n")
            mute = profile.muteKeywords.map(\.text).joined(separator: "\n")
            boostWeight = profile.boostWeight == ReadingProfile.defaultBoostWeight ? "" : "\(profile.boostWeight)"
            authors = profile.authors.joined(separator: "\n")
            muteTopics = profile.muteTopics.map { selector -> String in
                switch selector {
                case .id(let id): String(id)
                case .name(let name): name
                }
            }.joined(separator: "\n")
            minScore = profile.minScore.map { "\($0)" } ?? ""
            seenDays = profile.seenDays.map(String.init) ?? ""
            top = profile.top.map(String.init) ?? ""
        }

        init(_ fields: FormFields) {
            must = fields["must"] ?? ""
            boost = fields["boost"] ?? ""
            mute = fields["mute"] ?? ""
            boostWeight = fields["boost_weight"] ?? ""
            authors = fields["authors"] ?? ""
            muteTopics = fields["mute_topics"] ?? ""
            minScore = fields["min_score"] ?? ""
            seenDays = fields["seen_days"] ?? ""
            top = fields["top"] ?? ""
        }

        /// The form as the settings of a profile file, so that it is checked by the same parser with the same
        /// messages: lists one entry a line, numbers as written when they read as numbers (else as strings, which
        /// the parser refuses with its message).
        var toml: String {
            var lines: [String] = []
            func list(_ text: String) -> [String] {
                text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            }
            func number(_ text: String) -> String {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                let isNumber = !trimmed.isEmpty && trimmed.count <= 24
                    && trimmed.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }
                    && Double(trimmed) != nil
                return isNumber ? trimmed : TOML.quoted(trimmed)
            }
            let authorList = list(authors)
            if !authorList.isEmpty { lines.append("authors = " + TOML.array(authorList)) }
            let topics = list(muteTopics).map { Int($0) != nil ? $0 : TOML.quoted($0) }
            if !topics.isEmpty { lines.append("mute_topics = [" + topics.joined(separator: ", ") + "]") }
            if !minScore.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("min_score = " + number(minScore)) }
            if !seenDays.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("seen_days = " + number(seenDays)) }
            if !top.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("top = " + number(top)) }
            lines.append("[keywords]")
            for (key, text) in [("must", must), ("boost", boost), ("mute", mute)] where !list(text).isEmpty {
                lines.append("\(key) = " + TOML.array(list(text)))
            }
            if !boostWeight.trimmingCharacters(in: .whitespaces).isEmpty {
                lines.append("boost_weight = " + number(boostWeight))
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// `GET /settings`: the rules of the reading list and the profile's ratings.
    func settingsPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let profile = try profile()
        if context.wantsJSON { return WebResponses.json(try profileReport().json) }
        let notice = context.query["saved"] == "1" ? "Settings saved: the reading list uses them now." : nil
        return try await settingsHTML(SettingsForm(profile), error: nil, notice: notice, context: context)
    }

    /// `POST /settings`: checks the form as a profile file is checked and stores it, or shows it again with the
    /// message (422).
    func saveSettings(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = SettingsForm(context.form)
        do {
            let parsed = try ReadingProfile.settings(parsing: form.toml)
            if !parsed.muteTopics.isEmpty, let space = try await space() {
                do {
                    _ = try ReadingLists.resolve(parsed.muteTopics, in: space.topics?.model, profileFile: "settings")
                } catch let error as PipelineError {
                    throw ReadingProfileError(line: nil, key: "mute_topics", message: error.message)
                }
            }
            try profiles.saveSettings(form.toml, profile: profileName)
        } catch let error as ReadingProfileError {
            if context.wantsJSON { throw WebRefusal(.unprocessableContent, "Invalid settings", error.message) }
            return try await settingsHTML(form, error: error, notice: nil, context: context, status: .unprocessableContent)
        }
        if context.wantsJSON { return WebResponses.json(try profileReport().json) }
        return WebResponses.redirect(to: "/settings?saved=1")
    }

    /// The stored profile as the settings page's JSON.
    func profileReport() throws -> ProfileReport {
        let stored = try store.storedProfile(named: profileName)
        let ratings = stored?.ratings ?? []
        let titles = try store.papers(ids: ratings.map(\.paperID))
        func rated(_ kind: RatingKind) -> [ProfileReport.RatedPaper] {
            ratings.filter { $0.kind == kind }.map {
                .init(id: $0.paperID.rawValue, title: titles[$0.paperID]?.title, ratedAt: $0.ratedAt)
            }
        }
        let profile = try profile()
        return ProfileReport(
            name: profileName, revision: stored?.revision ?? 0, liked: rated(.like), disliked: rated(.dislike),
            saved: rated(.save),
            likedTexts: (stored?.likedTexts ?? []).map { .init(title: $0.title, source: $0.source) },
            settings: profile.settingsTOML, rules: profile.ruleDescriptions)
    }

    private func settingsHTML(
        _ form: SettingsForm, error: ReadingProfileError?, notice: String?, context: WebContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let report = try profileReport()
        var body = HTMLParts.header(
            kind: "Settings", title: "Reading list settings",
            lede: "Profile \(profileName): \(report.liked.count) liked, \(report.disliked.count) disliked, \(report.saved.count) saved, \(report.likedTexts.count) liked texts.")
        if let notice { body += "<p class=\"notice\" role=\"status\">\(notice)</p>\n" }
        if let error { body += "<p class=\"error\" role=\"alert\">\(error.message)</p>\n" }
        let invalid = error?.key ?? ""
        func field(_ name: String, _ label: String, _ value: String, hint: String, multiline: Bool, key: String) -> Markup {
            let state: Markup = invalid == key || invalid.hasPrefix(key + ".") || (key.hasPrefix("keywords.") && invalid == "keywords")
                ? " invalid" : ""
            var markup: Markup = "<div class=\"field\(state)\"><label for=\"\(name)\">\(label)</label>"
            if multiline {
                markup += "<textarea id=\"\(name)\" name=\"\(name)\" rows=\"3\">\(value)</textarea>"
            } else {
                markup += "<input type=\"text\" id=\"\(name)\" name=\"\(name)\" value=\"\(value)\" size=\"8\">"
            }
            markup += "<p class=\"hint\">\(hint)</p></div>\n"
            return markup
        }
        var topicsHint = "Topic names (as the topics page shows them) or numbers, one a line."
        if let topics = try await space()?.topics?.model.topics, !topics.isEmpty {
            topicsHint += " Topics now: " + topics.sorted { $0.id < $1.id }.map { "\($0.id) \($0.name)" }.joined(separator: "; ")
        }
        var markup: Markup = "<form method=\"post\" action=\"/settings\">\(PageLayout.csrfField(context))\n"
        markup += "<h2>Keywords</h2>\n<p class=\"muted\">Whole words, case-insensitive, no stemming; \"a phrase\" matches its words in order; agent* matches agent, agents, agentic.</p>\n"
        markup += field("must", "Must have (every one)", form.must, hint: "One keyword or phrase a line.", multiline: true, key: "keywords.must")
        markup += field("boost", "Boost", form.boost, hint: "Each one a paper has raises its score.", multiline: true, key: "keywords.boost")
        markup += field("mute", "Mute", form.mute, hint: "Papers with any of these are left out.", multiline: true, key: "keywords.mute")
        markup += field("boost_weight", "Boost weight", form.boostWeight, hint: "Above 0, at most 10 (default 1.0).", multiline: false, key: "keywords.boost_weight")
        markup += "<h2>Authors and topics</h2>\n"
        markup += field("authors", "Pinned authors", form.authors, hint: "Full names, one a line: their papers are boosted.", multiline: true, key: "authors")
        markup += field("mute_topics", "Muted topics", form.muteTopics, hint: topicsHint, multiline: true, key: "mute_topics")
        markup += "<h2>List</h2>\n"
        markup += field("min_score", "Minimum score", form.minScore, hint: "0 to 1: items scoring less are dropped.", multiline: false, key: "min_score")
        markup += field("seen_days", "Seen window (days)", form.seenDays, hint: "Papers older than this before the newest stored paper count as seen.", multiline: false, key: "seen_days")
        markup += field("top", "List length", form.top, hint: "1 to 1000 (default 50).", multiline: false, key: "top")
        markup += "<p><button type=\"submit\">Save settings</button></p>\n</form>\n"
        body += markup
        var ratings: Markup = """
            <p>Rate papers with the buttons on every page, or from a terminal with <code>paperradar like ID…</code>, \
            <code>dislike</code>, <code>unrate</code>. <a href="/profile.toml">Download this profile</a> as a profile \
            file (<code>paperradar profile import</code> reads it back, and BibTeX or Zotero libraries too).</p>

            """
        if !report.liked.isEmpty {
            ratings += "<p class=\"sub\">Liked</p><ul class=\"related\">"
            for paper in report.liked.reversed() {
                ratings += "<li>\(HTMLParts.paperLink(id: paper.id, title: paper.title ?? paper.id, decoration)) <span class=\"meta\">\(paper.ratedAt)</span></li>"
            }
            ratings += "</ul>\n"
        }
        if !report.disliked.isEmpty {
            ratings += "<p class=\"sub\">Disliked</p><ul class=\"related\">"
            for paper in report.disliked.reversed() {
                ratings += "<li>\(HTMLParts.paperLink(id: paper.id, title: paper.title ?? paper.id, decoration)) <span class=\"meta\">\(paper.ratedAt)</span></li>"
            }
            ratings += "</ul>\n"
        }
        if !report.likedTexts.isEmpty {
            ratings += "<p class=\"sub\">Liked texts</p><ul class=\"related\">"
            for text in report.likedTexts { ratings += "<li>\(text.title) <span class=\"meta\">from \(text.source)</span></li>" }
            ratings += "</ul>\n"
        }
        body += HTMLParts.section(id: "ratings", heading: "Ratings", ratings)
        return WebResponses.html(
            PageLayout.page(title: "Settings", section: .settings, body: body, context: context, app: self),
            status: status)
    }

    /// `/profile.toml`: the stored profile as a profile file.
    func profileFile(_ request: Request, _ context: WebContext) async throws -> Response {
        do {
            var response = WebResponses.text(
                try profiles.exportText(named: profileName), contentType: "application/toml; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"\(profileName).toml\""
            return response
        } catch let error as PipelineError {
            throw WebRefusal(.notFound, "Nothing to download", error.message)
        }
    }
}
