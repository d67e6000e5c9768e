/// Builds a Markdown document block by block, for GitHub and for reading in a terminal.
///
/// Blocks are separated by one blank line and the document ends with one newline. Callers pass Markdown (data
/// already escaped with ``Swift/String/markdownEscaped``); tables pad their columns so that they also line up as
/// plain text.
struct MarkdownDocument {
    private(set) var blocks: [String] = []

    /// An ATX heading (`level` 1…6).
    mutating func heading(_ level: Int, _ markdown: String) {
        blocks.append(String(repeating: "#", count: max(1, min(level, 6))) + " " + markdown)
    }

    /// A paragraph; its lines end with a hard break (two spaces) when there are several.
    mutating func paragraph(_ lines: String...) {
        paragraph(lines: lines)
    }

    /// A paragraph of several lines joined by hard breaks.
    mutating func paragraph(lines: [String]) {
        guard !lines.isEmpty else { return }
        blocks.append(lines.joined(separator: "  \n"))
    }

    /// A block as it is (a list built with ``MarkdownList``).
    mutating func block(_ markdown: String) {
        guard !markdown.isEmpty else { return }
        blocks.append(markdown)
    }

    /// A table with right-aligned `numeric` columns, its columns padded to equal width.
    mutating func table(header: [String], numeric: Set<Int> = [], rows: [[String]]) {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        widths = widths.map { max($0, 3) }
        func line(_ cells: [String]) -> String {
            var text = "|"
            for (index, width) in widths.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: max(0, width - cell.count))
                text += " " + (numeric.contains(index) ? padding + cell : cell + padding) + " |"
            }
            return text
        }
        var lines = [line(header)]
        lines.append(
            "|"
                + widths.enumerated().map { index, width in
                    " " + String(repeating: "-", count: numeric.contains(index) ? width - 1 : width)
                        + (numeric.contains(index) ? ":" : "") + " |"
                }.joined())
        lines.append(contentsOf: rows.map(line))
        blocks.append(lines.joined(separator: "\n"))
    }

    /// The document, ending with a newline.
    var rendered: String {
        var text = ""
        text.reserveCapacity(blocks.reduce(0) { $0 + $1.utf8.count + 2 })
        for (index, block) in blocks.enumerated() {
            if index > 0 { text += "\n\n" }
            text += block
        }
        text += "\n"
        return text
    }
}

/// A Markdown list whose items may hold continuation lines and nested lists, indented to the item's content.
struct MarkdownList {
    /// Numbered (`1.`) or bulleted (`-`).
    var ordered: Bool
    /// The number of the first item of an ordered list.
    var start = 1
    private var items: [[String]] = []

    init(ordered: Bool, start: Int = 1) {
        self.ordered = ordered
        self.start = start
    }

    /// An item: its first line, then lines under it (continuation text or nested list lines).
    mutating func item(_ first: String, _ more: [String] = []) {
        items.append([first] + more)
    }

    var isEmpty: Bool { items.isEmpty }

    /// The list's lines.
    var lines: [String] {
        var lines: [String] = []
        for (index, item) in items.enumerated() {
            let marker = ordered ? "\(start + index)." : "-"
            let indent = String(repeating: " ", count: marker.count + 1)
            lines.append(marker + " " + item[0])
            lines.append(contentsOf: item.dropFirst().map { $0.isEmpty ? "" : indent + $0 })
        }
        return lines
    }

    var rendered: String { lines.joined(separator: "\n") }
}

/// Markdown pieces the three reports share.
enum MarkdownParts {
    /// `[title](https://arxiv.org/abs/ID)` (the id when the title is empty).
    static func paperLink(id: String, title: String) -> String {
        let text = title.markdownEscaped.isEmpty ? id.markdownEscaped : title.markdownEscaped
        return "[\(text)](\(ArxivLink.abstract(id)))"
    }

    /// `Ada Lovelace, Alan Turing et al.`, escaped.
    static func authors(_ authors: [String], limit: Int = 4) -> String {
        HTMLParts.authors(authors, limit: limit).markdownEscaped
    }

    /// Terms separated by commas, escaped.
    static func terms(_ terms: [String]) -> String {
        terms.map(\.markdownEscaped).filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// Counts as a row of block characters (`▁▃█`), scaled to the largest; empty for no counts.
    static func sparkline(_ values: [Int]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let largest = max(values.max() ?? 0, 1)
        return String(values.map { blocks[min(7, max(0, Int((Double($0) / Double(largest) * 7).rounded())))] })
    }
}
