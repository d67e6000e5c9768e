extension DigestReport {
    /// The report rendered in `format`.
    ///
    /// Markdown, a self-contained HTML page, JSON (`kind: "digest-report"`) or an Atom feed. Pure and deterministic: equal reports render to equal strings. Every format opens with the report's
    /// provenance and escapes all text taken from the report for its syntax.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .markdown: markdown
        case .html: html
        case .json: ReportJSON.document(roundedForJSON, kind: "digest-report")
        case .atom: atom
        }
    }
}

extension TopicReport {
    /// The report rendered in `format`.
    ///
    /// Markdown, a self-contained HTML page with SVG charts, JSON (`kind: "topic-report"`) or an Atom feed. Pure and deterministic: equal reports render to equal strings. Every format opens with the report's
    /// provenance and escapes all text taken from the report for its syntax.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .markdown: markdown
        case .html: html
        case .json: ReportJSON.document(roundedForJSON, kind: "topic-report")
        case .atom: atom
        }
    }
}

extension ReadingListReport {
    /// The reading list rendered in `format`.
    ///
    /// Markdown, a self-contained HTML page, JSON (`kind: "reading-list"`, `{"items": [{"id", "score", "why", …}]}`
    /// in rank order) or an Atom feed. Pure and deterministic: equal reports render to equal strings. Every format opens with the report's
    /// provenance and escapes all text taken from the report for its syntax.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .markdown: markdown
        case .html: html
        case .json: ReportJSON.document(roundedForJSON, kind: "reading-list")
        case .atom: atom
        }
    }
}
