/// How an HTML report links papers and what it adds to each paper: the standalone reports link arXiv and add
/// nothing; the web app links its own paper pages and adds rating buttons.
public struct HTMLDecoration: Sendable {
    /// The address a paper id links to (escaped again where it is written).
    public var paperLink: @Sendable (String) -> String
    /// Markup appended to the card of a paper (the digest's papers and the reading list's items).
    public var paperActions: @Sendable (String) -> Markup
    /// Markup appended to a topic's card in the topic report, from the topic's id.
    public var topicActions: @Sendable (Int) -> Markup

    public init(
        paperLink: @escaping @Sendable (String) -> String, paperActions: @escaping @Sendable (String) -> Markup,
        topicActions: @escaping @Sendable (Int) -> Markup = { _ in Markup() }
    ) {
        self.paperLink = paperLink
        self.paperActions = paperActions
        self.topicActions = topicActions
    }

    /// Papers link to their arXiv page; cards get nothing more.
    public static let standalone = HTMLDecoration(paperLink: ArxivLink.abstract, paperActions: { _ in Markup() })
}
