import Foundation
import Testing
import TestSupport

/// Runs the built `paperradar` binary the way a user would, with a private home folder.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary next to the test bundle (SwiftPM builds it because this target depends on it),
    /// or `$PAPERRADAR_BIN`.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["PAPERRADAR_BIN"] { return URL(fileURLWithPath: path) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("paperradar").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("paperradar")
    }()

    /// The repository root (the folder holding Package.swift).
    static var repositoryRoot: URL { Repository.root }

    /// `../shared` beside the repository (or `$PAPERRADAR_SHARED`), when present.
    static var shared: URL? { Repository.shared }

    let home: URL
    let workspace: URL

    init() throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("paperradar-e2e-\(UUID().uuidString)")
        home = workspace.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: workspace) }

    /// Writes a file into the workspace and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Data(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = workspace.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    /// Runs `paperradar arguments…` with `PAPERRADAR_HOME` set to this workspace's home.
    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = workspace
        var environment = ProcessInfo.processInfo.environment
        environment["PAPERRADAR_HOME"] = home.path
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = workspace.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = workspace.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
