#if canImport(Glibc)
    import Glibc
#endif
import FileIO
import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// How a program run by ``ProgramRunner`` ended, with what it printed.
public struct ProgramResult: Sendable, Hashable {
    public enum Ending: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        /// Killed (with everything it started) after the timeout.
        case timedOut(seconds: Double)
        /// It could not be started (missing, not executable) or its output could not be read.
        case notStarted(String)
    }

    public var ending: Ending
    /// Standard output and standard error together, the last 4 KiB at most, trimmed.
    public var output: String
    /// Wall-clock seconds it ran.
    public var seconds: Double

    public var succeeded: Bool { ending == .exited(0) }

    /// `exited with 75 (EX_TEMPFAIL: temporary failure)`, `timed out after 30 s and was killed`, ….
    public var endingDescription: String {
        switch ending {
        case .exited(let code):
            return "exited with \(code)" + (Self.sysexits[code].map { " (\($0))" } ?? "")
        case .signaled(let signal):
            return "was killed by signal \(signal)"
        case .timedOut(let seconds):
            return "timed out after \(String(format: "%g", seconds)) s and was killed"
        case .notStarted(let reason):
            return "could not be started: \(reason)"
        }
    }

    /// The meanings of sendmail's exit codes (sysexits.h).
    static let sysexits: [Int32: String] = [
        64: "EX_USAGE: command line usage error", 65: "EX_DATAERR: data format error",
        66: "EX_NOINPUT: cannot open input", 67: "EX_NOUSER: addressee unknown", 68: "EX_NOHOST: host name unknown",
        69: "EX_UNAVAILABLE: service unavailable", 70: "EX_SOFTWARE: internal software error",
        71: "EX_OSERR: system error", 72: "EX_OSFILE: critical OS file missing",
        73: "EX_CANTCREAT: can't create output file", 74: "EX_IOERR: input/output error",
        75: "EX_TEMPFAIL: temporary failure, try again later", 76: "EX_PROTOCOL: remote error in protocol",
        77: "EX_NOPERM: permission denied", 78: "EX_CONFIG: configuration error",
    ]
}

/// Runs a program to completion with a timeout: its own session (so a timeout kills everything it started: SIGKILL
/// to its process group), the given standard input, output collected.
///
/// Built on swift-subprocess: the wait is asynchronous (no thread of the cooperative pool blocks on the child).
public enum ProgramRunner {
    /// Output kept for the log.
    static let outputTail = 4_096
    /// Output read at most; a program printing more fails.
    static let outputLimit = 1 << 20

    /// Why `path` cannot be run (`… does not exist`, `… is not executable`), or nil when it can.
    public static func whyNotRunnable(_ path: String) -> String? {
        guard !FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return FileManager.default.fileExists(atPath: path) ? "\(path) is not executable" : "\(path) does not exist"
    }

    /// Runs `path` with `arguments`, `environment` added to this process's, `input` on its standard input.
    public static func run(
        _ path: String, arguments: [String] = [], environment: [String: String] = [:], input: String = "",
        timeout: Double
    ) async -> ProgramResult {
        precondition(timeout > 0, "a program's timeout is positive")
        _ = brokenPipesIgnored
        let started = ContinuousClock.now
        let elapsed: @Sendable () -> Double = {
            let duration = ContinuousClock.now - started
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        if let reason = whyNotRunnable(path) {
            return ProgramResult(ending: .notStarted(reason), output: "", seconds: 0)
        }
        let options = {
            var options = PlatformOptions()
            options.createSession = true
            // SIGKILL to the whole group: the daemon's children inherit SIGTERM ignored (the service lifecycle
            // handles it through a dispatch source), and a non-interactive shell cannot un-ignore it.
            options.teardownSequence = [
                .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))
            ]
            return options
        }()
        var overrides: [Environment.Key: String?] = [:]
        for (key, value) in environment {
            if let name = Environment.Key(rawValue: key) { overrides[name] = value }
        }
        let environment = Environment.inherit.updating(overrides)
        // The input as a nameless file, not a pipe: a program may exit without reading it (a refused message).
        let stdin: FileDescriptor
        do {
            stdin = try UnlinkedFile.holding(Array(input.utf8), in: NSTemporaryDirectory())
        } catch {
            return ProgramResult(ending: .notStarted("its input cannot be written: \(error)"), output: "", seconds: 0)
        }
        do {
            return try await withThrowingTaskGroup(of: ProgramResult?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .path(FilePath(path)), arguments: Arguments(arguments), environment: environment,
                        platformOptions: options, input: .fileDescriptor(stdin, closeAfterSpawningProcess: true),
                        output: .string(limit: outputLimit),
                        error: .combinedWithOutput)
                    let ending: ProgramResult.Ending =
                        switch result.terminationStatus {
                        case .exited(let code): .exited(Int32(code))
                        case .signaled(let signal): .signaled(Int32(signal))
                        }
                    return ProgramResult(ending: ending, output: tail(result.standardOutput), seconds: elapsed())
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int((timeout * 1000).rounded(.up))))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                if let first { return first }
                // The timeout won: cancelling the run tears the program's process group down; wait for that.
                while let _ = try? await group.next() {}
                return ProgramResult(ending: .timedOut(seconds: timeout), output: "", seconds: elapsed())
            }
        } catch {
            return ProgramResult(ending: .notStarted("\(error)"), output: "", seconds: elapsed())
        }
    }

    /// A write to a pipe whose reader is gone must not kill this process with SIGPIPE (it fails with EPIPE).
    private static let brokenPipesIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// The last ``outputTail`` bytes of `text` (on a character boundary), trimmed.
    static func tail(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count > outputTail else { return trimmed }
        var start = trimmed.utf8.index(trimmed.utf8.endIndex, offsetBy: -outputTail)
        while start < trimmed.utf8.endIndex, !trimmed.unicodeScalars.indices.contains(start) {
            start = trimmed.utf8.index(after: start)
        }
        return "…" + String(trimmed[start...])
    }
}
