import Foundation
import Testing

/// `paperradar serve`, the rating verbs, `search` and `profile`, run as a user would: the real binary on a free
/// port, driven over HTTP.
@Suite(.serialized) struct ServeCommandTests {
    static let hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)> \"quotes\" & 'apostrophes' ]]> 🚀 数据"

    /// A store holding the example digests and one paper with hostile text, fitted with 3 topics.
    static func fittedStore(_ cli: CLI) throws {
        #expect(try cli.run("ingest", CLI.repositoryRoot.appendingPathComponent("scripts/examples").path).status == 0)
        let line: [String: Any] = [
            "id": "2611.09901", "title": "Retrieval notes " + hostile, "abstract": "Retrieval of passages. " + hostile,
            "authors": [hostile], "categories": ["cs.IR"], "date": "2026-11-10",
        ]
        let data = try JSONSerialization.data(withJSONObject: line)
        let file = try cli.write("hostile.jsonl", String(decoding: data, as: UTF8.self) + "\n")
        #expect(try cli.run("import", file).status == 0)
        let fit = try cli.run("fit", "--k", "3")
        #expect(fit.status == 0, "\(fit.stderr)")
    }

    @Test func everyPageFormAndRatingOverHTTP() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try Self.fittedStore(cli)
        let server = try Server(cli, [])
        defer { server.stop() }
        let browser = server.browser()

        for (path, kind) in [
            ("/", "digest-list"), ("/digests/1", "digest-report"), ("/paper/2611.09901", "paper"),
            ("/search?q=retrieval", "search-results"), ("/topics", "topic-report"), ("/settings", "profile"),
        ] {
            let page = try browser.get(path)
            #expect(page.status == 200, "\(path): \(page.body.prefix(500))")
            #expect(page.body.contains("<nav class=\"top\""), "\(path)")
            let json = try browser.get(path + (path.contains("?") ? "&" : "?") + "format=json")
            #expect(json.json?["kind"] as? String == kind, "\(path)")
        }
        #expect(try browser.get("/healthz").json?["status"] as? String == "ok")
        #expect(try browser.get("/digests.atom").body.contains("<link rel=\"self\""))
        #expect(try browser.get("/no-such-page").status == 404)

        // Hostile text is inert in every page that shows it.
        for path in ["/paper/2611.09901", "/search?q=retrieval+notes", "/search?q=%3Cscript%3E"] {
            let page = try browser.get(path)
            #expect(!page.body.contains("<script>alert") && !page.body.contains("<img src=x"), "\(path)")
        }
        #expect(try browser.get("/paper/2611.09901").body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

        // Like three papers of the first digest: the reading list appears and explains itself.
        #expect(try browser.get("/reading-list?format=json").status == 409)
        let digest = try browser.get("/digests/1?format=json").json
        let ids = ((digest?["entries"] as? [[String: Any]]) ?? []).compactMap { ($0["paper"] as? [String: Any])?["id"] as? String }
        #expect(ids.count >= 4)
        for id in ids.prefix(3) {
            let rated = try browser.post(
                "/rate", form: [("csrf", browser.csrf), ("id", id), ("action", "like"), ("return", "/digests/1")])
            #expect(rated.status == 303 && rated.header("Location")?.hasPrefix("/digests/1") == true)
        }
        let list = try browser.get("/reading-list?format=json")
        #expect(list.status == 200, "\(list.body.prefix(400))")
        let items = (list.json?["items"] as? [[String: Any]]) ?? []
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { !ids.prefix(3).contains($0["id"] as? String ?? "") })
        let summary = ((items.first?["why"] as? [String: Any])?["summary"] as? String) ?? ""
        #expect(summary.hasPrefix("Closest to your liked"), "\(summary)")
        let page = try browser.get("/reading-list")
        #expect(page.body.contains("Not interested") && page.body.contains("Closest liked papers"))
        let first = try #require(items.first?["id"] as? String)
        let dismissed = try browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", first), ("action", "dislike")],
            headers: ["Accept": "application/json"])
        #expect(dismissed.json?["disliked"] as? Bool == true)
        let after = (try browser.get("/reading-list?format=json").json?["items"] as? [[String: Any]]) ?? []
        #expect(!after.contains { $0["id"] as? String == first })
        #expect(try browser.get("/feed.atom").body.contains("<entry>"))

        // The CLI reads the same stored profile.
        let cliList = try cli.run("reading-list", "--format", "json", "--top", "5")
        #expect(cliList.status == 0, "\(cliList.stderr)")
        #expect(cliList.stdout.contains("\"file\" : \"profile default\""))
        let exported = try cli.run("profile", "export", "-")
        #expect(exported.status == 0 && ids.prefix(3).allSatisfy { exported.stdout.contains($0) })
        #expect(exported.stdout.contains("disliked = [\"\(first)\"]"))

        // Settings: the profile file's checks and messages.
        let bad = try browser.post("/settings", form: [("csrf", browser.csrf), ("min_score", "1.5")])
        #expect(bad.status == 422 && bad.body.contains("must be a number from 0 to 1"))
        let good = try browser.post("/settings", form: [("csrf", browser.csrf), ("boost", "retrieval"), ("top", "7")])
        #expect(good.status == 303)
        #expect((try browser.get("/reading-list?format=json").json?["items"] as? [Any])?.count == 7)

        // Refusals: no CSRF token, another site's form, a rebinding host, a large body.
        let forged = try browser.post("/rate", form: [("id", ids[3]), ("action", "like")])
        #expect(forged.status == 403 && forged.body.contains("Form expired"))
        let cross = try browser.post(
            "/rate", form: [("csrf", browser.csrf), ("id", ids[3]), ("action", "like")],
            headers: ["Origin": "http://evil.example"])
        #expect(cross.status == 403)
        #expect(try browser.get("/", headers: ["Host": "attacker.example:\(server.port)"]).status == 403)
        let large = try browser.post(
            "/settings", form: [("csrf", browser.csrf), ("boost", String(repeating: "x", count: 300_000))])
        #expect(large.status == 413)
        #expect(server.stop() == 0, "SIGTERM stops gracefully: \(server.log)")
    }

    @Test func aDigestTheDaemonProcessesShowsUpWithoutARestart() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try Self.fittedStore(cli)
        let drop = cli.workspace.appendingPathComponent("drop")
        let server = try Server(cli, ["--watch", drop.path, "--settle-ms", "50"])
        defer { server.stop() }
        let browser = server.browser()
        let before = (try browser.get("/?format=json").json?["digests"] as? [Any])?.count ?? 0
        #expect(try browser.get("/paper/2611.00101").status == 404)
        try Data(Digests.table.utf8).write(to: drop.appendingPathComponent("new-digest.md"))
        let appeared = try Server.eventually(within: 60) {
            ((try browser.get("/?format=json").json?["digests"] as? [Any])?.count ?? 0) == before + 1
        }
        #expect(appeared, "\(server.log)")
        let paper = try browser.get("/paper/2611.00101?format=json")
        #expect(paper.status == 200)
        let related = (paper.json?["related"] as? [[String: Any]]) ?? []
        #expect(related.count > 0, "the paper is in the shared space")
        let found = try browser.get("/search?q=sparse+routers&format=json")
        #expect(((found.json?["items"] as? [[String: Any]])?.first?["id"] as? String) == "2611.00101")
        #expect(FileManager.default.fileExists(atPath: drop.appendingPathComponent("reports/new-digest.md").path))
    }

    @Test func offLoopbackEveryRequestNeedsTheToken() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try Self.fittedStore(cli)
        let server = try Server(cli, ["--host", "0.0.0.0"])
        defer { server.stop() }
        let tokenFile = cli.home.appendingPathComponent("serve-token")
        let attributes = try FileManager.default.attributesOfItem(atPath: tokenFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let token = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count == 64)
        #expect(server.log.contains("serve-token") && !server.log.contains(token), "the token is not printed")
        let browser = server.browser()
        let refused = try browser.get("/reading-list")
        #expect(refused.status == 401 && refused.body.contains("Log in"))
        #expect(try browser.get("/healthz?format=json").status == 401)
        #expect(try browser.get("/healthz", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        _ = try browser.get("/login")
        let login = try browser.post("/login", form: [("csrf", browser.csrf), ("token", token), ("next", "/topics")])
        #expect(login.status == 303 && login.header("Location") == "/topics")
        #expect(try browser.get("/topics").status == 200)
        #expect(try browser.get("/", headers: ["Host": "rebound.example:\(server.port)"]).status == 403)
        server.stop()
        // The same token is used again on the next start.
        let again = try Server(cli, ["--host", "0.0.0.0"])
        defer { again.stop() }
        #expect(try again.browser().get("/healthz", headers: ["Authorization": "Bearer \(token)"]).status == 200)
    }

    @Test func ratingVerbsSearchAndProfileFiles() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try Self.fittedStore(cli)
        let search = try cli.run("search", "retrieval", "--json", "--top", "5")
        #expect(search.status == 0, "\(search.stderr)")
        let results = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any]
        #expect(results?["kind"] as? String == "search-results")
        let ids = ((results?["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        #expect(ids.count == 5)
        let text = try cli.run("search", "\"retrieval\" agent*", "--from", "2026-01-01")
        #expect(text.status == 0 && text.stdout.contains("**"), "matches in bold")
        #expect(try cli.run("search", "retrieval", "--from", "later").stderr.contains("YYYY-MM-DD"))

        #expect(try cli.run(["like"] + Array(ids.prefix(3))).stdout.contains("liked 3 papers in profile default (3 new)"))
        let unknown = try cli.run("like", "2611.07777")
        #expect(unknown.status == 0 && unknown.stderr.contains("not in the store yet"))
        #expect(try cli.run("dislike", ids[3]).status == 0)
        #expect(try cli.run("unrate", "2611.07777").stdout.contains("removed 1 rating"))
        #expect(try cli.run("like", "not-an-id").status != 0)
        let list = try cli.run("reading-list", "--profile", "default", "--format", "json")
        #expect(list.status == 0 && list.stdout.contains("\"likedCount\" : 3") && list.stdout.contains("\"dislikedCount\" : 1"))
        #expect(try cli.run("reading-list", "--profile", "nobody").stderr.contains("stored profiles: default"))

        // Export and import a profile file, a BibTeX library and a Zotero database into other profiles.
        let exported = cli.workspace.appendingPathComponent("mine.toml").path
        #expect(try cli.run("profile", "export", exported).status == 0)
        let imported = try cli.run("profile", "import", exported, "--profile", "copy")
        #expect(imported.status == 0 && imported.stdout.contains("3 arXiv ids (3 new, 3 in the store)"), "\(imported.stdout)")
        let bib = try cli.write(
            "library.bib",
            """
            @article{a, title = {Sparse Routers}, eprint = {\(ids[0])}, archivePrefix = {arXiv}}
            @article{b, title = {By DOI}, doi = {10.48550/arXiv.\(ids[1])}}
            @book{c, title = {A Book on Retrieval}, abstract = {Retrieval of passages for grounded answers.}}
            @misc{d, title = {Nothing}}
            """)
        let fromBib = try cli.run("profile", "import", bib, "--profile", "library")
        #expect(fromBib.status == 0, "\(fromBib.stderr)")
        #expect(fromBib.stdout.contains("4 entries") && fromBib.stdout.contains("2 arXiv ids (2 new, 2 in the store)"))
        #expect(fromBib.stdout.contains("liked texts: 1 without an arXiv id (1 new)") && fromBib.stdout.contains("skipped:     1"))
        let libraryList = try cli.run("reading-list", "--profile", "library", "--format", "json")
        #expect(libraryList.status == 0 && libraryList.stdout.contains("liked texts: 1"), "\(libraryList.stderr)")
        let zotero = cli.workspace.appendingPathComponent("zotero.sqlite").path
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        made.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript('''
            CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT);
            CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT, key TEXT);
            CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT);
            CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value);
            CREATE TABLE itemData (itemID INT, fieldID INT, valueID INT);
            INSERT INTO itemTypes VALUES (1, 'journalArticle'), (2, 'attachment');
            INSERT INTO fields VALUES (1, 'title'), (2, 'abstractNote'), (3, 'extra');
            INSERT INTO items VALUES (1, 1, 'A'), (2, 1, 'B'), (3, 2, 'C');
            INSERT INTO itemDataValues VALUES (1, 'Liked in Zotero'), (2, 'arXiv: \(ids[2])'), (3, 'A Text Only'),
                (4, 'Agents plan with tools in web environments.'), (5, 'file.pdf');
            INSERT INTO itemData VALUES (1, 1, 1), (1, 3, 2), (2, 1, 3), (2, 2, 4), (3, 1, 5);
            ''')
            db.commit()
            """, zotero,
        ]
        try made.run()
        made.waitUntilExit()
        #expect(made.terminationStatus == 0)
        let fromZotero = try cli.run("profile", "import", zotero, "--profile", "zotero")
        #expect(fromZotero.status == 0, "\(fromZotero.stderr)")
        #expect(fromZotero.stdout.contains("2 entries") && fromZotero.stdout.contains("1 arXiv ids (1 new, 1 in the store)"))
        #expect(fromZotero.stdout.contains("liked texts: 1 without an arXiv id"))
        let notZotero = try cli.write("notes.sqlite", "not a database at all")
        #expect(try cli.run("profile", "import", notZotero).stderr.contains("not a Zotero database"))
        #expect(try cli.run("profile", "import", cli.write("x.txt", "hello")).stderr.contains(".bib"))
        let watchProfile = try cli.run(["watch", cli.workspace.appendingPathComponent("drop").path, "--once", "--profile", "library"])
        #expect(watchProfile.status == 3, "a stored profile name is accepted by watch: \(watchProfile.stderr)")
    }
}
