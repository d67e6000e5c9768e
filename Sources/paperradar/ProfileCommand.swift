import ArgumentParser
import FileIO
import Foundation
import PaperRadarCore
import Pipeline
import Recommendation
import Store

/// `paperradar profile export|import`: stored profiles as files.
struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a stored profile as a profile file, or import a profile file, BibTeX or Zotero library.",
        subcommands: [ProfileExport.self, ProfileImport.self])
}

/// `paperradar profile export FILE.toml`.
struct ProfileExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a stored profile (ratings, liked texts, settings) as a profile.toml file.")
    @Argument(help: "The file to write (- for standard output).") var file: String
    @OptionGroup var profile: ProfileNameOption
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore()
        try CLIError.translating {
            let text = try ReadingProfiles(store: store).exportText(named: profile.profile)
            if file == "-" {
                print(text, terminator: "")
            } else {
                try AtomicFile.write(text, to: file)
                Terminal.error("wrote profile \(profile.profile) to \(file)")
            }
        }
    }
}

/// `paperradar profile import FILE`.
struct ProfileImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add a profile file, a BibTeX export (.bib) or a Zotero database (zotero.sqlite) to a stored profile.",
        discussion: """
            A profile file's likes, dislikes, saves and liked texts are added (a like replaces a stored dislike) and \
            its settings replace the stored ones. From a library, entries naming an arXiv paper (eprint, url, doi \
            10.48550/arXiv.…, or extra/note "arXiv: …") become likes, and entries without one but with an abstract \
            become liked texts, folded into the model's space like papers. A Zotero database is read from a \
            copy, opened read-only, so Zotero may be running.
            """)
    @Argument(help: "A .toml profile file, a .bib file or a zotero.sqlite database.") var file: String
    @OptionGroup var profile: ProfileNameOption
    @OptionGroup var storeOptions: StoreOptions

    /// Library files are larger than profiles; this is plenty for both.
    static let maxBytes = 256 << 20

    func run() throws {
        let store = try storeOptions.openStore()
        let profiles = ReadingProfiles(store: store)
        let name = URL(fileURLWithPath: file).lastPathComponent
        let lowered = file.lowercased()
        let summary: ProfileImportSummary = try CLIError.translating {
            if lowered.hasSuffix(".sqlite") || lowered.hasSuffix(".db") {
                return try profiles.importLibrary(try ZoteroLibrary.entries(at: file), source: name, into: profile.profile)
            }
            let text = try readText()
            if lowered.hasSuffix(".bib") || lowered.hasSuffix(".bibtex") {
                let entries: [LibraryEntry]
                do {
                    entries = try BibTeX.entries(text)
                } catch {
                    throw CLIError("\(file): \(error)")
                }
                return try profiles.importLibrary(entries, source: name, into: profile.profile)
            }
            guard lowered.hasSuffix(".toml") else {
                throw CLIError("\(file): give a .toml profile file, a .bib BibTeX export or a zotero.sqlite database")
            }
            let parsed: ReadingProfile
            do {
                parsed = try ReadingProfile(parsing: text)
            } catch {
                throw CLIError("\(file): \(error)")
            }
            return try profiles.importProfile(parsed, source: name, into: profile.profile)
        }
        var lines = ["imported \(name) into profile \(profile.profile): \(summary.entries) entries"]
        lines.append(
            "  likes:       \(summary.likedIDs) arXiv ids (\(summary.likesAdded) new, \(summary.likedInStore) in the store)")
        if summary.dislikesAdded > 0 { lines.append("  dislikes:    \(summary.dislikesAdded) new") }
        if summary.savesAdded > 0 { lines.append("  saved:       \(summary.savesAdded) new") }
        lines.append("  liked texts: \(summary.likedTexts) without an arXiv id (\(summary.likedTextsAdded) new)")
        if summary.skipped > 0 { lines.append("  skipped:     \(summary.skipped) with neither an arXiv id nor an abstract") }
        if summary.settingsReplaced { lines.append("  settings:    replaced by the file's") }
        print(lines.joined(separator: "\n"))
    }

    private func readText() throws -> String {
        do {
            switch try BoundedFile.read(file, maxBytes: Self.maxBytes) {
            case .bytes(let bytes):
                guard let text = String(validating: bytes, as: UTF8.self) else { throw CLIError("\(file): not UTF-8 text") }
                return text
            case .tooLarge(let size):
                throw CLIError("\(file) is \(size >> 20) MB: larger than a profile or library file can be (256 MB)")
            }
        } catch let error as FileSystemError {
            throw CLIError(error.description)
        }
    }
}
