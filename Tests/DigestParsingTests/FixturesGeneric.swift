/// Invented texts in layouts no generator wrote: the generic reader must still find every arXiv paper they link to.
extension Fixture {
    /// A plain bullet list of arXiv links, in four spellings: a Markdown link with the title, a title then a bare PDF
    /// URL, `arXiv:ID` then the title, and an old-style id linked by its id.
    static let genericBulletList = """
        # Papers to read — 2026-04-02

        Things I saw this week.

        - [Kelp Forests as Carbon Sinks: A Satellite Census](https://arxiv.org/abs/2604.01234)
        - Sparse Choirs: Pruning Multilingual Speech Models — https://arxiv.org/pdf/2604.02345v2.pdf
        - arXiv:2604.03456 Bicycle Lanes and Urban Heat
        - [hep-th/0101001](http://arxiv.org/abs/hep-th/0101001v3) Strings on Small Circles, Revisited
        - a note without any paper

        """

    /// A numbered list with authors and abstracts under each item: a labelled abstract, an unlabelled long one, none.
    static let genericNumberedWithAbstracts = """
        Reading group, week 14

        1. **Harvest Moon: Predicting Crop Yield from Night Lights** ([arXiv:2604.11111](https://arxiv.org/abs/2604.11111v1))
           Authors: Ada Okonjo, Pere Puig
           Abstract: Night-time satellite images show where farms run their pumps and dryers. We
           use the light as a signal of the coming harvest and predict yields a month ahead.

        2. **Echo Chambers in Code Review** ([arXiv:2604.22222](https://arxiv.org/abs/2604.22222))
           Authors: Lin Mei and Raúl Ortega

           Code review comments often repeat what earlier reviewers wrote. We measure this echo in
           forty open-source projects, show that it grows with team size, and propose a reviewer
           assignment that brings in fresh eyes without slowing merges. The assignment cuts repeated
           comments by a third in a month-long field trial with two partner teams.

        3. **Glacier Speedometers** ([arXiv:2604.33333](https://arxiv.org/abs/2604.33333))
           Authors: Sigrid Lund
           Why: fun title, read later.

        """

    /// An HTML export: a dated title, `<h2>` entries with `<a href>` links and `<p>` abstracts, then a one-line
    /// minified list whose items hold a link and a short note each.
    static let genericHTML = """
        <!DOCTYPE html>
        <html><head><title>Weekly picks</title></head>
        <body>
        <h1>Weekly picks 2026-04-03</h1>
        <h2><a href="https://arxiv.org/abs/2604.44444v2">Paper Lanterns: Lighting Up Hidden Layers</a></h2>
        <p class="authors">Authors: Eva Horvat, Sami Kallio</p>
        <p>We attach small probes to the hidden layers of a vision transformer and light up the units that respond to
        texture, shape and colour. The probes are cheap to train, agree with earlier attribution methods, and reveal
        that shape units appear only in the last third of the network.</p>
        <h2><a href="https://arxiv.org/pdf/2604.55555">Rivers of Tokens</a></h2>
        <p>Short note: maybe relevant.</p>
        <ul><li><a href="https://arxiv.org/abs/2604.66666">Clockwork Caches for Serving Models</a> &mdash; a cache that knows when requests come.</li><li><a href="https://arxiv.org/abs/2604.77777">Moth Flight Control</a></li></ul>
        </body></html>

        """

    /// A title in a heading, the paper's link in a bullet below it (`- **arXiv:** [ID](…)`), a cut-short summary.
    static let genericHeadingThenLink = """
        # Daily radar — 2026-06-01

        ## Read these first

        ### Foxglove: Detecting Toxic Plants in Garden Photos

        - **Authors:** Maya Lind, Tomasz Nowak
        - **arXiv:** [2606.11111v1](http://arxiv.org/abs/2606.11111v1)
        - **Plain-English summary:** Garden photos often show plants that are poisonous to pets, and existing...

        ### Saltmarsh Radar

        - **arXiv:** [2606.22222v1](http://arxiv.org/abs/2606.22222v1)

        """
}
