import Foundation
import PaperRadarCore
import Store
import Testing

@testable import Web

/// The app in this process, driven over HTTP: pages and JSON, ratings, settings, and every refusal.
@Suite(.serialized) struct WebAppTests {
    @Test func everyPageAnswersInHTMLAndJSON() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let browser = server.browser()
        let pages: [(path: String, kind: String)] = [
            ("/", "digest-list"), ("/digests/1", "digest-report"), ("/paper/2611.01001", "paper"),
            ("/search?q=retrieval", "search-results"), ("/search?like=2611.02001", "search-results"),
            ("/topics", "topic-report"), ("/settings", "profile"),
        ]
        for page in pages {
            let html = try await browser.get(page.path)
            #expect(html.status == 200, "\(page.path): \(html.body.prefix(300))")
            #expect(html.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(html.body.hasPrefix("<!DOCTYPE html>"))
            #expect(html.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            #expect(html.header("X-Content-Type-Options") == "nosniff")
            let json = try await browser.get(page.path + (page.path.contains("?") ? "&" : "?") + "format=json")
            #expect(json.status == 200, "\(page.path) JSON")
            #expect(json.json?["kind"] as? String == page.kind, "\(page.path)")
            let accepted = try await browser.get(page.path, headers: ["Accept": "application/json"])
            #expect(accepted.json?["kind"] as? String == page.kind, "\(page.path) with Accept")
        }
        let topic = try await browser.get("/topics?format=json")
        let topicID = try #require(((topic.json?["topics"] as? [[String: Any]])?.first?["id"]) as? Int)
        let papers = try await browser.get("/topics/\(topicID)?format=json")
        #expect(papers.json?["kind"] as? String == "topic-papers")
        #expect((papers.json?["papers"] as? [Any])?.count == 5, "paged by the page size")
        #expect(papers.json?["hasMore"] as? Bool == true)
        let health = try await browser.get("/healthz")
        #expect(health.json?["status"] as? String == "ok" && health.json?["papers"] as? Int == 41)
        let feed = try await browser.get("/digests.atom")
        #expect(feed.header("Content-Type")?.hasPrefix("application/atom+xml") == true)
        #expect(feed.body.components(separatedBy: "rel=\"self\"").count == 2, "exactly one self link")
        #expect(feed.body.contains("/digests.atom"))
    }

    @Test func ratingsChangeTheReadingListAndItExplainsItself() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let browser = server.browser()
        _ = try await browser.get("/digests/1")
        let empty = try await browser.get("/reading-list")
        #expect(empty.status == 200 && empty.body.contains("Nothing liked yet"))
        #expect(try await browser.get("/reading-list?format=json").status == 409)
        for number in 1...3 {
            let liked = try await browser.post(
                "/rate",
                form: [
                    ("csrf", browser.csrf), ("id", ThemePapers.id(theme: 3, number).rawValue), ("action", "like"),
                    ("return", "/digests/1"),
                ])
            #expect(liked.status == 303)
            #expect(liked.header("Location")?.hasPrefix("/digests/1") == true)
        }
        let list = try await browser.get("/reading-list?format=json")
        #expect(list.status == 200)
        let items = try #require(list.json?["items"] as? [[String: Any]])
        let ids = items.compactMap { $0["id"] as? String }
        #expect(ids.prefix(4).allSatisfy { $0.hasPrefix("2611.04") }, "agents first: \(ids)")
        let why = try #require(items.first?["why"] as? [String: Any])
        #expect((why["summary"] as? String)?.hasPrefix("Closest to your liked “Agents study") == true)
        let page = try await browser.get("/reading-list")
        #expect(page.body.contains("Closest to your liked") && page.body.contains("Not interested"))

        // "Not interested" is a dislike: the paper leaves the list; JSON answers say the rating now.
        let first = try #require(ids.first)
        let dismissed = try await browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", first), ("action", "dislike")],
            headers: ["Accept": "application/json"])
        #expect(dismissed.status == 200)
        #expect(dismissed.json?["disliked"] as? Bool == true && dismissed.json?["liked"] as? Bool == false)
        let after = try await browser.get("/reading-list?format=json")
        let afterIDs = (after.json?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(!afterIDs.contains(first))
        let saved = try await browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", "2611.01005"), ("action", "save")],
            headers: ["Accept": "application/json"])
        #expect(saved.json?["saved"] as? Bool == true)
        let profile = try await browser.get("/settings?format=json")
        #expect((profile.json?["liked"] as? [Any])?.count == 3)
        #expect((profile.json?["disliked"] as? [Any])?.count == 1)
        #expect((profile.json?["saved"] as? [Any])?.count == 1)
        let stored = try #require(try server.store.storedProfile(named: "default"))
        #expect(stored.ids(.like).count == 3 && stored.ids(.dislike) == [ArxivID(first)!])
        let feed = try await browser.get("/feed.atom")
        #expect(feed.body.contains("<entry>") && feed.body.contains("/feed.atom\"/>"))
    }

    @Test func settingsAreCheckedLikeAProfileFile() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let browser = server.browser()
        _ = try await browser.get("/settings")
        let bad = try await browser.post(
            "/settings", form: [("csrf", browser.csrf), ("min_score", "2"), ("boost", "agent*")])
        #expect(bad.status == 422)
        #expect(bad.body.contains("&quot;min_score&quot; must be a number from 0 to 1"), "\(bad.body.prefix(2000))")
        #expect(bad.body.contains("agent*"), "the typed values stay in the form")
        let text = try await browser.post("/settings", form: [("csrf", browser.csrf), ("seen_days", "soon")])
        #expect(text.status == 422 && text.body.contains("found a string &quot;soon&quot;"))
        let topic = try await browser.post("/settings", form: [("csrf", browser.csrf), ("mute_topics", "no such topic")])
        #expect(topic.status == 422 && topic.body.contains("not a current topic"))
        #expect(try server.store.storedProfile(named: "default") == nil, "nothing stored from a bad form")
        let good = try await browser.post(
            "/settings",
            form: [
                ("csrf", browser.csrf), ("boost", "agent*\ntool use"), ("min_score", "0.2"), ("authors", "Ada Lovelace"),
                ("seen_days", "30"), ("top", "20"),
            ])
        #expect(good.status == 303 && good.header("Location") == "/settings?saved=1")
        let settings = try #require(try server.store.storedProfile(named: "default")?.settings)
        #expect(settings.contains("boost = [\"agent*\", \"tool use\"]") && settings.contains("min_score = 0.2"))
        let shown = try await browser.get("/settings?saved=1")
        #expect(shown.body.contains("Settings saved") && shown.body.contains("tool use"))
    }

    @Test func hostileDataIsInert() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let browser = server.browser()
        for path in ["/", "/digests/1", "/paper/2611.09999", "/search?q=retrieval+index", "/search?q=%3Cscript%3E"] {
            let page = try await browser.get(path)
            #expect(page.status == 200, "\(path)")
            #expect(!page.body.contains("<script>alert"), "\(path) has a live script")
            #expect(!page.body.contains("<img src=x"), "\(path) has a live image")
            #expect(!page.body.contains("\u{0001}"))
        }
        let paper = try await browser.get("/paper/2611.09999")
        #expect(paper.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(paper.body.contains("<details><summary>Translation</summary>"), "the translation is collapsed")
        let json = try await browser.get("/paper/2611.09999?format=json")
        let title = ((json.json?["paper"] as? [String: Any])?["title"] as? String) ?? ""
        #expect(title.contains("<script>alert(1)</script>"), "JSON keeps the exact text")
        let search = try await browser.get("/search?q=%22%3Cscript%3E%22+%22+onerror%3D")
        #expect(!search.body.contains("<script>alert") && !search.body.contains("onerror=alert(1)>"))
        let missing = try await browser.get("/paper/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        #expect(missing.status == 404 && missing.body.contains("&lt;script&gt;") && !missing.body.contains("<script>alert"))
        let digest = try await browser.get("/digests/%3Cb%3E")
        #expect(digest.status == 404 && digest.body.contains("No such digest"))
    }

    @Test func refusalsSayWhy() async throws {
        let server = try await TestServer.start(maxBodyBytes: 4096)
        defer { Task { await server.stop() } }
        let browser = server.browser()
        _ = try await browser.get("/")
        let rebinding = try await browser.get("/", headers: ["Host": "evil.example:\(server.port)"])
        #expect(rebinding.status == 403 && rebinding.body.contains("Unknown host"))
        let noToken = try await browser.post("/rate", form: [("id", "2611.01001"), ("action", "like")])
        #expect(noToken.status == 403 && noToken.body.contains("CSRF"))
        let wrongToken = try await browser.post("/rate", form: [("csrf", "x" + browser.csrf), ("id", "2611.01001"), ("action", "like")])
        #expect(wrongToken.status == 403)
        let otherSite = try await browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", "2611.01001"), ("action", "like")],
            headers: ["Origin": "http://evil.example"])
        #expect(otherSite.status == 403 && otherSite.body.contains("another site"))
        let fresh = server.browser()  // a first visit: no CSRF cookie yet, so no form can be valid
        let forged = try await fresh.post("/rate", form: [("csrf", "a-guessed-token-value-000000"), ("id", "2611.01001"), ("action", "like")])
        #expect(forged.status == 403)
        #expect(try server.store.storedProfile(named: "default") == nil, "no refused form changed anything")
        let large = try await browser.post(
            "/settings", form: [("csrf", browser.csrf), ("boost", String(repeating: "a", count: 10_000))])
        #expect(large.status == 413 && large.body.contains("too large"))
        let unknown = try await browser.get("/no/such/page")
        #expect(unknown.status == 404 && unknown.body.contains("Page not found"))
        let unknownJSON = try await browser.get("/no/such/page?format=json")
        #expect(unknownJSON.status == 404 && unknownJSON.json?["kind"] as? String == "error")
        let notAPaper = try await browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", "2611.07777"), ("action", "like")])
        #expect(notAPaper.status == 404)
        let badAction = try await browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", "2611.01001"), ("action", "delete-everything")])
        #expect(badAction.status == 400)
        let put = try await browser.client.request("PUT", "/settings", body: "")
        #expect(put.status == 405 || put.status == 403)
        let badDate = try await browser.get("/search?q=retrieval&from=yesterday")
        #expect(badDate.status == 400 && badDate.body.contains("YYYY-MM-DD"))
        let offSite = try await browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", "2611.01001"), ("action", "like"), ("return", "//evil.example/x")])
        #expect(offSite.status == 303 && offSite.header("Location") == "/paper/2611.01001", "no open redirect")
    }

    @Test func aTokenGuardsEveryRequest() async throws {
        let token = "test-token-0123456789abcdef"
        let server = try await TestServer.start(token: token)
        defer { Task { await server.stop() } }
        let browser = server.browser()
        let refused = try await browser.get("/reading-list")
        #expect(refused.status == 401 && refused.body.contains("Log in"))
        #expect(refused.body.contains("name=\"next\" value=\"/reading-list\""))
        let refusedJSON = try await browser.get("/healthz?format=json")
        #expect(refusedJSON.status == 401 && refusedJSON.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        let wrongBearer = try await browser.get("/healthz", headers: ["Authorization": "Bearer nope-nope-nope-nope"])
        #expect(wrongBearer.status == 401)
        let bearer = try await browser.get("/healthz", headers: ["Authorization": "Bearer \(token)"])
        #expect(bearer.status == 200)
        // A script with the bearer token needs no CSRF token (a browser cannot send that header on its own).
        let scripted = try await browser.post(
            "/rate", form: [("id", "2611.01001"), ("action", "like")],
            headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
        #expect(scripted.status == 200 && scripted.json?["liked"] as? Bool == true)

        _ = try await browser.get("/login")
        let wrong = try await browser.post("/login", form: [("csrf", browser.csrf), ("token", "guess"), ("next", "/topics")])
        #expect(wrong.status == 401 && wrong.body.contains("not the token"))
        let right = try await browser.post("/login", form: [("csrf", browser.csrf), ("token", token), ("next", "/topics")])
        #expect(right.status == 303 && right.header("Location") == "/topics")
        #expect(browser.cookies["paperradar_session"] != nil && browser.cookies["paperradar_session"] != token)
        #expect(try await browser.get("/reading-list").status == 200)
        let noCSRF = try await browser.post("/rate", form: [("id", "2611.01002"), ("action", "like")])
        #expect(noCSRF.status == 403, "a session cookie alone cannot change anything")
        _ = try await browser.post("/logout", form: [("csrf", browser.csrf)])
        #expect(try await browser.get("/").status == 401)
    }
}
