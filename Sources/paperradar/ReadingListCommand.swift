import ArgumentParser
import Daemon
import Foundation
import PaperRadarCore
import Pipeline
import Recommendation
import Reports
import Store

/// `paperradar reading-list --profile FILE`: the papers a reading profile ranks highest, each with why.
struct ReadingList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reading-list",
        abstract: "A personalised reading list from a profile (liked papers, keywords, authors, muted topics).",
        discussion: """
            A linear model learns the liked papers against the rest of the store, the profile's rules add or \
            remove papers, and the list is diversified across topics. Every item says why. The report ends with \
            a self-check: liked papers are held out and the recall of the rest is printed. The profile format is \
            in the README (the smallest profile is `liked = ["2502.10391", "2410.07177"]`). \
            `--format json` prints {"items": [{"id", "score", "why", …}], …} in rank order. With --mail-to the list \
            is mailed instead of printed (Markdown and HTML in one message, through the sendmail-compatible \
            program; for a weekly timer); the command fails when the mailer does.
            """)

    @Option(
        name: .long,
        help: "The reading profile: a profile.toml file, or the name of a stored profile (default: the stored profile \"default\").")
    var profile = PaperStore.defaultProfile
    @Option(name: .long, help: "Only papers dated on or after this day (YYYY-MM-DD).") var since: String?
    @Option(name: .long, help: "How many papers to list (default: the profile's `top`, else 50).") var top: Int?
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var mail: MailOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() async throws {
        let repository = try storeOptions.openRepository()
        let store = repository.store
        let resolved = try ProfileLoading.resolve(profile, store: store)
        let space = try CLIError.translating { try repository.openSpace() }
        let report = try CLIError.translating {
            try ReadingLists(space: space, store: store).readingList(
                profile: resolved.profile, profileFile: resolved.label, since: since,
                top: top ?? resolved.profile.top ?? 50, now: output.now)
        }
        guard let settings = try mail.settings() else {
            try CLIError.translating { try output.emit(report.rendered(as: output.format)) }
            return
        }
        if output.out != nil { try CLIError.translating { try output.emit(report.rendered(as: output.format)) } }
        let markdown = report.rendered(as: .markdown)
        let message = report.mailMessage(from: settings.from, to: settings.to, key: SHA256.hexDigest(markdown))
        let result = await ProgramRunner.run(
            settings.sendmail, arguments: settings.arguments, input: message.rendered(), timeout: settings.timeout)
        guard result.succeeded else {
            throw CLIError(
                "the reading list was not mailed: \(settings.sendmail) \(result.endingDescription)"
                    + (result.output.isEmpty ? "" : ": \(result.output)"))
        }
        Terminal.error("mailed the reading list to \(settings.to.joined(separator: ", ")) (Message-ID \(message.messageID))")
    }
}

/// Reading a profile file, with errors that name it; or a stored profile by name.
enum ProfileLoading {
    /// A profile file (a path that exists, or one that ends in `.toml` or names a folder) or a stored profile.
    ///
    /// - Returns: the profile and how reports name it (the file name, or `profile NAME`).
    static func resolve(_ fileOrName: String, store: PaperStore) throws -> (profile: ReadingProfile, label: String) {
        let looksLikeFile = fileOrName.hasSuffix(".toml") || fileOrName.contains("/")
        if looksLikeFile || FileManager.default.fileExists(atPath: fileOrName) {
            return (try load(fileOrName), URL(fileURLWithPath: fileOrName).lastPathComponent)
        }
        let names = try CLIError.translating { try store.profileNames() }
        guard names.contains(fileOrName) else {
            throw CLIError(
                "\(fileOrName): no such profile file, and no stored profile by that name"
                    + (names.isEmpty
                        ? " (none is stored yet: rate papers with `paperradar like ID…`)"
                        : " (stored profiles: \(names.joined(separator: ", ")))"))
        }
        let profile = try CLIError.translating { try ReadingProfiles(store: store).profile(named: fileOrName) }
        return (profile, "profile \(fileOrName)")
    }

    static func load(_ path: String) throws -> ReadingProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): no such profile file (see the README for the profile.toml format)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path): not UTF-8 text") }
        do {
            return try ReadingProfile(parsing: text)
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

}
