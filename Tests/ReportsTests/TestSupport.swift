import Foundation
import Testing

/// Running helper programs (python3, the screenshot script) from tests.
enum ExternalTool {
    struct Result {
        var status: Int32
        var output: String
    }

    /// The absolute path of `name` on PATH, if any.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments` and returns its exit status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// True when python3 is on PATH and can import html5lib.
    static let hasHTML5Lib: Bool = {
        guard let python = find("python3") else { return false }
        return (try? run(python, ["-c", "import html5lib"]))?.status == 0
    }()

    /// The first Chromium-like browser on PATH, as the screenshot script looks for it.
    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(find).first
}

/// A fresh temporary directory, removed by the caller with ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reports-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
