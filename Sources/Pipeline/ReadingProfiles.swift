import PaperRadarCore
import Recommendation
import Store

/// What importing into a stored profile did.
public struct ProfileImportSummary: Sendable, Hashable {
    /// Entries read (papers of a profile file, records of a library).
    public var entries = 0
    /// Likes, dislikes and saves added (a rating already there is not counted).
    public var likesAdded = 0
    public var dislikesAdded = 0
    public var savesAdded = 0
    /// Liked arXiv ids in all, and how many of them the store holds.
    public var likedIDs = 0
    public var likedInStore = 0
    /// Liked texts found (entries without an arXiv id but with an abstract) and added.
    public var likedTexts = 0
    public var likedTextsAdded = 0
    /// Library entries with neither an arXiv id nor an abstract (nothing to learn from).
    public var skipped = 0
    /// Whether the settings were replaced by the file's.
    public var settingsReplaced = false

    public init() {}
}

/// Named reading profiles kept in the store: a profile's ratings (like, dislike, save), its liked texts and its
/// settings, read as a ``ReadingProfile``; exported as, and imported from, a profile file or a reader's library.
public struct ReadingProfiles: Sendable {
    public let store: PaperStore

    public init(store: PaperStore) { self.store = store }

    /// A stored profile as a reading profile: its likes, dislikes and saves (oldest first), liked texts and
    /// settings; an empty profile when none is stored under that name.
    ///
    /// - Throws: ``PipelineError`` when the stored settings no longer parse (edited by hand).
    public func profile(named name: String) throws -> ReadingProfile {
        guard let stored = try store.storedProfile(named: name) else { return ReadingProfile(liked: []) }
        var profile: ReadingProfile
        do {
            profile = try ReadingProfile.settings(parsing: stored.settings)
        } catch {
            throw PipelineError("the settings of profile \(name) are invalid (\(error)): fix them on the settings page")
        }
        profile.liked = stored.ids(.like)
        profile.disliked = stored.ids(.dislike)
        profile.saved = stored.ids(.save)
        profile.likedTexts = stored.likedTexts.map { LikedText(title: $0.title, abstract: $0.abstract) }
        return profile
    }

    /// Validates settings written as a profile file's settings (TOML) and stores them.
    ///
    /// - Returns: the settings as parsed.
    /// - Throws: ``ReadingProfileError`` with the same messages as a profile file; nothing is stored then.
    @discardableResult
    public func saveSettings(_ text: String, profile name: String) throws -> ReadingProfile {
        let parsed = try ReadingProfile.settings(parsing: text)
        try store.saveProfileSettings(parsed.settingsTOML, profile: name)
        return parsed
    }

    /// The profile as a profile file (``ReadingProfile/tomlText``).
    ///
    /// - Throws: ``PipelineError`` when the profile does not exist or has nothing liked (a profile file needs a
    ///   liked paper).
    public func exportText(named name: String) throws -> String {
        guard try store.storedProfile(named: name) != nil else {
            throw PipelineError(
                "there is no stored profile \(name)\(try knownNames()): rate papers with `paperradar like ID…` first")
        }
        let profile = try profile(named: name)
        guard !profile.liked.isEmpty || !profile.likedTexts.isEmpty else {
            throw PipelineError("profile \(name) has no liked paper yet, and a profile file needs one: like some first")
        }
        return profile.tomlText
    }

    /// Adds a profile file's ratings and liked texts to a stored profile (a like in the file replaces a stored
    /// dislike and the other way round) and replaces its settings with the file's.
    public func importProfile(_ file: ReadingProfile, source: String, into name: String) throws -> ProfileImportSummary {
        var summary = ProfileImportSummary()
        summary.entries = file.liked.count + file.disliked.count + file.saved.count + file.likedTexts.count
        summary.likesAdded = try store.rate(file.liked, .like, profile: name)
        summary.dislikesAdded = try store.rate(file.disliked, .dislike, profile: name)
        summary.savesAdded = try store.rate(file.saved, .save, profile: name)
        summary.likedIDs = file.liked.count
        summary.likedInStore = try store.papers(ids: file.liked).count
        summary.likedTexts = file.likedTexts.count
        summary.likedTextsAdded = try store.addLikedTexts(
            file.likedTexts.map { StoredLikedText(title: $0.title, abstract: $0.abstract, source: source) }, profile: name)
        try store.saveProfileSettings(file.settingsTOML, profile: name)
        summary.settingsReplaced = true
        return summary
    }

    /// Adds a reader's library to a stored profile: entries naming an arXiv paper become likes, entries without
    /// one but with an abstract become liked texts, the rest are counted as skipped.
    public func importLibrary(_ entries: [LibraryEntry], source: String, into name: String) throws -> ProfileImportSummary {
        var summary = ProfileImportSummary()
        summary.entries = entries.count
        var ids: [ArxivID] = []
        var texts: [StoredLikedText] = []
        for entry in entries {
            if let id = entry.arxivID {
                if !ids.contains(id) { ids.append(id) }
            } else if !entry.abstract.trimmingWhitespace().isEmpty && !entry.title.trimmingWhitespace().isEmpty {
                texts.append(StoredLikedText(title: entry.title, abstract: entry.abstract, source: source))
            } else {
                summary.skipped += 1
            }
        }
        try PaperStore.validateProfileName(name)
        summary.likedIDs = ids.count
        summary.likesAdded = try store.rate(ids, .like, profile: name)
        summary.likedInStore = try store.papers(ids: ids).count
        summary.likedTexts = texts.count
        summary.likedTextsAdded = try store.addLikedTexts(texts, profile: name)
        return summary
    }

    /// `" (stored profiles: a, b)"`, or empty when there are none.
    private func knownNames() throws -> String {
        let names = try store.profileNames()
        return names.isEmpty ? "" : " (stored profiles: \(names.joined(separator: ", ")))"
    }
}
