import Foundation
import TestSupport
import Synchronization
import Testing

/// `paperradar serve …` running as a user would start it, on a free port read from its first line.
final class Server {
    let process = Process()
    let port: Int
    private let output = OutputBuffer()

    /// What the server printed so far (filled by the pipe's handler while the test runs).
    final class OutputBuffer: Sendable {
        let text = Mutex("")
        func withLock<T>(_ body: (inout String) -> T) -> T { text.withLock { body(&$0) } }
    }

    var log: String { output.withLock { $0 } }

    init(_ cli: CLI, _ arguments: [String]) throws {
        let output = self.output
        let pipe = Pipe()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = cli.workspace
        var environment = ProcessInfo.processInfo.environment
        environment["PAPERRADAR_HOME"] = cli.home.path
        process.environment = environment
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            output.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            let text = output.withLock { $0 }
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on http://") }),
                let number = Int(line.split(separator: ":").last ?? "")
            {
                found = number
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.terminate()
            throw HTTPClient.Failure(description: "the server did not start: \(output.withLock { $0 })")
        }
        port = found
    }

    func browser() -> Browser { Browser(port: port) }

    /// SIGTERM, then the exit status (a graceful stop exits with 0).
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass.
    static func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }
}
