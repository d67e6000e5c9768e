#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// What a delivery's program leaves behind for a daemon killed while it ran: its pid while it runs, its exit status
/// once it ended (`RECEIPTS/<id>.pid`, `RECEIPTS/<id>`).
///
/// The program runs under a small `/bin/sh` wrapper (``command(running:arguments:)``) that writes the pid file, runs
/// it, then writes the exit status atomically. The program runs in its own session, so it outlives a SIGKILLed
/// daemon; the restarted daemon waits for a wrapper still running and takes a recorded `0` as sent, instead of
/// sending a mail the killed daemon had already handed over. Without a receipt the attempt is repeated (at least
/// once).
public struct DeliveryReceipt: Sendable, Hashable {
    /// The status file; the pid file is beside it.
    public let path: String

    /// The receipt of delivery `id` in `folder`.
    public init(folder: URL, id: Int64) {
        path = folder.appendingPathComponent(String(id)).path
    }

    var pidPath: String { path + ".pid" }

    /// The wrapper's `/bin/sh` arguments that run `program arguments…` and leave this receipt.
    ///
    /// `$$` is the wrapper's pid (the program's process group: it leads its own session).
    public func command(running program: String, arguments: [String]) -> [String] {
        let script = """
            r=$1; shift; echo $$ > "$r.pid.tmp" && mv -f "$r.pid.tmp" "$r.pid"; "$@"; s=$?; \
            echo $s > "$r.tmp" && mv -f "$r.tmp" "$r"; exit $s
            """
        return ["-c", script, "paperradar-delivery", path, program] + arguments
    }

    /// The exit status the wrapper recorded, if it finished.
    public var exitStatus: Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The wrapper's pid while it still runs (checked against its command line: a reused pid is not it).
    public var runningWrapper: pid_t? {
        guard let text = try? String(contentsOfFile: pidPath, encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, kill(pid, 0) == 0,
            let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
        else { return nil }
        return commandLine.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == path } ? pid : nil
    }

    /// Whether an earlier attempt left anything (it was interrupted by a crash of the daemon).
    public var exists: Bool {
        FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: pidPath)
    }

    /// Waits up to `timeout` seconds for a wrapper of an interrupted attempt; kills its process group if it is
    /// still running then (the attempt then counts as not sent).
    ///
    /// - Returns: the exit status it recorded, if any.
    public func awaitInterruptedAttempt(timeout: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while let pid = runningWrapper {
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                break
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return exitStatus
    }

    /// Removes the receipt (before a new attempt, and after its outcome is recorded in the journal).
    public func remove() {
        for file in [path, pidPath, path + ".tmp", pidPath + ".tmp"] { unlink(file) }
    }
}
