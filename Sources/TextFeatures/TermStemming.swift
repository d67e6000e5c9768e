/// The fourth stage of the analysis: token → stem, with the Snowball English (Porter2) stemmer.
///
/// Tokens holding a digit (`gpt-4o`, `3d`, `llama-3`) are names, not English words, and are kept as they are;
/// so is every token when stemming is off. Hyphenated words are stemmed as one word (`k-means` → its Porter2
/// stem, which only touches the last part's suffix).
enum TermStemming {
    /// The stem of `token` under the rules above.
    static func stem(_ token: String, hasDigit: Bool, enabled: Bool) -> String {
        guard enabled, !hasDigit else { return token }
        return PorterStemmer().stem(token)
    }

    /// The stem of `token`, checking for digits itself.
    static func stem(_ token: String, enabled: Bool) -> String {
        stem(token, hasDigit: token.utf8.contains { ASCII.isDigit($0) }, enabled: enabled)
    }

    /// Identifies the stemmer in model and prior headers: `off`, or `snowball-english:` and the FNV-1a 64 hash
    /// (8 hex digits) of the stems of a fixed probe list, so a prior built with another stemmer is detected.
    static func identifier(enabled: Bool) -> String { enabled ? stemmerIdentifier : "off" }

    private static let stemmerIdentifier: String = {
        let probes = [
            "running", "generalization", "connections", "happily", "relational", "conditional", "valency",
            "digitizer", "radically", "differently", "vietnamization", "predication", "feudalism", "decisiveness",
            "hopefulness", "callousness", "formality", "sensitivity", "triplicate", "formative", "formalize",
            "electrical", "goodness", "revival", "allowance", "inference", "airliner", "gyroscopic", "adjustable",
            "defensible", "irritant", "replacement", "adjustment", "dependent", "adoption", "communism", "activate",
            "homologous", "effective", "bowdlerize", "models", "learning", "networks", "transformers", "generative",
            "skies", "dying", "news", "agreed", "cried", "knowledge", "retrieval", "generation", "reasoning",
        ]
        var hasher = FNV1a64()
        let stemmer = PorterStemmer()
        for word in probes {
            hasher.update(word + "\t" + stemmer.stem(word) + "\n")
        }
        return "snowball-english:" + String(hasher.hex.prefix(8))
    }()
}
