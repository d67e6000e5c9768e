import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `watch --mail-to/--on-report`, the rolling feeds, `deliveries retry` and `reading-list --mail-to`, run as a user
/// would: msmtp as the sendmail program, a real SMTP server (aiosmtpd) on loopback as the receiver, and every
/// received message parsed by Python's `email` package; the feeds read by `feedparser`.
@Suite(.serialized) struct DeliveryCommandTests {
    private func dropFolder(_ cli: CLI, with files: [URL] = DaemonCommandTests.examples) throws -> URL {
        let drop = cli.workspace.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        for file in files { try FileManager.default.copyItem(at: file, to: drop.appendingPathComponent(file.lastPathComponent)) }
        return drop
    }

    private func sha256(_ url: URL) throws -> String {
        let result = try ExternalProgram.run("/usr/bin/sha256sum", [url.path])
        return String(result.prefix { $0 != " " })
    }

    @Test func eachReportIsMailedAsOneMessageAndTheFeedsRoll() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let receiver = try MailReceiver(in: cli.workspace)
        defer { receiver.stop() }
        let drop = try dropFolder(cli)
        let hashes = try Dictionary(uniqueKeysWithValues: DaemonCommandTests.examples.map {
            ($0.deletingPathExtension().lastPathComponent, try sha256($0))
        })
        let result = try cli.run(
            [
                "watch", drop.path, "--once", "--formats", "md,html", "--mail-to", "reader@example.org, second@example.org",
                "--mail-from", "radar@example.org", "--sendmail", MailReceiver.msmtp,
                "--feed-url", "https://radar.example.org/reports/",
            ], environment: receiver.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let count = DaemonCommandTests.examples.count
        #expect(result.stdout.contains("\(count) reported, 0 duplicates, 0 failed, 0 left for retry; \(count) delivered"))
        try receiver.waitForMessages(count)
        let messages = try receiver.parsedMessages()
        #expect(messages.count == count, "one message per digest, no repeats")

        let reports = drop.appendingPathComponent("reports")
        var seenIDs = Set<String>()
        for message in messages {
            #expect(message.defects.isEmpty, "\(message.defects)")
            #expect(message.contentType == "multipart/alternative")
            #expect(message.headers["From"] == "radar@example.org")
            #expect(message.headers["To"]?.contains("reader@example.org") == true)
            #expect(message.headers["To"]?.contains("second@example.org") == true)
            #expect(message.headers["Auto-Submitted"] == "auto-generated")
            #expect(message.headers["MIME-Version"] == "1.0")
            #expect(message.headers["Date"]?.hasSuffix("+0000") == true)
            let subject = try #require(message.headers["Subject"])
            #expect(subject.hasPrefix("PaperRadar: 10 papers, 10 new") || subject.hasPrefix("PaperRadar: 12 papers"))
            #expect(subject.contains(" — digest "))
            // The Message-ID is derived from the digest's content hash.
            let messageID = try #require(message.headers["Message-ID"])
            let stem = try #require(hashes.first { messageID == "<paperradar.digest.\($0.value)@example.org>" }?.key,
                "\(messageID) names a digest's hash")
            seenIDs.insert(messageID)
            #expect(
                subject.hasSuffix("digest \(stem).md") || subject.wholeMatch(of: /.* — digest \d{4}-\d{2}-\d{2}/) != nil,
                "the subject names the digest by its date, else its file: \(subject)")

