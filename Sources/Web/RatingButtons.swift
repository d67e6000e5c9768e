import PaperRadarCore
import Reports

/// The like / dislike / save buttons under a paper: one small form posting to `/rate`, each button toggling its
/// rating (a pressed button undoes it); `return` is where the server sends the browser back without JavaScript.
enum RatingButtons {
    /// The buttons of one paper.
    ///
    /// - Parameter dismissLabel: the dislike button's label ("Not interested" on the reading list), which also
    ///   fades the item once pressed.
    static func form(
        id: String, rating: PaperReport.Rating, returnTo: String, context: WebContext, dismissLabel: String? = nil
    ) -> Markup {
        let dismiss: Markup = dismissLabel == nil ? "" : " data-dismiss=\"1\""
        var markup: Markup = """
            <form class="rate actions" method="post" action="/rate"\(dismiss)>\(PageLayout.csrfField(context))\
            <input type="hidden" name="id" value="\(id)"><input type="hidden" name="return" value="\(returnTo)#paper-\(anchor(id))">
            """
        markup += button("like", on: rating.liked, onLabel: "Liked ✓", offLabel: "Like")
        markup += button(
            "dislike", on: rating.disliked, onLabel: dismissLabel.map { $0 + " ✓" } ?? "Disliked ✓",
            offLabel: dismissLabel ?? "Dislike")
        markup += button("save", on: rating.saved, onLabel: "Saved ✓", offLabel: "Save")
        markup += "<span class=\"status\" role=\"status\"></span></form>\n"
        return markup
    }

    private static func button(_ kind: String, on: Bool, onLabel: String, offLabel: String) -> Markup {
        """
        <button type="submit" class="\(kind)" name="action" value="\(on ? "un" + kind : kind)" \
        aria-pressed="\(on ? "true" : "false")" data-on="\(onLabel)" data-off="\(offLabel)">\(on ? onLabel : offLabel)</button>
        """
    }

    /// An id as an HTML id fragment (letters, digits, `.`, `-`; other characters as `-`).
    static func anchor(_ id: String) -> String {
        String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" })
    }

    /// How the app's pages decorate report HTML: papers link to the paper page, cards carry rating buttons.
    static func decoration(
        ratings: [ArxivID: PaperReport.Rating], returnTo: String, context: WebContext, dismissLabel: String? = nil
    ) -> HTMLDecoration {
        let csrf = context
        return HTMLDecoration(
            paperLink: { PaperLinks.paper($0) },
            paperActions: { id in
                let rating = ArxivID(id).flatMap { ratings[$0] } ?? PaperReport.Rating()
                var markup: Markup = "<a id=\"paper-\(anchor(id))\"></a>"
                markup += form(id: id, rating: rating, returnTo: returnTo, context: csrf, dismissLabel: dismissLabel)
                return markup
            },
            topicActions: { topic in
                "<p><a href=\"/topics/\(topic)\">All papers of this topic →</a></p>\n"
            })
    }
}

/// Addresses of the app's pages.
enum PaperLinks {
    /// `/paper/<id>` (the id percent-encoded; old-style ids keep their `/`).
    static func paper(_ id: String) -> String {
        "/paper/" + id.split(separator: "/", omittingEmptySubsequences: false).map { FormFields.encode(String($0)) }
            .joined(separator: "/")
    }

    /// `/digests/<id>`.
    static func digest(_ id: Int64) -> String { "/digests/\(id)" }
}
