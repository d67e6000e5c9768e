import Foundation
import Testing

/// `paperradar serve` in a real browser: scripts/browser-test.py drives headless Chromium through Selenium (like
/// three papers on a digest page, the reading list changes and explains itself, "Not interested" removes an item)
/// and takes screenshots at 1200 and 390 px. `PAPERRADAR_SCREENSHOTS_DIR=DIR` keeps the PNGs in DIR.
@Suite(.serialized) struct BrowserTests {
    @Test func likingThreePapersMakesAReadingListThatExplainsItself() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try ServeCommandTests.fittedStore(cli)
        let server = try Server(cli, [])
        defer { server.stop() }
        let folder = ProcessInfo.processInfo.environment["PAPERRADAR_SCREENSHOTS_DIR"].map { URL(fileURLWithPath: $0) }
            ?? cli.workspace.appendingPathComponent("screenshots")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", CLI.repositoryRoot.appendingPathComponent("scripts/browser-test.py").path,
            "http://127.0.0.1:\(server.port)", folder.path,
        ]
        let output = cli.workspace.appendingPathComponent("browser-test.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let log = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(log)\nserver:\n\(server.log)")
        #expect(log.contains("every check held"))
        for name in ["digest-1200", "digest-390", "reading-list-1200", "reading-list-390"] {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(name).png"))
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]) && data.count > 10_000, "\(name).png")
        }
        // The likes went through the server into the stored profile.
        let exported = try cli.run("profile", "export", "-")
        #expect(exported.status == 0 && exported.stdout.contains("disliked = ["), "\(exported.stderr)")
    }
}