            #expect(message.parts.map(\.type) == ["text/plain", "text/html"])
            #expect(message.parts.allSatisfy { $0.charset == "utf-8" && $0.defects.isEmpty })
            let markdown = try String(contentsOf: reports.appendingPathComponent("\(stem).md"), encoding: .utf8)
            #expect(message.parts[0].content == markdown, "the text part is the Markdown report")
            let html = message.parts[1].content
            let page = try String(contentsOf: reports.appendingPathComponent("\(stem).html"), encoding: .utf8)
            let heading = try #require(page.range(of: "<h1>").map { page[$0.lowerBound...].prefix { $0 != "\n" } })
            #expect(html.contains(heading), "the HTML part is the report")
            #expect(html.contains("<svg") && html.contains("<ul class=\"chart-text\">"), "the chart has a text fallback")
        }
        #expect(seenIDs.count == count)

        // The rolling feed: every paper once, valid for feedparser, linking to itself.
        let feedPath = reports.appendingPathComponent("feed.atom").path
        let feed = try FeedValidator.parse(feedPath)
        #expect(!feed.bozo, "\(feed.problem ?? "")")
        #expect(feed.version == "atom10")
        #expect(feed.selfLink == "https://radar.example.org/reports/feed.atom")
        let feedText = try String(contentsOfFile: feedPath, encoding: .utf8)
        #expect(feedText.components(separatedBy: "rel=\"self\"").count == 2, "exactly one self link")
        #expect(feed.id == "https://radar.example.org/reports/feed.atom")
        #expect(Set(feed.entries.map(\.id)).count == feed.entries.count, "one entry per paper")
        #expect(feed.entries.count == 52, "the example digests hold 52 distinct papers")
        #expect(!FileManager.default.fileExists(atPath: reports.appendingPathComponent("reading-list.atom").path))

        // A later digest that brings a known paper again: the paper is one entry, moved to the newest digest.
        let first = DaemonCommandTests.examples[0]
        let again = try String(contentsOf: first, encoding: .utf8) + "\n<!-- the same papers, one day later -->\n"
        try Data(again.utf8).write(to: drop.appendingPathComponent("again.md"))
        let second = try cli.run(
            ["watch", drop.path, "--once", "--mail-to", "reader@example.org", "--sendmail", MailReceiver.msmtp],
            environment: receiver.environment)
        #expect(second.status == 0, "\(second.stderr)")
        try receiver.waitForMessages(count + 1)
        let rolled = try FeedValidator.parse(feedPath)
        #expect(!rolled.bozo)
        #expect(rolled.entries.count == 52, "no paper twice")
        #expect(rolled.entries.first?.summary?.contains("again.md") == true, "the newest digest comes first")
        #expect(rolled.selfLink == nil, "no --feed-url this time")

        // The status counts the deliveries.
        let status = try cli.run("status")
        #expect(status.stdout.contains("deliveries:  \(count + 1) sent, 0 pending, 0 failed"), "\(status.stdout)")

        // The reading list, mailed the same way.
        let parsed = try cli.run("parse", "--format", "jsonl", first.path)
        let liked = try #require(
            (try JSONSerialization.jsonObject(with: Data(parsed.stdout.prefix { $0 != "\n" }.utf8)) as? [String: Any])?[
                "id"] as? String)
        let profile = try cli.write("weekly.toml", "liked = [\"\(liked)\"]\ntop = 5\n")
        let list = try cli.run(
            [
                "reading-list", "--profile", profile, "--mail-to", "reader@example.org", "--mail-from",
                "radar@example.org", "--sendmail", MailReceiver.msmtp,
            ], environment: receiver.environment)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.isEmpty, "mailed, not printed")
        try receiver.waitForMessages(count + 2)
        let mailed = try #require(try receiver.parsedMessages().last)
        #expect(mailed.headers["Subject"]?.hasPrefix("PaperRadar: reading list for weekly.toml — 5 papers") == true)
        #expect(mailed.headers["Message-ID"]?.hasPrefix("<paperradar.reading-list.") == true)
        #expect(mailed.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(mailed.parts[0].content.contains("# Reading list for weekly.toml"))
    }

    @Test func aProfileAddsTheReadingListFeed() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli)
        let parsed = try cli.run("parse", "--format", "jsonl", DaemonCommandTests.examples[0].path)
        let liked = parsed.stdout.split(separator: "\n").prefix(3).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        let profile = try cli.write("profile.toml", "liked = [\(liked.map { "\"\($0)\"" }.joined(separator: ", "))]\n")
        let result = try cli.run(["watch", drop.path, "--once", "--profile", profile])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = drop.appendingPathComponent("reports")
        let feed = try FeedValidator.parse(reports.appendingPathComponent("feed.atom").path)
        let list = try FeedValidator.parse(reports.appendingPathComponent("reading-list.atom").path)
        #expect(!feed.bozo && !list.bozo, "\(feed.problem ?? "") \(list.problem ?? "")")
        #expect(list.title == "PaperRadar: reading list for profile.toml")
        #expect(!list.entries.isEmpty && list.entries.count < feed.entries.count, "picks, not everything")
        #expect(Set(list.entries.map(\.id)).isSubset(of: Set(feed.entries.map(\.id))))
        #expect(list.entries.allSatisfy { $0.summary?.contains("score ") == true })
    }

    @Test func aMissingMailerIsRetriedShownByStatusAndSentByDeliveriesRetry() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let receiver = try MailReceiver(in: cli.workspace)
        defer { receiver.stop() }
        let drop = try dropFolder(cli, with: [DaemonCommandTests.examples[0]])
        let missing = cli.workspace.appendingPathComponent("no-such-sendmail").path
        let result = try cli.run(
            ["watch", drop.path, "--once", "--mail-to", "reader@example.org", "--sendmail", missing],
            environment: receiver.environment)
        #expect(result.status == 1, "a mail left for a retry makes --once exit with 1")
        #expect(result.stdout.contains("1 reported, 0 duplicates, 0 failed, 0 left for retry; 0 delivered, 1 deliveries waiting"))
        #expect(result.stderr.contains("is not an executable file"), "warned at start")
        #expect(result.stderr.contains("does not exist"))
        let stem = DaemonCommandTests.examples[0].deletingPathExtension().lastPathComponent
        #expect(FileManager.default.fileExists(atPath: drop.appendingPathComponent("reports/\(stem).md").path))
        #expect(FileManager.default.fileExists(atPath: drop.appendingPathComponent("processed/\(stem).md").path))

        let status = try cli.run("status")
        #expect(status.stdout.contains("deliveries:  0 sent, 1 pending, 0 failed"), "\(status.stdout)")
        #expect(status.stdout.contains("pending mail for \(stem).md (1 attempts"))
        #expect(status.stdout.contains("does not exist"))
        #expect(status.stdout.contains("\(stem).md: delivering"), "the digest is not done until its mail is")

        let retried = try cli.run(["deliveries", "retry", "--sendmail", MailReceiver.msmtp], environment: receiver.environment)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("1 sent, 0 failed again"))
        try receiver.waitForMessages(1)
        let after = try cli.run("status")
        #expect(after.stdout.contains("deliveries:  1 sent, 0 pending, 0 failed"), "\(after.stdout)")
        #expect(!after.stdout.contains("in progress"))
        let list = try cli.run("deliveries", "--json")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 1 && items[0]["state"] as? String == "sent" && items[0]["attempts"] as? Int == 2)
    }

    @Test func aMailerFailingWithTempfailThreeTimesIsRetriedWithBackoffUntilItSucceeds() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let receiver = try MailReceiver(in: cli.workspace)
        defer { receiver.stop() }
        let drop = try dropFolder(cli, with: [DaemonCommandTests.examples[0]])
        #expect(try cli.run(["watch", drop.path, "--once"]).status == 0, "a store with a model")

        // A mailer that is busy (EX_TEMPFAIL) three times, then hands the message to msmtp.
        let counter = cli.workspace.appendingPathComponent("attempts")
        let script = try cli.write(
            "flaky-sendmail",
            """
            #!/bin/sh
            n=$(cat '\(counter.path)' 2>/dev/null || echo 0)
            n=$((n + 1))
            echo "$n" > '\(counter.path)'
            if [ "$n" -le 3 ]; then echo "mail server busy (attempt $n)" >&2; exit 75; fi
            exec \(MailReceiver.msmtp) "$@"

            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)

        let daemon = try LiveDaemon(
            cli,
            arguments: [
                "watch", drop.path, "--mail-to", "reader@example.org", "--sendmail", script, "--delivery-backoff", "0.2",
            ], environment: receiver.environment)
        defer { daemon.kill() }
        try daemon.waitForLog("model loaded")
        let template = try String(contentsOf: DaemonCommandTests.examples[0], encoding: .utf8)
        try Data(template.replacingOccurrences(of: "2611.", with: "2703.").utf8)
            .write(to: drop.appendingPathComponent("flaky.md"))
        try daemon.waitForLog("mailed flaky.md")
        try receiver.waitForMessages(1)
        #expect(try receiver.parsedMessages().count == 1)
        let log = daemon.log
        #expect(log.components(separatedBy: "EX_TEMPFAIL").count - 1 == 3, "three failed attempts logged:\n\(log)")
        #expect(log.contains("mail server busy (attempt 3)"), "the mailer's output is logged")
        #expect(log.contains("retry 4 of 10"))
        #expect(daemon.terminate() == 0)
        let list = try cli.run("deliveries", "--json")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 1 && items[0]["state"] as? String == "sent" && items[0]["attempts"] as? Int == 4)
    }

    @Test func aHookGetsTheReportInItsEnvironmentAndAHangingOneIsKilledAtItsTimeout() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli, with: [DaemonCommandTests.examples[0]])
        let stem = DaemonCommandTests.examples[0].deletingPathExtension().lastPathComponent
        let envFile = cli.workspace.appendingPathComponent("hook.env")
        let hook = "env | grep '^PAPERRADAR_' | sort > '\(envFile.path)'; echo hook says hello"
        let result = try cli.run(["watch", drop.path, "--once", "--formats", "md,json", "--on-report", hook])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("hook says hello"), "the hook's output is logged")
        let environment = try String(contentsOf: envFile, encoding: .utf8)
        let reports = drop.appendingPathComponent("reports").path
        #expect(environment.contains("PAPERRADAR_REPORT=\(reports)/\(stem).md\n"))
        #expect(environment.contains("PAPERRADAR_REPORT_MD=\(reports)/\(stem).md\n"))
        #expect(environment.contains("PAPERRADAR_REPORT_JSON=\(reports)/\(stem).json\n"))
        #expect(environment.contains("PAPERRADAR_DIGEST=\(stem).md\n"))
        #expect(environment.contains("PAPERRADAR_DIGEST_FILE=\(drop.path)/processed/\(stem).md\n"))
        #expect(environment.contains("PAPERRADAR_PAPERS=10\n") && environment.contains("PAPERRADAR_NEW=10\n"))
        #expect(environment.contains("PAPERRADAR_FEED=\(reports)/feed.atom\n"))

        // A hook that hangs: killed at its timeout with everything it started; the digest is reported all the same.
        let pidFile = cli.workspace.appendingPathComponent("hook.pid")
        let template = try String(contentsOf: DaemonCommandTests.examples[0], encoding: .utf8)
        try Data(template.replacingOccurrences(of: "2611.", with: "2704.").utf8)
            .write(to: drop.appendingPathComponent("hangs.md"))
        let hung = try cli.run([
            "watch", drop.path, "--once", "--on-report", "sleep 300 & echo $! > '\(pidFile.path)'; wait",
            "--hook-timeout", "1",
        ])
        #expect(hung.status == 1, "a hook left for a retry makes --once exit with 1")
        #expect(hung.stderr.contains("timed out after 1 s and was killed"), "\(hung.stderr)")
        #expect(FileManager.default.fileExists(atPath: drop.appendingPathComponent("reports/hangs.md").path))
        #expect(FileManager.default.fileExists(atPath: drop.appendingPathComponent("processed/hangs.md").path))
        let sleeper = try #require(Int32((try String(contentsOf: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Killed with it (a killed orphan may stay a zombie for a moment until it is reaped).
        let deadline = Date().addingTimeInterval(5)
        func alive() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(sleeper)/stat", encoding: .utf8) else { return false }
            return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
        }
        while alive() && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!alive(), "the hook's child was killed with it")
        let status = try cli.run("status")
        #expect(status.stdout.contains("pending hook for hangs.md (1 attempts"), "\(status.stdout)")
        #expect(status.stdout.contains("timed out after 1 s"))
    }
}

/// Runs a helper program and returns its standard output.
enum ExternalProgram {
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
