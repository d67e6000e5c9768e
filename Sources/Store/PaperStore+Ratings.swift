import Foundation
import GRDB
import PaperRadarCore

/// What a reader said about a paper.
public enum RatingKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A positive of the reader's reading list (excludes ``dislike``).
    case like
    /// A negative (excludes ``like``).
    case dislike
    /// Kept for later; independent of like and dislike.
    case save
}

/// One rating of a paper in a named profile, with when it was given.
public struct Rating: Sendable, Hashable {
    public var paperID: ArxivID
    public var kind: RatingKind
    /// ISO 8601 (``Timestamp``).
    public var ratedAt: String

    public init(paperID: ArxivID, kind: RatingKind, ratedAt: String) {
        self.paperID = paperID
        self.kind = kind
        self.ratedAt = ratedAt
    }
}

/// A paper liked as a text (a library entry without an arXiv id).
public struct StoredLikedText: Sendable, Hashable {
    public var title: String
    public var abstract: String
    /// Where it came from (`library.bib`, `zotero.sqlite`, `profile.toml`).
    public var source: String
    public var addedAt: String

    public init(title: String, abstract: String, source: String, addedAt: String = Timestamp.now) {
        self.title = title
        self.abstract = abstract
        self.source = source
        self.addedAt = addedAt
    }
}

/// A named reading profile as stored: its ratings, liked texts and settings.
public struct StoredProfile: Sendable, Hashable {
    public var name: String
    /// The settings as the TOML of a profile file without ratings (empty for none).
    public var settings: String
    /// Increases with every change of the profile (ratings, texts or settings).
    public var revision: Int
    /// Oldest first.
    public var ratings: [Rating]
    /// Oldest first.
    public var likedTexts: [StoredLikedText]
    public var updatedAt: String

    /// The ids rated `kind`, oldest rating first.
    public func ids(_ kind: RatingKind) -> [ArxivID] { ratings.filter { $0.kind == kind }.map(\.paperID) }
}

extension PaperStore {
    /// The name of the profile used when none is given.
    public static let defaultProfile = "default"

    /// Checks a profile name: 1 to 64 letters, digits, `-`, `_` or `.`, not starting with `.`.
    ///
    /// - Throws: ``StoreError`` saying what a name may hold.
    public static func validateProfileName(_ name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        guard allowed, (1...64).contains(name.utf8.count), !name.hasPrefix(".") else {
            throw StoreError(
                "\"\(name)\" is not a profile name: use 1 to 64 letters, digits, '-', '_' or '.' (e.g. default, work)")
        }
    }

    /// The names of the stored profiles, sorted.
    public func profileNames() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM reading_profile ORDER BY name") }
    }

    /// A stored profile, or nil when there is none by that name.
    public func storedProfile(named name: String) throws -> StoredProfile? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT settings, revision, updated_at FROM reading_profile WHERE name = ?",
                    arguments: [name])
            else { return nil }
            let ratings = try Row.fetchAll(
                db, sql: "SELECT paper_id, kind, rated_at FROM rating WHERE profile = ? ORDER BY rated_at, paper_id",
                arguments: [name]
            ).compactMap { row -> Rating? in
                guard let id = ArxivID(row[0] as String), let kind = RatingKind(rawValue: row[1]) else { return nil }
                return Rating(paperID: id, kind: kind, ratedAt: row[2])
            }
            let texts = try Row.fetchAll(
                db, sql: "SELECT title, abstract, source, added_at FROM liked_text WHERE profile = ? ORDER BY id",
                arguments: [name]
            ).map { StoredLikedText(title: $0[0], abstract: $0[1], source: $0[2], addedAt: $0[3]) }
            return StoredProfile(
                name: name, settings: row[0], revision: row[1], ratings: ratings, likedTexts: texts, updatedAt: row[2])
        }
    }

    /// The profile's revision (0 when it does not exist): a cheap check of whether it changed.
    public func profileRevision(named name: String) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT revision FROM reading_profile WHERE name = ?", arguments: [name]) ?? 0
        }
    }

    /// Rates papers in a profile (created when missing): `like` removes a dislike of the same paper and `dislike` a
    /// like; rating again keeps the first time.
    ///
    /// - Returns: how many ratings were added.
    @discardableResult
    public func rate(_ ids: [ArxivID], _ kind: RatingKind, profile: String, at time: String = Timestamp.now) throws -> Int {
        try Self.validateProfileName(profile)
        return try writer.write { db in
            try Self.touchProfile(profile, at: time, in: db)
            var added = 0
            for id in ids {
                switch kind {
                case .like, .dislike:
                    let opposite: RatingKind = kind == .like ? .dislike : .like
                    try db.execute(
                        sql: "DELETE FROM rating WHERE profile = ? AND paper_id = ? AND kind = ?",
                        arguments: [profile, id.rawValue, opposite.rawValue])
                case .save:
                    break
                }
                try db.execute(
                    sql: "INSERT OR IGNORE INTO rating (profile, paper_id, kind, rated_at) VALUES (?, ?, ?, ?)",
                    arguments: [profile, id.rawValue, kind.rawValue, time])
                added += db.changesCount
            }
            return added
        }
    }

    /// Removes ratings of papers in a profile: the given kinds (every kind by default).
    ///
    /// - Returns: how many ratings were removed.
    @discardableResult
    public func unrate(
        _ ids: [ArxivID], kinds: [RatingKind] = RatingKind.allCases, profile: String, at time: String = Timestamp.now
    ) throws -> Int {
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM reading_profile WHERE name = ?", arguments: [profile]) != nil
            else { return 0 }
            var removed = 0
            for id in ids {
                for kind in kinds {
                    try db.execute(
                        sql: "DELETE FROM rating WHERE profile = ? AND paper_id = ? AND kind = ?",
                        arguments: [profile, id.rawValue, kind.rawValue])
                    removed += db.changesCount
                }
            }
            if removed > 0 { try Self.touchProfile(profile, at: time, in: db) }
            return removed
        }
    }

    /// Replaces a profile's settings (the TOML of a profile file without ratings; the caller validates it).
    public func saveProfileSettings(_ settings: String, profile: String, at time: String = Timestamp.now) throws {
        try Self.validateProfileName(profile)
        try writer.write { db in
            try Self.touchProfile(profile, at: time, in: db)
            try db.execute(sql: "UPDATE reading_profile SET settings = ? WHERE name = ?", arguments: [settings, profile])
        }
    }

    /// Adds liked texts to a profile; a text already there (same title and abstract) is not added twice.
    ///
    /// - Returns: how many were added.
    @discardableResult
    public func addLikedTexts(_ texts: [StoredLikedText], profile: String) throws -> Int {
        try Self.validateProfileName(profile)
        return try writer.write { db in
            try Self.touchProfile(profile, at: Timestamp.now, in: db)
            var added = 0
            for text in texts {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO liked_text (profile, title, abstract, source, content_hash, added_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        profile, text.title, text.abstract, text.source,
                        SHA256.hexDigest(Array((text.title + "\u{0}" + text.abstract).utf8)), text.addedAt,
                    ])
                added += db.changesCount
            }
            return added
        }
    }

    /// Creates the profile when missing and bumps its revision.
    static func touchProfile(_ name: String, at time: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO reading_profile (name, settings, revision, created_at, updated_at) VALUES (?, '', 1, ?, ?)
                ON CONFLICT(name) DO UPDATE SET revision = revision + 1, updated_at = excluded.updated_at
                """,
            arguments: [name, time, time])
    }
}
