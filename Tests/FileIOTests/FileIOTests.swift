import Foundation
import SystemPackage
import Testing

@testable import FileIO

/// A fresh temporary folder per test.
private struct Scratch: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("paperradar-fileio-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

@Suite struct FileIOTests {
    @Test func fileSystemErrorsSayWhatToDo() {
        let full = FileSystemError(operation: .write, path: "/r/a.md", code: .noSpace)
        #expect(full.isDiskFull)
        #expect(full.description == "cannot write /r/a.md: disk full (no space left on device); free some space")
        let denied = FileSystemError(operation: .read, path: "/d/a.md", code: .permissionDenied)
        #expect(denied.isPermissionDenied && denied.description.contains("give the user running paperradar"))
        let missing = FileSystemError(operation: .read, path: "/d/b.md", errno: 2)
        #expect(missing.isMissing && missing.description == "cannot read /d/b.md: no such file or folder")
    }

    @Test func boundedReadsRefuseLargeFilesAndFolders() throws {
        let scratch = try Scratch()
        let file = try scratch.file("a.md", String(repeating: "x", count: 1000))
        #expect(try BoundedFile.read(file, maxBytes: 1000) == .bytes(Array(repeating: UInt8(ascii: "x"), count: 1000)))
        #expect(try BoundedFile.read(file, maxBytes: 999) == .tooLarge(1000))
        #expect(throws: FileSystemError.self) { try BoundedFile.read(scratch.path, maxBytes: 10) }
        do {
            _ = try BoundedFile.read(scratch.path + "/missing.md", maxBytes: 10)
            Issue.record("a missing file must throw")
        } catch let error as FileSystemError {
            #expect(error.isMissing && error.operation == .read)
        }
    }

    @Test func atomicWritesReplaceWholeFilesAndLeaveNoTemporary() throws {
        let scratch = try Scratch()
        let target = scratch.path + "/report.md"
        try AtomicFile.write("first", to: target)
        try AtomicFile.write("second version", to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "second version")
        #expect(try FileTree.names(in: scratch.path) == ["report.md"])
        #expect(throws: FileSystemError.self) { try AtomicFile.write("x", to: scratch.path + "/no/such/folder/a.md") }
    }

    @Test func staleTemporariesOfDeadWritersAreRemoved() throws {
        let scratch = try Scratch()
        let stale = try scratch.file(AtomicFile.temporaryPrefix + "99999999-1.a.md", "half")
        let live = try scratch.file(AtomicFile.temporaryPrefix + "1-2.b.md", "pid 1 is alive")
        #expect(AtomicFile.removeStaleTemporaries(in: scratch.path) == [stale])
        #expect(FileSnapshot.of(entry: live) != nil)
    }

    @Test func movesNeverReplace() throws {
        let scratch = try Scratch()
        let a = try scratch.file("a.md", "a")
        let b = try scratch.file("b.md", "b")
        do {
            try FileMove.moveWithoutReplacing(a, to: b)
            Issue.record("moving onto an existing file must fail")
        } catch let error as FileSystemError {
            #expect(error.code == .fileExists)
        }
        try FileMove.moveWithoutReplacing(a, to: scratch.path + "/c.md")
        #expect(FileSnapshot.isAbsent(a) && FileSnapshot.of(target: scratch.path + "/c.md")?.kind == .regular)
    }

    @Test func foldersAreCreatedWithTheirParents() throws {
        let scratch = try Scratch()
        try FileMove.ensureFolder(scratch.path + "/x/y/z")
        #expect(FileSnapshot.of(target: scratch.path + "/x/y/z")?.kind == .directory)
        let file = try scratch.file("f", "")
        #expect(throws: FileSystemError.self) { try FileMove.ensureFolder(file) }
    }

    @Test func treesListRegularFilesSortedWithoutHiddenOnes() throws {
        let scratch = try Scratch()
        try FileMove.ensureFolder(scratch.path + "/sub")
        try FileMove.ensureFolder(scratch.path + "/.hidden")
        _ = try scratch.file("b.md", "")
        _ = try scratch.file("a.md", "")
        _ = try scratch.file("sub/c.md", "")
        _ = try scratch.file(".hidden/d.md", "")
        _ = try scratch.file(".e.md", "")
        let found = try FileTree.regularFiles(under: [scratch.path]).map { String($0.dropFirst(scratch.path.count)) }
        #expect(found == ["/a.md", "/b.md", "/sub/c.md"])
        #expect(throws: FileSystemError.self) { try FileTree.regularFiles(under: [scratch.path + "/none"]) }
    }
}
