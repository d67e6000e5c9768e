extension ReportProvenance {
    /// The facts, in the order every format shows them: generated, generator, papers in store, model, topic model.
    var facts: [(name: String, value: String, isHash: Bool)] {
        [
            ("Generated", generatedAt, false),
            ("Generator", generator, false),
            ("Papers in store", NumberFormat.grouped(paperCount), false),
            ("Model", modelHash, true),
            ("Topic model", topicsHash ?? "none", topicsHash != nil),
        ]
    }

    /// The provenance block that opens every HTML report: the facts, then the settings in order.
    var htmlSection: Markup {
        var markup: Markup = """
            <section class="provenance" aria-labelledby="provenance">
            <h2 id="provenance">What produced this report</h2>
            <dl class="facts">
            """
        for fact in facts {
            let value: Markup =
                fact.name == "Generated"
                ? "<time datetime=\"\(fact.value.singleLine)\">\(fact.value.singleLine)</time>"
                : fact.isHash ? "<code>\(fact.value.singleLine)</code>" : "\(fact.value.singleLine)"
            markup += "<div><dt>\(fact.name)</dt><dd>\(value)</dd></div>"
        }
        markup += "</dl>\n"
        if !settings.isEmpty {
            markup += "<ul class=\"settings\" aria-label=\"Settings\">"
            for setting in settings {
                markup += "<li><b>\(setting.name.singleLine)</b>\(setting.value.singleLine)</li>"
            }
            markup += "</ul>\n"
        }
        markup += "</section>\n"
        return markup
    }

    /// The provenance table that opens every Markdown report: the facts, then one row per setting.
    func markdownTable(into document: inout MarkdownDocument) {
        var rows = facts.map { fact in
            [fact.name, fact.isHash ? fact.value.markdownCode : fact.value.markdownEscaped]
        }
        rows += settings.map { ["setting " + $0.name.markdownCode, $0.value.markdownEscaped] }
        document.table(header: ["What produced this report", ""], rows: rows)
    }

    /// The provenance in one line, for an Atom feed's subtitle.
    var summaryLine: String {
        var parts = [
            "Generated \(generatedAt.singleLine) by \(generator.singleLine)",
            "\(NumberFormat.grouped(paperCount)) papers in store",
            "model \(modelHash.singleLine)",
            "topic model \((topicsHash ?? "none").singleLine)",
        ]
        parts += settings.map { "\($0.name.singleLine): \($0.value.singleLine)" }
        return parts.joined(separator: "; ")
    }
}
