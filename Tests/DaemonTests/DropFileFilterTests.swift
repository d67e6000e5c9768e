#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing

@testable import Daemon

@Suite struct DropFileFilterTests {
    @Test(arguments: [".hidden.md", ".paperradar.pid", ".paperradar-tmp-12-ab.x.md", "a.tmp", "a.md.TMP", "a.part",
        "b.PART", "c.md~", "d.partial", "e.crdownload", "f.swp"])
    func temporaryAndHiddenNamesAreIgnored(name: String) {
        #expect(DropFileFilter.ignoredReason(forName: name) != nil)
    }

    @Test(arguments: ["2026-11-09-llm.md", "digest", "a.tmp.md", "partial-results.md", "report~1.md"])
    func ordinaryNamesAreCandidates(name: String) {
        #expect(DropFileFilter.ignoredReason(forName: name) == nil)
    }

    @Test func classifiesEntriesByKind() throws {
        let sandbox = try DaemonSandbox()
        let drop = sandbox.layout.drop
        try sandbox.drop("a.md", "text")
        try FileManager.default.createDirectory(at: drop.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
        #expect(mkfifo(drop.appendingPathComponent("pipe.md").path, 0o644) == 0)

        guard case .candidate(let snapshot) = DropFileFilter.classify(name: "a.md", in: drop) else {
            Issue.record("a regular file is a candidate")
            return
        }
        #expect(snapshot.size == 4 && snapshot.kind == .regular)
        #expect(DropFileFilter.classify(name: "folder.md", in: drop) == .ignored("folder"))
        #expect(DropFileFilter.classify(name: "pipe.md", in: drop) == .ignored("not a regular file"))
        #expect(DropFileFilter.classify(name: "missing.md", in: drop) == .absent)
        #expect(try DropFileFilter.candidates(in: drop).map(\.name) == ["a.md"])
    }

    @Test func symlinksAreNotFollowedOutOfTheDropFolder() throws {
        let sandbox = try DaemonSandbox()
        let drop = sandbox.layout.drop
        let outside = sandbox.root.appendingPathComponent("outside.md")
        try Data("secret".utf8).write(to: outside)
        try sandbox.drop("inside.md", "digest")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: drop.appendingPathComponent("out.md").path, withDestinationPath: outside.path)
        try manager.createSymbolicLink(atPath: drop.appendingPathComponent("up.md").path, withDestinationPath: "../outside.md")
        try manager.createSymbolicLink(atPath: drop.appendingPathComponent("in.md").path, withDestinationPath: "inside.md")
        try manager.createSymbolicLink(atPath: drop.appendingPathComponent("dangling.md").path, withDestinationPath: "nope.md")

        for name in ["out.md", "up.md"] {
            guard case .ignored(let reason) = DropFileFilter.classify(name: name, in: drop) else {
                Issue.record("\(name) leads out of the drop folder and must be ignored")
                continue
            }
            #expect(reason.contains("out of the drop folder"))
        }
        #expect(DropFileFilter.classify(name: "dangling.md", in: drop) == .ignored("symlink that leads nowhere"))
        guard case .candidate(let target) = DropFileFilter.classify(name: "in.md", in: drop) else {
            Issue.record("a symlink to a file inside the drop folder is taken")
            return
        }
        #expect(target.size == 6)
        #expect(try DropFileFilter.candidates(in: drop).map(\.name) == ["in.md", "inside.md"])
    }

    @Test func aDropFolderGivenThroughASymlinkIsResolved() throws {
        let sandbox = try DaemonSandbox()
        let link = sandbox.root.appendingPathComponent("drop-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: sandbox.layout.drop.path)
        let layout = DropFolderLayout(drop: link)
        #expect(layout.drop.path == DropFolderLayout(drop: sandbox.layout.drop).drop.path)
        #expect(layout.reports.path == layout.drop.path + "/reports")
    }
}
