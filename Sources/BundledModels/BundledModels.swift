/// The model files shipped in `models/` (stop words, topic definitions, the default IDF prior), embedded in the
/// binary at build time so that an installed `paperradar` needs no data folder.
public enum BundledModels {
    /// The text of a file in `models/` by name (e.g. `stopwords.txt`), or `nil` when no such file was shipped.
    public static func text(named name: String) -> String? { EmbeddedModelFiles.files[name] }

    /// The names of the embedded files, sorted.
    public static var fileNames: [String] { EmbeddedModelFiles.files.keys.sorted() }
}
