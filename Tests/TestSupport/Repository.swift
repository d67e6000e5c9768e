import Foundation

/// Where the repository's files and the shared corpus are, for tests of every target.
public enum Repository {
    /// The folder holding `Package.swift` above this file (symbolic links resolved), or `$PAPERRADAR_REPO`.
    public static let root: URL = {
        if let repo = ProcessInfo.processInfo.environment["PAPERRADAR_REPO"], !repo.isEmpty {
            return URL(fileURLWithPath: repo)
        }
        for start in [URL(fileURLWithPath: #filePath), URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()] {
            var folder = start.deletingLastPathComponent()
            while folder.path != "/" {
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                    return folder
                }
                folder.deleteLastPathComponent()
            }
        }
        preconditionFailure("no Package.swift above \(#filePath): set PAPERRADAR_REPO")
    }()

    /// A file or folder of the repository, by its path from the root (`models/topics.toml`).
    public static func file(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// `models/`: the model files shipped with PaperRadar.
    public static var models: URL { file("models") }

    /// `scripts/examples/`: the example digests (one per layout).
    public static var examples: URL { file("scripts/examples") }

    /// The shared data folder (`$PAPERRADAR_SHARED`, else `shared` beside the repository) when it holds `corpus/`;
    /// `nil` otherwise, and tests that need it skip.
    public static let shared: URL? = {
        let env = ProcessInfo.processInfo.environment["PAPERRADAR_SHARED"].flatMap { $0.isEmpty ? nil : $0 }
        let url = env.map { URL(fileURLWithPath: $0) } ?? root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("corpus").path) ? url : nil
    }()

    /// A file or folder of the shared data (`corpus/digests`), when it exists.
    public static func sharedFile(_ path: String) -> URL? {
        guard let url = shared?.appendingPathComponent(path), FileManager.default.fileExists(atPath: url.path) else {
            return nil
        }
        return url
    }
}
