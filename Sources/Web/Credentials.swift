import FileIO
import Foundation
import PaperRadarCore

/// The server's token and what derives from it: the session cookie's value, CSRF tokens, comparisons that take
/// the same time whatever the input.
enum Credentials {
    /// The file in the store folder a generated token is kept in (mode 0600).
    static let tokenFileName = "serve-token"

    /// 32 random bytes from the system's secure generator, as 64 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// The session cookie's value for a token: a hash of it, so that the cookie never holds the token itself.
    static func session(for token: String) -> String { SHA256.hexDigest("paperradar-session|" + token) }

    /// Whether two secrets are equal, comparing every byte whatever differs first.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }

    /// Whether a text can be a token or CSRF value: 16 to 256 printable ASCII characters without spaces, quotes,
    /// commas, semicolons or backslashes (so it fits in a cookie and a header as it is).
    static func isWellFormed(_ token: String) -> Bool {
        (16...256).contains(token.utf8.count)
            && token.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"\"',;\\".utf8.contains($0) }
    }

    /// The token kept in `folder`'s token file, created (random, mode 0600) when there is none.
    ///
    /// - Returns: the token and whether it was created now.
    /// - Throws: ``FileSystemError`` when the file cannot be read or written; ``WebError`` when it holds no
    ///   valid token.
    static func storedToken(in folder: String) throws -> (token: String, created: Bool) {
        let path = folder + "/" + tokenFileName
        if FileSnapshot.of(target: path) != nil {
            guard case .bytes(let bytes) = try BoundedFile.read(path, maxBytes: 4096) else {
                throw WebError("\(path) is not a token file (too large): delete it to have a new token generated")
            }
            let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard isWellFormed(token) else {
                throw WebError(
                    "\(path) does not hold a valid token (16 to 256 characters, no spaces or quotes): "
                        + "delete it to have a new one generated")
            }
            return (token, false)
        }
        let token = randomToken()
        try FileMove.ensureFolder(folder)
        try AtomicFile.write(token + "\n", to: path, ownerOnly: true)
        return (token, true)
    }
}

/// The token file of `paperradar serve` off loopback.
public enum WebTokens {
    /// The file's name in the store folder.
    public static let fileName = Credentials.tokenFileName

    /// The token kept in `folder`'s token file, generated (random, mode 0600) when there is none.
    ///
    /// - Throws: ``WebError`` when the file holds no valid token, `FileSystemError` when it cannot be read or written.
    public static func storedToken(in folder: String) throws -> (token: String, created: Bool) {
        try Credentials.storedToken(in: folder)
    }
}

/// A problem starting the web app that a user can act on.
public struct WebError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
