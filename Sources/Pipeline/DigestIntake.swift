import DigestParsing
import FileIO
import PaperRadarCore
import Store

/// A digest file's way into the store: read (size limit first), hash, parse, ingest. The one path shared by
/// `paperradar ingest`, `report digest FILE` and the daemon (which records its journal between the steps).
public struct DigestIntake: Sendable {
    public let store: PaperStore
    public let reader: DigestReader

    public init(store: PaperStore, maxBytes: Int) {
        self.store = store
        reader = DigestReader(maxBytes: maxBytes)
    }

    /// Stores a parsed digest (one transaction; the same bytes again change nothing).
    public func ingest(_ parsed: ParsedDigest, from digest: DigestReader.DigestBytes) throws -> IngestOutcome {
        try store.ingest(parsed, from: digest.source)
    }

    /// A digest file taken in: its parse (with warnings) and what ingesting did.
    public struct Taken: Sendable {
        public var parsed: ParsedDigest
        public var outcome: IngestOutcome
    }

    /// Reads, parses and ingests a file.
    ///
    /// - Throws: ``IntakeError`` naming the file and saying what was wrong, or a store error.
    public func take(_ path: String) throws -> Taken {
        let (digest, parsed) = try reader.readAndParse(path)
        return Taken(parsed: parsed, outcome: try ingest(parsed, from: digest))
    }
}

/// Reading and parsing digest files (no store involved).
public struct DigestReader: Sendable {
    /// Files over this many bytes are refused before they are read.
    public var maxBytes: Int

    public init(maxBytes: Int) { self.maxBytes = maxBytes }

    /// A digest file's bytes and their identity.
    public struct DigestBytes: Sendable {
        public var path: String
        public var bytes: [UInt8]
        /// SHA-256 of the bytes: the digest's identity.
        public var contentHash: String

        public var source: DigestSource {
            DigestSource(path: path, contentHash: contentHash, byteCount: bytes.count)
        }
    }

    /// What reading found.
    public enum ReadResult: Sendable {
        case read(DigestBytes)
        /// Over the size limit (its size); nothing was read.
        case tooLarge(Int64)
    }

    /// Reads and hashes a digest file.
    ///
    /// - Throws: ``FileSystemError`` (missing, a folder, permission denied, I/O error).
    public func read(_ path: String) throws -> ReadResult {
        switch try BoundedFile.read(path, maxBytes: maxBytes) {
        case .tooLarge(let size): return .tooLarge(size)
        case .bytes(let bytes): return .read(DigestBytes(path: path, bytes: bytes, contentHash: SHA256.hexDigest(bytes)))
        }
    }

    /// Parses read bytes (pure).
    ///
    /// - Throws: ``DigestParseError`` (not a digest, binary, …).
    public func parse(_ digest: DigestBytes) throws -> ParsedDigest {
        let name = digest.path.split(separator: "/").last.map(String.init)
        return try DigestParser(options: .init(maxBytes: maxBytes, sourceName: name)).parse(bytes: digest.bytes)
    }

    /// Reads and parses a file.
    ///
    /// - Throws: ``IntakeError`` naming the file and saying what was wrong.
    public func readAndParse(_ path: String) throws -> (DigestBytes, ParsedDigest) {
        let digest = try readOrExplain(path)
        do {
            return (digest, try parse(digest))
        } catch {
            throw IntakeError(path: path, message: "\(error)")
        }
    }

    private func readOrExplain(_ path: String) throws -> DigestBytes {
        do {
            switch try read(path) {
            case .read(let digest): return digest
            case .tooLarge(let size):
                throw IntakeError(
                    path: path,
                    message: "file is \(size) bytes, over the size limit of \(maxBytes) bytes (raise it with --max-size)")
            }
        } catch let error as FileSystemError {
            throw IntakeError(path: path, message: error.cause)
        }
    }
}

/// A digest file that could not be taken in: the file and what was wrong.
public struct IntakeError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
