/// What produced a report: printed at the top of every report so that two reports can be compared.
public struct ReportProvenance: Sendable, Hashable, Codable {
    /// When the report was made, ISO 8601 in UTC (`2026-11-22T09:30:00Z`).
    public var generatedAt: String
    /// The program and its version, e.g. `PaperRadar 0.6`.
    public var generator: String
    /// Papers in the store the report was computed against.
    public var paperCount: Int
    /// The hash naming the models used (`<tfidf>+<lsa>`), or `none` before the first fit.
    public var modelHash: String
    /// The hash of the topic model, when topics were used.
    public var topicsHash: String?
    /// Settings that shaped the result, by name (`tfidf`, `lsa`, `topics`, `related`, `profile`, …), in order.
    public var settings: [Setting]

    /// One named setting, e.g. `("related", "top 5, score = 0.9·LSA + 0.1·TF-IDF")`.
    public struct Setting: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        generatedAt: String, generator: String, paperCount: Int, modelHash: String, topicsHash: String? = nil,
        settings: [Setting] = []
    ) {
        self.generatedAt = generatedAt
        self.generator = generator
        self.paperCount = paperCount
        self.modelHash = modelHash
        self.topicsHash = topicsHash
        self.settings = settings
    }
}
