import DigestParsing
import FileIO
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
            switch try BoundedFile.read(url.path, maxBytes: maxBytes) {
            case .bytes(let read):
                bytes = read
            case .tooLarge(let size):
                throw FileError(
                    path: url.path,
                    message: "file is \(size) bytes, over the size limit of \(maxBytes) bytes (raise it with --max-size)")
            }
        } catch let error as FileSystemError {
            throw FileError(path: url.path, message: error.cause)
        }
        do {
            let parsed = try DigestParser(options: .init(maxBytes: maxBytes)).parse(bytes: bytes)
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
