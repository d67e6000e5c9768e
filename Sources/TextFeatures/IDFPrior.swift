/// Document frequencies of common terms over a large reference corpus, blended into a small local corpus's idf.
///
/// A fresh install with 50 papers has too little evidence for idf: every term occurs in 1–3 documents. The prior
/// (by default `models/idf-prior.tsv`, built from 93,739 arXiv papers by `scripts/build-idf-prior`) acts as `m`
/// pseudo-documents whose weight shrinks as the local corpus grows:
///
///     m = m₀² / (m₀ + n),   m₀ = min(priorWeight, N)          (priorWeight = 1000 by default)
///     n' = n + m,   df'(t) = df(t) + m · dfₚ(t) / N,   idf(t) = ln((1 + n') / (1 + df'(t))) + 1
///
/// for `n` local documents, `N` prior documents and prior frequency `dfₚ(t)` (0 for terms it does not list). A
/// term present locally but below `minDF` is kept when the prior lists it; `maxDF` applies to `df'/n'`. Terms
/// absent from the local corpus are not added to the vocabulary.
///
/// The text format: one header line starting with `#`, with tab-separated `key=value` settings (`documents` is
/// required; `stemming` must match the model's stemmer, see ``TFIDFConfiguration/stemming``), then one
/// `term<TAB>df` line per term, sorted by decreasing df, then term. Bigram terms are `"stem₁ stem₂"`.
public struct IDFPrior: Sendable, Hashable {
    /// The number of documents the frequencies were counted over (`N`).
    public var documentCount: Int
    /// Document frequency by term.
    public var documentFrequencies: [String: Int]
    /// The header settings (`documents`, `terms`, `ngrams`, `stemming`, `stopwords`, …).
    public var settings: [String: String]

    public init(documentCount: Int, documentFrequencies: [String: Int], settings: [String: String] = [:]) {
        self.documentCount = documentCount
        self.documentFrequencies = documentFrequencies
        var settings = settings
        settings["documents"] = String(documentCount)
        settings["terms"] = String(documentFrequencies.count)
        self.settings = settings
    }

    /// Parses the text format described above.
    ///
    /// - Throws: ``TextFeaturesError/Code-swift.struct/malformedPrior`` naming the first bad line.
    /// - Complexity: O(n) in the length of `text`.
    public init(parsing text: String) throws {
        var settings: [String: String] = [:]
        var frequencies: [String: Int] = [:]
        var sawHeader = false
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                sawHeader = true
                for field in line.dropFirst().split(separator: "\t") {
                    guard let equals = field.firstIndex(of: "=") else { continue }
                    settings[String(field[..<equals])] = String(field[field.index(after: equals)...])
                }
                continue
            }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let df = Int(parts[1]), df > 0 else {
                throw TextFeaturesError(
                    .malformedPrior, "IDF prior line \(lineNumber) is not `term<TAB>df`: \(line.prefix(80))")
            }
            frequencies[String(parts[0])] = df
        }
        guard sawHeader, let documents = settings["documents"].flatMap({ Int($0) }), documents > 0 else {
            throw TextFeaturesError(
                .malformedPrior,
                "The IDF prior has no `#` header line with `documents=N`; rebuild it with "
                    + "scripts/build-idf-prior.")
        }
        self.documentCount = documents
        self.documentFrequencies = frequencies
        self.settings = settings
    }

    /// The text format: the header (settings sorted by key, `documents` first), then `term<TAB>df` lines by
    /// decreasing df, then term.
    ///
    /// - Complexity: O(t log t) for `t` terms.
    public func serialized() -> String {
        var header = "#paperradar-idf-prior\tdocuments=\(documentCount)"
        for key in settings.keys.sorted() where key != "documents" {
            header += "\t\(key)=\(settings[key] ?? "")"
        }
        var lines = [header]
        let sorted = documentFrequencies.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        lines.reserveCapacity(sorted.count + 2)
        for (term, df) in sorted { lines.append("\(term)\t\(df)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `stemming` setting this prior was built with, if its header says.
    public var stemming: String? { settings["stemming"] }
}
