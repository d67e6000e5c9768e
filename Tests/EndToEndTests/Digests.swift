/// Small digests written for the end-to-end tests.
enum Digests {
    /// A table + abstracts digest with two papers.
    static let table = """

        ### LLM
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |
        |**2026-11-02**|**Sparse Routers for Long Context Models**|Mira Castell et.al.|[2611.00101v1](http://arxiv.org/abs/2611.00101v1)|null|
        |**2026-11-02**|**Retrieval Gates for Grounded Answers**|Tomas Ilves et.al.|[2611.00102v2](http://arxiv.org/abs/2611.00102v2)|[link](https://github.com/example/gates)|

        #### Abstracts
        ##### **Sparse Routers for Long Context Models**
        2611.00101v1 by Mira Castell, Jun Okafor

        We route tokens of very long contexts through a sparse set of experts
        and show that language models keep their accuracy at a fraction of the cost.

        摘要：我们研究长上下文模型的稀疏路由。

        ##### **Retrieval Gates for Grounded Answers**
        2611.00102v2 by Tomas Ilves, Priya Raman

        A learned gate decides when a question needs retrieved passages,
        which reduces hallucinated answers in open-domain question answering.

        摘要：我们提出检索门控。

        """

    /// The same papers in the arXiv announcement layout, one of them a newer version.
    static let announcement = """
        # 2026-11-03-08-00

        ## [Retrieval Gates for Grounded Answers &amp; Beyond](https://arxiv.org/abs/2611.00102)

        ### Abstract
        arXiv:2611.00102v3 Announce Type: replace 
        Abstract: A learned gate decides when a question needs retrieved passages; the third version adds agents.

        ### 摘要
        一个学习到的门控决定何时需要检索。

        ---

        """

    /// A per-day archive with tables only (no abstracts): three title-only papers, two of them in `table` too.
    static let tableOnlyArchive = """
        # arxiv-daily
         Automated deployment @ 2026-11-01 08:00:00 Asia/Taipei
        > Welcome to contribute!

        ## AI

        ### LLM
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |
        |**2026-11-02**|**Sparse Routers for Long Context Models**|Mira Castell et.al.|[2611.00101v1](http://arxiv.org/abs/2611.00101v1)|null|
        |**2026-11-02**|**Retrieval Gates for Grounded Answers**|Tomas Ilves et.al.|[2611.00102v2](http://arxiv.org/abs/2611.00102v2)|null|
        |**2026-10-30**|**Lantern Lists: Ranking by Candlelight**|Oona Rask et.al.|[2611.00103v1](http://arxiv.org/abs/2611.00103v1)|null|

        """

    /// A per-day archive with its header only.
    static let headerOnlyArchive = """
        # arxiv-daily
         Automated deployment @ 2026-11-02 08:00:00 Asia/Taipei
        > Welcome to contribute!

        """

    /// Reading notes in no generator's layout: a list of arXiv links, one with an abstract under it.
    static let readingNotes = """
        # Reading notes

        - [Sparse Attention for Tiny Devices](https://arxiv.org/abs/2611.00301)

          Abstract: We fit attention into microcontrollers by keeping only the strongest links between tokens and
          show that keyword spotting keeps its accuracy.

        - Tool Use Without Tools — arXiv:2611.00302

        """
}

