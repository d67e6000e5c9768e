import Foundation

/// Links to arXiv, built only from a paper's id.
///
/// Reports never link to anything else taken from data: the id is percent-encoded so that whatever it holds, the
/// link stays on `https://arxiv.org/abs/` and needs no further escaping in HTML, XML or Markdown.
public enum ArxivLink {
    /// Characters an id keeps as they are: letters, digits, `-`, `.`, `_`, `~` and `/` (old-style `hep-th/9901001`).
    private static let allowed: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return set
    }()

    /// The paper's abstract page, `https://arxiv.org/abs/<percent-encoded id>`.
    public static func abstract(_ id: String) -> String {
        "https://arxiv.org/abs/" + percentEncoded(id)
    }

    /// `id` with every character outside ``allowed`` percent-encoded as UTF-8.
    public static func percentEncoded(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
