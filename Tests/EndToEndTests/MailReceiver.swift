import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real SMTP server on loopback (scripts/smtp-receiver.py, aiosmtpd) and msmtp configured to deliver to it, the
/// way a user sets up `paperradar watch --mail-to` with `--sendmail /usr/bin/msmtp`.
final class MailReceiver {
    let folder: URL
    /// A HOME holding `.msmtprc` pointed at the receiver (pass it as `HOME` to the daemon's environment).
    let home: URL
    let port: Int
    private let process = Process()

    /// The sendmail-compatible program the tests use.
    static let msmtp = "/usr/bin/msmtp"

    init(in workspace: URL) throws {
        folder = workspace.appendingPathComponent("mail-\(UUID().uuidString.prefix(8))")
        home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let portFile = folder.appendingPathComponent("port")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", CLI.repositoryRoot.appendingPathComponent("scripts/smtp-receiver.py").path,
            folder.appendingPathComponent("inbox").path, portFile.path,
        ]
        let log = folder.appendingPathComponent("receiver.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var port: Int?
        while port == nil {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port != nil { break }
            guard process.isRunning, Date() < deadline else {
                process.terminate()
                throw DaemonTestError(
                    "the SMTP receiver did not start (scripts/setup installs aiosmtpd): "
                        + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        self.port = port!
        let rc = """
            account default
            host 127.0.0.1
            port \(self.port)
            auth off
            tls off
            from radar@example.org
            timeout 20

            """
        let rcFile = home.appendingPathComponent(".msmtprc")
        try Data(rc.utf8).write(to: rcFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: rcFile.path)
    }

    /// The environment a mailing `paperradar` needs: msmtp finds its configuration in `HOME`.
    var environment: [String: String] { ["HOME": home.path] }

    /// Stops the receiver.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The received messages' files, in arrival order.
    var messageFiles: [URL] {
        let inbox = folder.appendingPathComponent("inbox")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []).filter { $0.hasSuffix(".eml") }
        return names.sorted().map { inbox.appendingPathComponent($0) }
    }

    /// Waits (up to `seconds`) until at least `count` messages arrived.
    func waitForMessages(_ count: Int, seconds: Double = 30) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while messageFiles.count < count {
            guard Date() < deadline else {
                throw DaemonTestError("\(messageFiles.count) messages arrived, expected \(count)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// One message as Python's `email` package reads it (policy `default`, strict about defects).
    struct Message: Decodable {
        var headers: [String: String]
        var defects: [String]
        var contentType: String
        var parts: [Part]

        struct Part: Decodable {
            var type: String
            var charset: String?
            var transferEncoding: String?
            var content: String
            var defects: [String]
        }
    }

    /// Every received message, parsed by Python's `email` package.
    func parsedMessages() throws -> [Message] {
        let script = """
            import email, email.policy, json, sys
            out = []
            for path in sys.argv[1:]:
                with open(path, 'rb') as f:
                    m = email.message_from_binary_file(f, policy=email.policy.default)
                parts = []
                for p in (m.iter_parts() if m.is_multipart() else [m]):
                    parts.append({'type': p.get_content_type(), 'charset': p.get_content_charset(),
                                  'transferEncoding': p['Content-Transfer-Encoding'], 'content': p.get_content(),
                                  'defects': [str(d) for d in p.defects]})
                out.append({'headers': {k: str(v) for k, v in m.items()}, 'defects': [str(d) for d in m.defects],
                            'contentType': m.get_content_type(), 'parts': parts})
            json.dump(out, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + messageFiles.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DaemonTestError("python's email parser failed") }
        return try JSONDecoder().decode([Message].self, from: data)
    }
}

/// Python's `feedparser` on a feed file, strict: a feed it flags as ill-formed (`bozo`) fails the check.
enum FeedValidator {
    struct Feed: Decodable {
        var bozo: Bool
        var problem: String?
        var version: String
        var title: String
        var id: String
        var selfLink: String?
        var entries: [Entry]

        struct Entry: Decodable {
            var id: String
            var title: String
            var updated: String?
            var summary: String?
        }
    }

    static func parse(_ path: String) throws -> Feed {
        let script = """
            import feedparser, json, sys
            d = feedparser.parse(sys.argv[1])
            links = [l.get('href') for l in d.feed.get('links', []) if l.get('rel') == 'self']
            json.dump({'bozo': bool(d.bozo), 'problem': str(d.get('bozo_exception')) if d.bozo else None,
                       'version': d.version, 'title': d.feed.get('title', ''), 'id': d.feed.get('id', ''),
                       'selfLink': links[0] if links else None,
                       'entries': [{'id': e.get('id', ''), 'title': e.get('title', ''), 'updated': e.get('updated'),
                                    'summary': e.get('summary')} for e in d.entries]}, sys.stdout)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DaemonTestError("feedparser failed on \(path) (scripts/setup installs it)")
        }
        return try JSONDecoder().decode(Feed.self, from: data)
    }
}
