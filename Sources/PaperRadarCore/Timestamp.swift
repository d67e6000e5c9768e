#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The one way PaperRadar writes and reads points in time: ISO 8601 in UTC to the second (`2026-11-22T09:30:00Z`),
/// as stored in the database, stamped on reports and printed in logs.
public enum Timestamp {
    /// `2026-11-22T09:30:00Z`.
    public static func string(from date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// The time written by ``string(from:)``; `nil` for any other text.
    public static func date(from text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// Now, as stored.
    public static var now: String { string(from: Date()) }
}
