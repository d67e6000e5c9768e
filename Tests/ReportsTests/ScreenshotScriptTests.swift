import Foundation
import Reports
import Testing
import TestSupport

/// scripts/screenshot-report renders each kind of HTML report in headless Chromium.
///
/// At desktop and phone width. Skipped when no Chromium is on PATH. `PAPERRADAR_SCREENSHOTS_DIR=DIR` keeps the PNGs in DIR to look at them.
@Suite(.enabled(if: ExternalTool.chromium != nil, "needs chromium, chromium-browser or google-chrome on PATH"))
struct ScreenshotScriptTests {
    static let script = Repository.root.appendingPathComponent("scripts/screenshot-report")

    @Test(arguments: ["digest", "topics", "reading-list"]) func rendersAtDesktopAndPhoneWidth(kind: String) throws {
        let html =
            switch kind {
            case "digest": Fixtures.digest.rendered(as: .html)
            case "topics": Fixtures.topicReport.rendered(as: .html)
            default: Fixtures.readingList.rendered(as: .html)
            }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report = directory.file("\(kind).html")
        try Data(html.utf8).write(to: report)
        let keep = ProcessInfo.processInfo.environment["PAPERRADAR_SCREENSHOTS_DIR"].map { URL(fileURLWithPath: $0) }
        for width in [1200, 390] {
            let png = (keep ?? directory.url).appendingPathComponent("\(kind)-\(width).png")
            let result = try ExternalTool.run(Self.script.path, [report.path, png.path, String(width)])
            #expect(result.status == 0, "screenshot-report failed:\n\(result.output)")
            let data = try Data(contentsOf: png)
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
            #expect(data.count > 10_000, "\(png.lastPathComponent) is only \(data.count) bytes")
        }
    }

    @Test func failsClearlyWithoutAReport() throws {
        let result = try ExternalTool.run(Self.script.path, ["/nonexistent/report.html", "/tmp/never.png"])
        #expect(result.status != 0)
        #expect(result.output.contains("no such file"))
    }
}
