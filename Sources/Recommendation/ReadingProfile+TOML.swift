import PaperRadarCore

extension ReadingProfile {
    /// The profile as a `profile.toml` file: the ratings, then the settings (``settingsTOML``); parsing it with
    /// ``init(parsing:)`` gives the profile back.
    public var tomlText: String {
        var lines = ["# A PaperRadar reading profile (see the README's \"Reading profiles\")."]
        lines.append("liked = " + TOML.array(liked.map(\.rawValue)))
        if !disliked.isEmpty { lines.append("disliked = " + TOML.array(disliked.map(\.rawValue))) }
        if !saved.isEmpty { lines.append("saved = " + TOML.array(saved.map(\.rawValue))) }
        let settings = settingsTOML
        var text = lines.joined(separator: "\n") + "\n"
        if !settings.isEmpty { text += "\n" + settings }
        for liked in likedTexts {
            text += "\n[[liked_texts]]\ntitle = \(TOML.quoted(liked.title))\nabstract = \(TOML.quoted(liked.abstract))\n"
        }
        return text
    }

    /// The profile's settings as TOML (empty when it has none); ``settings(parsing:)`` reads it back.
    ///
    /// Top-level keys come first and the `[keywords]` table last, so that the text can be followed by more tables.
    public var settingsTOML: String {
        var lines: [String] = []
        if !authors.isEmpty { lines.append("authors = " + TOML.array(authors)) }
        if !muteTopics.isEmpty {
            let items = muteTopics.map { selector -> String in
                switch selector {
                case .id(let id): String(id)
                case .name(let name): TOML.quoted(name)
                }
            }
            lines.append("mute_topics = [" + items.joined(separator: ", ") + "]")
        }
        if let minScore { lines.append("min_score = \(minScore)") }
        if let seenDays { lines.append("seen_days = \(seenDays)") }
        if let top { lines.append("top = \(top)") }
        let hasKeywords = !mustKeywords.isEmpty || !boostKeywords.isEmpty || !muteKeywords.isEmpty
        if hasKeywords || boostWeight != Self.defaultBoostWeight {
            if !lines.isEmpty { lines.append("") }
            lines.append("[keywords]")
            if !mustKeywords.isEmpty { lines.append("must = " + TOML.array(mustKeywords.map(\.text))) }
            if !boostKeywords.isEmpty { lines.append("boost = " + TOML.array(boostKeywords.map(\.text))) }
            if !muteKeywords.isEmpty { lines.append("mute = " + TOML.array(muteKeywords.map(\.text))) }
            if boostWeight != Self.defaultBoostWeight { lines.append("boost_weight = \(boostWeight)") }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
