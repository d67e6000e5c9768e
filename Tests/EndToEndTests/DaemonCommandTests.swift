import Foundation
import Testing

/// `paperradar watch` and `paperradar status`, run as a user would: digests dropped into a folder, reports read back.
@Suite(.serialized, .timeLimit(.minutes(10))) struct DaemonCommandTests {
    /// The example digests of scripts/examples (one per layout).
    static let examples: [URL] = {
        let folder = CLI.repositoryRoot.appendingPathComponent("scripts/examples")
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
    }()

    private func dropFolder(_ cli: CLI, with files: [URL] = DaemonCommandTests.examples) throws -> URL {
        let drop = cli.workspace.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        for file in files { try FileManager.default.copyItem(at: file, to: drop.appendingPathComponent(file.lastPathComponent)) }
        return drop
    }

    private func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    private func temporaries(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.contains(".paperradar-tmp-") { found.append(path) }
        }
        return found
    }

    @Test func watchOnceReportsDigestsOfEveryLayout() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli)
        let result = try cli.run(["watch", drop.path, "--once", "--formats", "md,html,json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(Self.examples.count) reported, 0 duplicates, 0 failed"))
        #expect(result.stdout.contains("reports in \(drop.path)/reports"))
        #expect(result.stderr.contains("model fitted"), "a first model is fitted on the digests")
        #expect(result.stderr.contains("processed "), "one log line per digest")

        let reports = drop.appendingPathComponent("reports")
        for example in Self.examples {
            let stem = example.deletingPathExtension().lastPathComponent
            for ext in ["md", "html", "json"] {
                #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent("\(stem).\(ext)").path), "\(stem).\(ext)")
            }
            let markdown = try String(contentsOf: reports.appendingPathComponent("\(stem).md"), encoding: .utf8)
            #expect(markdown.contains("# Digest \(example.lastPathComponent)"))
            // Every paper of the digest is in its report, with related papers and a topic.
            let parsed = try cli.run("parse", "--format", "jsonl", example.path)
            let ids = parsed.stdout.split(separator: "\n").compactMap { line -> String? in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
            }
            #expect(!ids.isEmpty)
            for id in ids { #expect(markdown.contains("arxiv.org/abs/\(id)"), "\(id) in \(stem).md") }
            #expect(markdown.contains("Related:"))
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent("\(stem).json")))
                as? [String: Any]
            #expect(json?["kind"] as? String == "digest-report")
        }
        #expect(names(drop.appendingPathComponent("processed")) == Self.examples.map(\.lastPathComponent))
        #expect(names(drop.appendingPathComponent("failed")).isEmpty)
        #expect(temporaries(under: cli.workspace).isEmpty)
    }

    @Test func watchOnceReportsRealDigests() throws {
        guard let shared = CLI.shared else { return }  // ../shared is optional
        let folder = shared.appendingPathComponent("corpus/digests")
        var picked: [URL] = []
        for family in names(folder) where family != "seeds" {
            let files = names(folder.appendingPathComponent(family)).filter { $0.hasSuffix(".md") }
            if let first = files.first { picked.append(folder.appendingPathComponent(family).appendingPathComponent(first)) }
        }
        guard !picked.isEmpty else { return }
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli, with: picked)
        let result = try cli.run(["watch", drop.path, "--once"])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let reported = names(drop.appendingPathComponent("reports")).filter { $0.hasSuffix(".md") }
        let failed = names(drop.appendingPathComponent("failed")).filter { !$0.hasSuffix(".error.txt") }
        #expect(reported.count + failed.count == picked.count, "every real digest is reported or failed with a reason")
        #expect(reported.count >= picked.count - 1, "\(failed)")
    }

    @Test func aBadFileGoesToFailedWithItsReasonWhileGoodFilesFlow() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli)
        try Data("# Shopping list\n\n- milk\n- bread\n".utf8).write(to: drop.appendingPathComponent("notes.md"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3]).write(to: drop.appendingPathComponent("image.md"))
        try Data("ignored".utf8).write(to: drop.appendingPathComponent("half-written.md.part"))
        let result = try cli.run(["watch", drop.path, "--once"])
        #expect(result.status == 1, "a failed digest makes --once exit with 1")
        #expect(result.stdout.contains("\(Self.examples.count) reported, 0 duplicates, 2 failed"))
        let failed = drop.appendingPathComponent("failed")
        #expect(names(failed) == ["image.md", "image.md.error.txt", "notes.md", "notes.md.error.txt"])
        let notes = try String(contentsOf: failed.appendingPathComponent("notes.md.error.txt"), encoding: .utf8)
        #expect(notes.contains("unknown digest format") && notes.contains("What to do:"))
        let image = try String(contentsOf: failed.appendingPathComponent("image.md.error.txt"), encoding: .utf8)
        #expect(image.contains("not a text file"))
        #expect(names(drop.appendingPathComponent("reports")).count == Self.examples.count + 1, "reports + feed.atom")
        #expect(FileManager.default.fileExists(atPath: drop.appendingPathComponent("half-written.md.part").path))

        let status = try cli.run("status")
        #expect(status.stdout.contains("failures:    2"))
        #expect(status.stdout.contains("notes.md: unknown digest format"))
        #expect(status.stdout.contains("queue:       0 files waiting"), "partial files are not queued")
    }

    @Test func aDuplicateUnderAnotherNameIsRecordedAndNotReportedTwice() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try #require(Self.examples.first)
        let drop = try dropFolder(cli, with: [first])
        #expect(try cli.run(["watch", drop.path, "--once"]).status == 0)
        try FileManager.default.copyItem(at: first, to: drop.appendingPathComponent("renamed-copy.md"))
        let again = try cli.run(["watch", drop.path, "--once"])
        #expect(again.status == 0, "a recorded duplicate counts as processed")
        #expect(again.stdout.contains("0 reported, 1 duplicates, 0 failed"))
        #expect(
            names(drop.appendingPathComponent("reports")) == [first.deletingPathExtension().lastPathComponent + ".md", "feed.atom"])
        #expect(names(drop.appendingPathComponent("processed")) == [first.lastPathComponent, "renamed-copy.md"].sorted())

        let status = try cli.run("status", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let duplicates = try #require(json["duplicates"] as? [[String: Any]])
        #expect(duplicates.count == 1)
        #expect(duplicates.first?["file"] as? String == "renamed-copy.md")
        #expect(duplicates.first?["duplicateOf"] as? String == first.lastPathComponent)
        #expect((json["processed"] as? [[String: Any]])?.count == 1)
        #expect((json["corpus"] as? [String: Any])?["digests"] as? Int == 1)

        let nothing = try cli.run(["watch", drop.path, "--once"])
        #expect(nothing.status == 3, "nothing to do")
    }

    @Test func aProfileOrdersTheReportsAndABadProfileIsRefusedUpFront() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli)
        let bad = try cli.write("bad-profile.toml", "liked = 3\n")
        let refused = try cli.run(["watch", drop.path, "--once", "--profile", bad])
        #expect(refused.status == 1 && refused.stderr.contains("bad-profile.toml"), "\(refused.stderr)")
        #expect(names(drop.appendingPathComponent("reports")).isEmpty, "nothing is processed with a broken profile")

        let parsed = try cli.run("parse", "--format", "jsonl", Self.examples[0].path)
        let liked = try #require(
            (try JSONSerialization.jsonObject(with: Data(parsed.stdout.prefix { $0 != "\n" }.utf8)) as? [String: Any])?["id"]
                as? String)
        let profile = try cli.write("profile.toml", "liked = [\"\(liked)\"]\n")
        let result = try cli.run(["watch", drop.path, "--once", "--profile", profile])
        #expect(result.status == 0, "\(result.stderr)")
        let stem = Self.examples[1].deletingPathExtension().lastPathComponent
        let report = try String(
            contentsOf: drop.appendingPathComponent("reports/\(stem).md"), encoding: .utf8)
        #expect(report.contains("ordered by profile score"))
        #expect(report.contains("profile.toml"))
    }

    @Test func aLiveDaemonReportsADroppedDigestAndStopsCleanlyOnSIGTERM() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli)
        #expect(try cli.run(["watch", drop.path, "--once"]).status == 0, "a store with a model")

        let daemon = try LiveDaemon(cli, arguments: ["watch", drop.path, "--formats", "md,json"])
        defer { daemon.kill() }
        try daemon.waitForLog("model loaded")
        let second = try cli.run(["watch", drop.path, "--once"])
        #expect(second.status == 1 && second.stderr.contains("already watching"), "one daemon per drop folder")
        #expect(try cli.run("status").stdout.contains("(running, pid \(daemon.process.processIdentifier))"))

        // One digest written in place, one written under a temporary name and renamed in.
        let template = try String(contentsOf: Self.examples[0], encoding: .utf8)
        try Data(template.replacingOccurrences(of: "2611.", with: "2701.").utf8).write(to: drop.appendingPathComponent("live-one.md"))
        let temporary = drop.appendingPathComponent(".live-two.md.tmp")
        try Data(template.replacingOccurrences(of: "2611.", with: "2702.").utf8).write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: drop.appendingPathComponent("live-two.md"))

        // Done means reported in both formats and moved to processed/ (the move comes after the reports).
        let reports = drop.appendingPathComponent("reports")
        let processed = drop.appendingPathComponent("processed")
        func done() -> Bool {
            ["live-one.md", "live-two.md", "live-two.json"].allSatisfy {
                FileManager.default.fileExists(atPath: reports.appendingPathComponent($0).path)
            } && Set(names(processed)).isSuperset(of: ["live-one.md", "live-two.md"])
        }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && !done() { Thread.sleep(forTimeInterval: 0.05) }
        #expect(done(), "both digests reported and moved within 30 s:\n\(daemon.log)")
        let one = try String(contentsOf: reports.appendingPathComponent("live-one.md"), encoding: .utf8)
        #expect(one.contains("arxiv.org/abs/2701."))
        let two = try String(contentsOf: reports.appendingPathComponent("live-two.md"), encoding: .utf8)
        #expect(two.contains("arxiv.org/abs/2702."))

        let status = daemon.terminate()
        #expect(status == 0, "SIGTERM is a clean exit")
        #expect(daemon.log.contains("stopped"))
        #expect(temporaries(under: cli.workspace).isEmpty)
        #expect(try cli.run("status").stdout.contains("(not running)"))
    }

    @Test func aDropFolderThatDisappearsAndComesBackIsWatchedAgain() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let drop = try dropFolder(cli, with: [Self.examples[0]])
        #expect(try cli.run(["watch", drop.path, "--once"]).status == 0)
        let daemon = try LiveDaemon(cli, arguments: ["watch", drop.path])
        defer { daemon.kill() }
        try daemon.waitForLog("model loaded")

        try FileManager.default.removeItem(at: drop)
        try daemon.waitForLog("the drop folder disappeared")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        try daemon.waitForLog("the drop folder is back")
        let template = try String(contentsOf: Self.examples[0], encoding: .utf8)
        try Data(template.replacingOccurrences(of: "2611.", with: "2703.").utf8).write(to: drop.appendingPathComponent("back.md"))
        try daemon.waitForLog("processed back.md")
        let report = try String(contentsOf: drop.appendingPathComponent("reports/back.md"), encoding: .utf8)
        #expect(report.contains("arxiv.org/abs/2703."))
        #expect(daemon.terminate() == 0)
    }

    @Test func aShortChaosRunKeepsEveryDigestExactlyOnce() throws {
        let long = ProcessInfo.processInfo.environment["PAPERRADAR_LONG"] == "1"
        let (digests, kills) = long ? ("50", "20") : ("8", "3")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.repositoryRoot.appendingPathComponent("scripts/chaos").path, digests, kills]
        var environment = ProcessInfo.processInfo.environment
        environment["PAPERRADAR"] = CLI.binary.path
        environment.removeValue(forKey: "PAPERRADAR_HOME")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("chaos: PASS"), "\(text)")
    }
}

/// A `paperradar watch` running in the background, its log collected in a file.
final class LiveDaemon {
    let process = Process()
    private let logFile: URL

    init(_ cli: CLI, arguments: [String], environment extra: [String: String] = [:]) throws {
        logFile = cli.workspace.appendingPathComponent("daemon-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = CLI.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PAPERRADAR_HOME"] = cli.home.path
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Waits (up to 30 s) until the log contains `text`.
    func waitForLog(_ text: String) throws {
        let deadline = Date().addingTimeInterval(30)
        while !log.contains(text) {
            guard process.isRunning, Date() < deadline else {
                throw DaemonTestError("the daemon did not log '\(text)':\n\(log)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func kill() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

struct DaemonTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
