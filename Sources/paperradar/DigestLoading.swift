import DigestParsing
import Foundation
import PaperRadarCore
import Store

/// A digest file read and parsed, or why it could not be.
struct LoadedDigest {
    var url: URL
    var bytes: [UInt8]
    var parsed: ParsedDigest

    var source: DigestSource { DigestSource(path: url.path, bytes: bytes) }
}

/// An error about one file, carrying its path.
struct FileError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): \(message)" }
}

enum DigestLoading {
    /// Reads and parses one digest file; errors name the file and say why.
    static func load(_ url: URL, maxBytes: Int) throws -> LoadedDigest {
        let bytes: [UInt8]
        do {
            bytes = try DigestFile.read(url, maxBytes: maxBytes)
        } catch let error as StoreError {
            throw FileError(path: url.path, message: error.message.replacingOccurrences(of: "\(url.path): ", with: ""))
        }
        do {
            let options = DigestParser.Options(maxBytes: maxBytes, sourceName: url.lastPathComponent)
            let parsed = try DigestParser(options: options).parse(bytes: bytes)
            return LoadedDigest(url: url, bytes: bytes, parsed: parsed)
        } catch {
            throw FileError(path: url.path, message: "\(error)")
        }
    }

    /// Prints warnings as `path:line: warning: message` on stderr.
    static func reportWarnings(_ warnings: [ParseWarning], path: String) {
        for warning in warnings {
            if let line = warning.line {
                Terminal.error("\(path):\(line): warning: \(warning.message)")
            } else {
                Terminal.error("\(path): warning: \(warning.message)")
            }
        }
    }
}
