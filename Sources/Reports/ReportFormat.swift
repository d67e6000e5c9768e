/// The output formats every report kind can be rendered in.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case markdown = "md"
    case html
    case json
    case atom

    /// The file extension of a rendered report.
    public var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .html: "html"
        case .json: "json"
        case .atom: "atom"
        }
    }
}
