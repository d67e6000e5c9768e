/// The digest layouts PaperRadar reads, detected from the text (never from the file name).
///
/// ``generic`` is not a layout but the fallback for text in no known layout that still names arXiv papers.
public enum DigestFormat: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// `|Publish Date|Title|Authors|…|` table, then `#### Abstracts` (samples 000, 001; the per-day archive too).
    case tableAbstracts = "table-abstracts"
    /// `## [Title](https://arxiv.org/abs/ID)` + `arXiv:IDvN Announce Type: …` + `Abstract: …` (sample 002).
    case arxivAnnouncement = "arxiv-announcement"
    /// `# Title`, `**Authors**`, `**Link**: [PDF](…)`, `**Abstract**` and optional `(ZH)` fields (sample 003).
    case bilingualReporter = "bilingual-reporter"
    /// `# cs.XX` sections of `### [n] [Title](…/abs/ID)` entries with TL;DR and `<details>` (sample 004).
    case categoryTLDR = "category-tldr"
    /// No known layout, but the text links to arXiv: every linked paper, read by the generic fallback reader.
    case generic = "generic"

    public var description: String { rawValue }
}
