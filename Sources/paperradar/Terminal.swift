#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import FileIO
import Foundation
import Pipeline
import Store

/// Output helpers: results to stdout, diagnostics to stderr, a progress bar only on a terminal.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Writes large outputs to stdout without per-line flushing costs.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    let label: String
    let enabled = Terminal.stderrIsTerminal
    private var lastDrawn = -1

    init(label: String) { self.label = label }

    mutating func update(done: Int, total: Int, detail: String = "") {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)% \(detail)\u{1B}[K".utf8))
    }

    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// A failure while running a command (not a usage mistake): printed as `Error: message`, exit status 1, without the
/// usage text that `ValidationError` adds.
struct CLIError: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}

extension CLIError {
    /// Runs `body`, turning the libraries' errors that a user can act on into CLI errors (printed without the
    /// usage banner).
    static func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PipelineError {
            throw CLIError(error.message)
        } catch let error as StoreError {
            throw CLIError(error.message)
        } catch let error as IntakeError {
            throw CLIError(error.description)
        } catch let error as FileSystemError {
            throw CLIError(error.description)
        }
    }
}
