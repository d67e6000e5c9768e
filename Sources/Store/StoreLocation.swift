import Foundation

/// Where PaperRadar keeps its data: `--home`, else `$PAPERRADAR_HOME`, else `$XDG_DATA_HOME/paperradar`,
/// else `~/.local/share/paperradar`.
public struct StoreLocation: Sendable, Hashable {
    /// The home directory (created on first use).
    public var home: URL

    public init(home: URL) { self.home = home }

    /// Resolves the home directory from an explicit path and the environment, in that order.
    public static func resolve(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> StoreLocation {
        if let explicit, !explicit.isEmpty { return StoreLocation(home: URL(fileURLWithPath: expandTilde(explicit))) }
        if let home = environment["PAPERRADAR_HOME"], !home.isEmpty {
            return StoreLocation(home: URL(fileURLWithPath: expandTilde(home)))
        }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return StoreLocation(home: URL(fileURLWithPath: xdg).appendingPathComponent("paperradar"))
        }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return StoreLocation(
            home: URL(fileURLWithPath: userHome).appendingPathComponent(".local/share/paperradar"))
    }

    /// The SQLite database file inside the home directory.
    public var databaseURL: URL { home.appendingPathComponent("paperradar.sqlite") }

    private static func expandTilde(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
