/// Invented digests in the layout variants the real generators went through on other days: the structure copies the
/// generators' output line by line; every title, name, abstract, translation and id is made up.
extension Fixture {
    // MARK: - Table + abstracts variants

    /// The short-lived variant with the abstract in the table, in a cell after the title: a row runs over many physical
    /// lines until its closing `|Authors|[IDvN](…)|code|`; one row is short enough to fit on one line. No
    /// `#### Abstracts` section.
    static let tableAbstractsInRow = #"""

        ### LLM
        |Publish Date|Title|Authors|PDF|Code|
        | :---: | :---: | :---: | :---: | :---: |
        |**2024-04-26**|**Quilted Prompts: Stitching Instructions from Many Users**|Instruction tuning data is usually written by a
        handful of annotators. We collect prompts from many users, stitch them into
        longer instructions and show that models tuned on the quilts follow unusual
        requests more often.
          A second paragraph reports a small user study.|Odile Marchetti et.al.|[2404.20101v1](http://arxiv.org/abs/2404.20101v1)|null|
        |**2024-04-26**|**Ferry Schedules as a Benchmark for Temporal Reasoning**|We turn ferry timetables into questions about
        departures, transfers and delays and find that language models confuse
        weekdays with holidays.|Björn Aalto et.al.|[2404.20102v2](http://arxiv.org/abs/2404.20102v2)|[link](https://github.com/example/ferry)|
        |**2024-04-25**|**Tiny Critics**|Small models can grade large ones.|Wen Zhou et.al.|[2404.20103v1](http://arxiv.org/abs/2404.20103v1)|null|

        """#

    /// The short-lived variant whose `#####` headings are glued onto the end of the previous line (the translation
    /// lost its line break), `ID by First Author et.al.` lines and no blank line before `摘要：`.
    static let tableAbstractsGlued = #"""

        ### LLM
        |Publish Date|Title|Authors|PDF|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2024-04-26", "Lighthouse Keepers: Agents That Watch Other Agents", "Maren Solberg", "2404.20201v1"))
        \#(row("2024-04-26", "Paper Boats: Folding Long Documents into Short Contexts", "Ayo Bello", "2404.20202v1"))
        \#(row("2024-04-25", "Bread Crumbs for Retrieval", "Lucie Marchand", "2404.20203v1"))

        #### Abstracts
        ##### **Lighthouse Keepers: Agents That Watch Other Agents**
        2404.20201v1 by Maren Solberg et.al.

        We let one small agent watch the actions of a larger one and raise a flag
        before an unsafe step is taken.
        摘要：我們讓一個小代理監視
        較大代理的動作。##### **Paper Boats: Folding Long Documents into Short Contexts**
        2404.20202v1 by Ayo Bello et.al.

        Long documents are folded into short summaries that a model can unfold
        again when a question needs the details.
        摘要：長文件被摺疊成短摘要。##### **Bread Crumbs for Retrieval**
        2404.20203v1 by Lucie Marchand et.al.

        A retriever leaves bread crumbs in the context so that later steps find
        their way back to the evidence.
        摘要：檢索器在上下文中留下麵包屑。

        """#

    /// A per-day archive with tables only (no `#### Abstracts` anywhere): every row is a title-only paper. One
    /// subtopic has no rows; one paper is listed under two subtopics.
    static let tableOnlyArchive = #"""
        # arxiv-daily
         Automated deployment @ 2023-06-01 21:00:12 Asia/Shanghai
        > Welcome to contribute! Add your topics and keywords in [`topic.yml`](https://example.org/topic.yml).
        > You can also view historical data through the [storage](https://example.org/storage).

        ## Robotics

        ### SLAM
        |Publish Date|Title|Authors|PDF|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2023-05-30", "Moss Maps: Mapping Forests with a Single Lidar", "Ilse Vos", "2305.19001v1", code: moss))
        \#(row("2023-05-29", "Loop Closure for Lazy Robots", "Tariq Haddad", "2305.18002v2"))

        ### VIO
        |Publish Date|Title|Authors|PDF|Code|
        | :---: | :---: | :---: | :---: | :---: |

        ### VO
        |Publish Date|Title|Authors|PDF|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2023-05-29", "Loop Closure for Lazy Robots", "Tariq Haddad", "2305.18002v2"))

        """#

    /// A per-day archive with the header only: no sections, no tables (a day without papers).
    static let tableHeaderOnlyArchive = #"""
        # arxiv-daily
         Automated deployment @ 2022-03-14 20:45:42 Asia/Shanghai
        > Welcome to contribute! Add your topics and keywords in [`topic.yml`](https://example.org/topic.yml).
        > You can also view historical data through the [storage](https://example.org/storage).

        """#

    /// A per-day archive with section headings, empty tables and empty `#### Abstracts`.
    static let tableSectionsOnlyArchive = #"""
        # arxiv-daily
         Automated deployment @ 2024-05-18 20:19:47 Asia/Taipei
        > Welcome to contribute! Add your topics and keywords in [`topic.yml`](https://example.org/topic.yml).

        ## AI

        ### Medical
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |

        #### Abstracts

        ### LLM
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |

        #### Abstracts

        """#

    /// Entries without an English abstract: one with only `摘要：`, one with nothing at all; and a title whose `**` is
    /// text (`S**t`), not bold.
    static let tableAbstractsMissingEnglish = #"""

        ### LLM
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2025-03-03", "Oh S**t! What Drivers Say When Lane Assist Gives Up", "Rosa Lindgren", "2503.30001v1"))
        \#(row("2025-03-03", "Kiln: Baking Retrieval Indexes Overnight", "Dev Malhotra", "2503.30002v1"))
        \#(row("2025-03-02", "Saltwater Tokens", "Inga Berg", "2503.30003v1"))

        #### Abstracts
        ##### **Oh S**t! What Drivers Say When Lane Assist Gives Up**
        2503.30001v1 by Rosa Lindgren, Pavel Novak

        We record what drivers say in the seconds after lane assist hands back control
        and sort the remarks into five moods.

        摘要：我們記錄駕駛在車道輔助交還控制權後說的話。

        ##### **Kiln: Baking Retrieval Indexes Overnight**
        2503.30002v1 by Dev Malhotra

        摘要：我們在夜間重建檢索索引。

        ##### **Saltwater Tokens**
        2503.30003v1 by Inga Berg

        摘要：

        """#

    // MARK: - Category digest variants

    /// The first category layout: no table of contents, the abstract inside `<details>` under
    /// `<summary>Abstract</summary>` (no `Abstract:` line), and a paper listed twice.
    static let categoryAbstractSummary = #"""
        ### [Clay Models: Sculpting 3D Shapes from Sketches](https://arxiv.org/abs/2503.40001)
        *Nadia Farah,Ole Brandt*
        <details>
          <summary>Abstract</summary>
        We turn rough sketches into 3D clay-like shapes that artists can keep editing.
        A small network predicts the depth of every stroke and a second one smooths
        the surface.
          Code and sketches are released.
        </details>

        ### [Windmill Attention for Rotating Sensors](https://arxiv.org/abs/2503.40002)
        *Pia Kovac*
        <details>
          <summary>Abstract</summary>
        Sensors on rotating platforms see the world turn. Windmill attention undoes
        the rotation before the tokens are compared.
        </details>

        ### [Clay Models: Sculpting 3D Shapes from Sketches](https://arxiv.org/abs/2503.40001)
        *Nadia Farah,Ole Brandt*
        <details>
          <summary>Abstract</summary>
        We turn rough sketches into 3D clay-like shapes that artists can keep editing.
        A small network predicts the depth of every stroke and a second one smooths
        the surface.
          Code and sketches are released.
        </details>

        """#

    /// A fork of the category generator: dated title heading, totals, `## cs.XX` sections, a translated title under
    /// the heading, `*authors* | **Main category: …**`, bold labels inside and outside `<details>`, and no English
    /// abstract at all (title-only papers with their extras).
    static let categoryTLDRFork = #"""
        # AI-Enhanced arXiv Daily 2026-03-02

        <a id='toc'></a>
        ## 今日总计: 2 篇论文
        ### 目录
        - [cs.RO](#csro) (1 篇)
        - [cs.CL](#cscl) (1 篇)

        ---
        <a id='csro'></a>
        ## cs.RO 

        ### [1] [Gecko Feet: Climbing Robots on Wet Glass](https://arxiv.org/abs/2603.50001)
        > *壁虎脚：在湿玻璃上攀爬的机器人*

        *Lena Fischer, Omar Said* | **Main category: cs.RO**

        **Keywords:** 攀爬机器人, 湿玻璃

        **Comment:** 8 pages, 5 figures

        > **TL;DR:** 一种在湿玻璃上攀爬的机器人脚。

        **AI_Comments:** 设计新颖。

        <details>
          <summary>Details</summary>

        **Motivation:** 湿玻璃很滑。

        **Method:** 仿生脚掌。

        **Result:** 成功攀爬。

        **Conclusion:** 可行。

        > **ai_Abstract:** 本文提出一种仿生脚掌。

        > **摘要翻译:** 湿玻璃对攀爬机器人很难。我们设计了一种仿生脚掌。

        </details>

        [⬆️ 返回分类顶部](#csro) | [⬆️ 返回总目录](#toc)

        ---

        <a id='cscl'></a>
        ## cs.CL 

        ### [2] [Proverbs as Probes for Cultural Knowledge](https://arxiv.org/abs/2603.50002)
        > *谚语作为文化知识的探针*

        *Amara Obi* | **Main category: cs.CL**

        > **TL;DR:** 用谚语测试文化知识。

        <details>
          <summary>Details</summary>

        **Motivation:** 文化知识难以衡量。

        > **摘要翻译:** 我们用谚语测试语言模型的文化知识。

        </details>

        [⬆️ 返回分类顶部](#cscl) | [⬆️ 返回总目录](#toc)

        ---

        """#

    /// The generator's quota fallback: `Innovation Snapshot:` instead of TL;DR and details, so no abstract (a
    /// title-only paper); and an entry whose TL;DR is the placeholder `Summary generation failed` (dropped) while its
    /// abstract is there. One entry's link holds the bare id.
    static let categoryTLDRSnapshot = #"""
        <div id=toc></div>

        # Table of Contents

        - [cs.LG](#cs.LG) [Total: 3]


        <div id='cs.LG'></div>

        # cs.LG [[Back]](#toc)

        ### [1] [Pebble Gradients: Tiny Steps That Add Up](https://arxiv.org/abs/2603.60001)
        *Yara Haddad,Tom Ruiz*

        Main category: cs.LG

        Innovation Snapshot: Many tiny gradient steps replace one large one.

        ### [2] [Lantern Fish: Sparse Lights in Deep Networks](https://arxiv.org/abs/2603.60002)
        *Ines Park*

        Main category: cs.LG

        TL;DR: Summary generation failed


        <details>
          <summary>Details</summary>
        Motivation: Motivation analysis unavailable

        Method: Method extraction failed

        Result: Result analysis unavailable

        Conclusion: Conclusion extraction failed

        Abstract: Only a few units light up in each layer of a deep network; we keep those
        and switch the rest off.

        </details>

        ### [3] [Tidal Schedules for Learning Rates](2603.60003)
        *Hugo Lind*

        Main category: cs.LG

        TL;DR: 学习率随潮汐变化。


        <details>
          <summary>Details</summary>
        Motivation: 动机。

        Abstract: The learning rate rises and falls like a tide and training ends sooner.

        </details>

        """#

    /// A table of contents and nothing else (a day the generator found no papers).
    static let categoryTOCOnly = """
        <div id=toc></div>

        # Table of Contents


        """

    /// The fork's page for a day without papers: a dated title and a one-line note.
    static let categoryNoPapers = """
        # AI-Enhanced arXiv Daily 2026-03-03

        ### 今天没有发现新的论文。

        """

    /// The astro-ph fork's anchored layout: a table of contents of short titles linking to anchors, `# <topic>`
    /// sections, `## <a id="ID"></a>[Title](…/abs/ID)` entries (one with a `[[back]]` link), an interest score,
    /// Chinese `### Background Knowledge` and `### Summary`, and an entry whose generation failed.
    static let categoryAnchored = #"""
        # <a id="toc"></a>Table of Contents

        ## <a id="toc-1"></a>Cosmology and Dark Matter

        - [Echoes of sound waves in galaxy pairs](#2606.70001v1)

        - [Failed to generate summary.](#2606.70003v1)

        ## <a id="toc-2"></a>Stellar Astrophysics

        - [Starspots from planet transits](#2606.70002v2)


        ---


        # Cosmology and Dark Matter


        ## <a id="2606.70001v1"></a>[Acoustic Echoes in the Separations of Galaxy Pairs](https://arxiv.org/abs/2606.70001v1)

        **Interest Score:** `0.712`

        ### Background Knowledge

        - 早期宇宙中的声波在星系分布中留下了痕迹。
        - 星系对的间距可以用来测量这种痕迹。

        ### Summary

        本文测量了星系对间距中的声波回声。

        结果与标准模型一致。


        ## <a id="2606.70003v1"></a>[Weighing Dark Halos with Stacked Satellites](http://arxiv.org/abs/2606.70003v1) [[back]](#toc-1)

        **Interest Score:** `0.401`

        ### Background Knowledge

        Failed when generating background knowledge. Invalid \escape: line 2 column 10 (char 41)

        ### Summary

        Failed when generating contribution. Invalid \escape: line 2 column 10 (char 41)


        # Stellar Astrophysics


        ## <a id="2606.70002v2"></a>[Mapping Starspots with Planetary Transits](https://arxiv.org/abs/2606.70002v2)

        **Interest Score:** `0.655`

        ### Background Knowledge

        行星凌星时会遮挡恒星表面的黑子。

        ### Summary

        本文利用凌星光变曲线绘制星斑分布。

        """#

    // MARK: - Other layouts without English abstracts

    /// A reporter file with a placeholder abstract and an entry with only the Chinese abstract.
    static let bilingualReporterMissingEnglish =
        "# Anchor Points: Grounding Agents in Maps \n\n"
        + "**Title (ZH)**: 锚点：在地图中定位智能体 \n\n"
        + "**Authors**: Kai Berg, Sara Nunes  \n\n"
        + "**Link**: [PDF](https://arxiv.org/pdf/2504.70001)  \n\n"
        + "**Abstract**: Summary generation failed\n\n"
        + "**Abstract (ZH)**: 我们把智能体锚定在地图上。 \n\n"
        + "---\n"
        + "# Quiet Hours: Scheduling Notifications with Bandits \n\n"
        + "**Authors**: Mina Cho  \n\n"
        + "**Link**: [PDF](https://arxiv.org/pdf/2504.70002v3)  \n\n"
        + "**Abstract**: 我们用多臂老虎机安排通知时间。\n\n"
        + "---\n"
        + "# Tea Leaves: Reading Loss Curves Early \n\n"
        + "**Authors**: Jonas Weber  \n\n"
        + "**Link**: [PDF](https://arxiv.org/pdf/2504.70003)  \n\n"
        + "**Abstract**: The first hundred steps of a loss curve predict where training ends.\n\n"
        + "---\n"

    /// An announcement digest whose second entry has no abstract section at all.
    static let announcementMissingAbstract = """
        # 2025-08-04-09-00

        ## [Frost Lines: Predicting Ice on Power Cables](https://arxiv.org/abs/2508.01001)

        ### Abstract
        arXiv:2508.01001v1 Announce Type: new 
        Abstract: We predict where ice forms on power cables from weather forecasts.

        ---

        ## [Ribbon Codes for Noisy Storage](https://arxiv.org/abs/2508.01002)

        ### 摘要
        用于噪声存储的带状码。

        ---

        """
}

extension Fixture {
    static let moss = "https://github.com/example/moss"
}
