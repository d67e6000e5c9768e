import ArgumentParser
import PaperRadarCore
import Store

/// `--profile NAME` of the rating commands.
struct ProfileNameOption: ParsableArguments {
    @Option(name: .long, help: "The stored profile (default: \"default\", the one `paperradar serve` uses).")
    var profile = PaperStore.defaultProfile
}

/// The arXiv ids of the rating commands, checked.
enum RatingIDs {
    static func parse(_ texts: [String]) throws -> [ArxivID] {
        try texts.map { text in
            guard let parsed = ArxivID.parse(text) else {
                throw ValidationError("\(text) is not an arXiv id (write it like 2502.10391 or arXiv:2502.10391v2)")
            }
            return parsed.id
        }
    }

    /// Rates `ids` and says what happened, warning about ids the store does not hold.
    static func rate(_ ids: [ArxivID], _ kind: RatingKind, profile: String, store: PaperStore) throws {
        try CLIError.translating {
            let added = try store.rate(ids, kind, profile: profile)
            let known = try store.papers(ids: ids)
            let unknown = ids.filter { known[$0] == nil }
            let verb = kind == .like ? "liked" : kind == .dislike ? "disliked" : "saved"
            print("\(verb) \(ids.count) paper\(ids.count == 1 ? "" : "s") in profile \(profile) (\(added) new)")
            if !unknown.isEmpty {
                Terminal.error(
                    "not in the store yet (kept, used once they are): "
                        + unknown.map(\.rawValue).joined(separator: ", "))
            }
        }
    }
}

/// `paperradar like ID…`.
struct Like: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Like papers: the reading list learns from them (a like replaces a dislike).")
    @Argument(help: "arXiv ids.") var ids: [String]
    @OptionGroup var profile: ProfileNameOption
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws { _ = try RatingIDs.parse(ids) }

    func run() throws {
        try RatingIDs.rate(try RatingIDs.parse(ids), .like, profile: profile.profile, store: try storeOptions.openStore())
    }
}

/// `paperradar dislike ID…`.
struct Dislike: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dislike papers: they and papers close to them are held back (a dislike replaces a like).")
    @Argument(help: "arXiv ids.") var ids: [String]
    @OptionGroup var profile: ProfileNameOption
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws { _ = try RatingIDs.parse(ids) }

    func run() throws {
        try RatingIDs.rate(
            try RatingIDs.parse(ids), .dislike, profile: profile.profile, store: try storeOptions.openStore())
    }
}

/// `paperradar unrate ID…`.
struct Unrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove every rating (like, dislike, save) of papers.")
    @Argument(help: "arXiv ids.") var ids: [String]
    @OptionGroup var profile: ProfileNameOption
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws { _ = try RatingIDs.parse(ids) }

    func run() throws {
        let store = try storeOptions.openStore()
        try CLIError.translating {
            let removed = try store.unrate(try RatingIDs.parse(ids), profile: profile.profile)
            print("removed \(removed) rating\(removed == 1 ? "" : "s") from profile \(profile.profile)")
        }
    }
}
