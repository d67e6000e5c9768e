import DigestParsing
import PaperRadarCore

/// Parse warnings as the CLI prints them.
enum DigestWarnings {
    /// Prints warnings as `path:line: warning: message` on stderr.
    static func report(_ warnings: [ParseWarning], path: String) {
        for warning in warnings {
            if let line = warning.line {
                Terminal.error("\(path):\(line): warning: \(warning.message)")
            } else {
                Terminal.error("\(path): warning: \(warning.message)")
            }
        }
    }
}
