import FileIO
import Foundation

/// How reports and moved digests are named, so that no digest's report or file ever replaces another's.
///
/// A digest `2026-11-09-llm.md` gets `REPORTS/2026-11-09-llm.md` (and `.html`, `.json` when asked). When that base
/// name is taken — reserved in the journal by another digest, or any report file of that base on disk — the next
/// of `2026-11-09-llm-2`, `-3`, … is used. Moved digests follow the same rule in `processed/` and `failed/`:
/// `a.md`, `a-2.md`, `a-3.md`, ….
public enum ReportNaming {
    /// The file name without its last extension (`2026-11-09-llm.md` → `2026-11-09-llm`, `notes` → `notes`).
    public static func stem(of fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return fileName }
        return String(fileName[..<dot])
    }

    /// The last extension with its dot (`.md`), or empty.
    public static func fileExtension(of fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        return String(fileName[dot...])
    }

    /// The `attempt`-th candidate of a base name: `stem`, then `stem-2`, `stem-3`, ….
    public static func candidate(_ stem: String, attempt: Int) -> String {
        attempt <= 1 ? stem : "\(stem)-\(attempt)"
    }

    /// The `attempt`-th candidate name for moving `fileName`: `a.md`, then `a-2.md`, `a-3.md`, ….
    public static func movedName(_ fileName: String, attempt: Int) -> String {
        candidate(stem(of: fileName), attempt: attempt) + fileExtension(of: fileName)
    }

    /// Every extension a report of any format may have: a base is free only when none of them exists.
    public static let reportExtensions = ["md", "html", "json", "atom"]

    /// Whether no report file of `base` (a path without extension) exists.
    public static func isReportBaseFree(_ base: String) -> Bool {
        reportExtensions.allSatisfy { FileSnapshot.isAbsent("\(base).\($0)") }
    }

    /// Whether a digest can be moved to `path` (nothing there, nor an error file beside it).
    public static func isMoveTargetFree(_ path: String) -> Bool {
        FileSnapshot.isAbsent(path) && FileSnapshot.isAbsent(path + ".error.txt")
    }
}
