import Foundation
import Testing

/// Text compared with a file checked into the repository, byte for byte.
///
/// `PAPERRADAR_UPDATE_SNAPSHOTS=1 swift test` rewrites the files instead (and passes): review the diff before
/// committing.
public enum Snapshot {
    /// Whether this run rewrites snapshots.
    public static var isUpdating: Bool { ProcessInfo.processInfo.environment["PAPERRADAR_UPDATE_SNAPSHOTS"] == "1" }

    /// Records an issue naming the first differing line when `text` differs from `directory/name`.
    public static func expect(
        _ text: String, matches name: String, in directory: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = directory.appendingPathComponent(name)
        if isUpdating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "no snapshot \(name): run PAPERRADAR_UPDATE_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard text != expected else { return }
        let got = text.components(separatedBy: "\n")
        let want = expected.components(separatedBy: "\n")
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record(
            """
            \(name) differs from its snapshot at line \(line + 1):
              got:      \(line < got.count ? got[line] : "<end>")
              snapshot: \(line < want.count ? want[line] : "<end>")
            (PAPERRADAR_UPDATE_SNAPSHOTS=1 swift test rewrites the snapshots)
            """, sourceLocation: sourceLocation)
    }
}
