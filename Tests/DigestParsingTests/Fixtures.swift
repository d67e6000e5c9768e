/// Small invented digests, one per layout and variant; the layout mirrors the real generators' output line by line.
///
/// All titles, names and abstracts are made up. Raw string literals (`#"""`) keep backslashes and trailing spaces
/// as written; `\#u{…}` inserts invisible characters.
enum Fixture {
    // MARK: - Table + abstracts

    /// The current table + abstracts layout: `##### **Title**`, `ID by …`, wrapped abstract, `摘要：` translations
    /// (one with `<paragraph>` leftovers and a U+200B, one empty, one with a second `摘要：` line), a paper whose
    /// English "abstract" starts with `Title: … Authors: …` and a code link.
    static let tableAbstracts = #"""

        ### LLM
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2025-01-09", "Lantern: Small Models, Long Proofs", "Mira Okafor", "2501.04321v2", code: lantern))
        \#(row("2025-01-08", "Quiet Tokens: Pruning Attention Without Retraining", "Tomas Varga", "2501.03987v1"))
        \#(row("2025-01-08", "Orchard: Forecasting Fruit Yield from Drone Images", "Ana Lindqvist", "2501.03901v1"))

        #### Abstracts
        ##### **Lantern: Small Models, Long Proofs**
        2501.04321v2 by Mira Okafor, Jun Takeda, Priya Raman

        We study how small language models can follow proofs that are much longer
        than their training examples. Lantern interleaves a planner and a check\#u{200B}er
        so that each step is verified before the next one is drafted.
          We release the code and a benchmark of 400 proofs.

        摘要：<paragraph>我們研究小型語言模型如何遵循\#u{200B}
        比訓練範例長得多的證明。</paragraph>

        ##### **Quiet Tokens: Pruning Attention Without Retraining**
        2501.03987v1 by Tomas Varga, Lena Brandt

        Attention heads often attend to tokens that carry no information. We prune
        such tokens on the fly and keep accuracy within one point.

        摘要：

        ##### **Orchard: Forecasting Fruit Yield from Drone Images**
        2501.03901v1 by Ana Lindqvist, Bo Chen

        Title: Orchard: Forecasting Fruit Yield from Drone Images
          Authors: Ana Lindqvist, Bo Chen
          Abstract: We count apples from the air and predict the harvest a month
        ahead.

        摘要：標題：果園
        摘要：我們從空中數蘋果。

        """#

    /// The early table variant: `PDF` column, `##### 2403.07011v1 **Title**`, `First Author et.al.` on the next line,
    /// the abstract right below it and a stray `|` after its last word; no translations.
    static let tableAbstractsEarly = #"""

        ### LLM
        |Publish Date|Title|Authors|PDF|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2024-03-12", "Sparse Maps for Robot Kitchens", "Elif Demir", "2403.07011v1"))
        \#(row("2024-03-11", "Counting Sheep with Transformers", "Rafael Duarte", "2403.06500v3", code: sheep))

        #### Abstracts
        ##### 2403.07011v1 **Sparse Maps for Robot Kitchens**
        Elif Demir et.al.
        Robots that cook need maps of cluttered rooms. We build sparse maps from a
        single camera and show that they are enough for pick-and-place tasks.|
        ##### 2403.06500v3 **Counting Sheep with Transformers**
        Rafael Duarte et.al.
        We count animals in drone footage with a small transformer.|

        """#

    /// The per-day archive: `# arxiv-daily` header with the deployment date, `## AI`, two `###` subtopics, one paper
    /// listed under both.
    static let tableArchive = #"""
        # arxiv-daily
         Automated deployment @ 2026-05-04 08:15:00 Asia/Taipei
        > Welcome to contribute! Add your topics and keywords in [`topic.yml`](https://example.org/topic.yml).
        > You can also view historical data through the [storage](https://example.org/storage).

        ## AI

        ### LLM
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2026-05-01", "Ward Rounds: Language Models Summarise Patient Charts", "Kofi Mensah", "2605.00111v1"))
        \#(row("2026-05-02", "Pocket Tokenizers", "Sven Holm", "2605.00222v1"))

        #### Abstracts
        ##### **Ward Rounds: Language Models Summarise Patient Charts**
        2605.00111v1 by Kofi Mensah, Ines Moreau

        We summarise patient charts with a small model and ask clinicians to rate the summaries.

        摘要：我們用小模型摘要病歷。

        ##### **Pocket Tokenizers**
        2605.00222v1 by Sven Holm

        Tokenizers that fit in a pocket calculator.

        摘要：口袋分詞器。


        ### Medical
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |
        \#(row("2026-05-01", "Ward Rounds: Language Models Summarise Patient Charts", "Kofi Mensah", "2605.00111v1"))

        #### Abstracts
        ##### **Ward Rounds: Language Models Summarise Patient Charts**
        2605.00111v1 by Kofi Mensah, Ines Moreau

        We summarise patient charts with a small model and ask clinicians to rate the summaries.

        摘要：我們用小模型摘要病歷。

        """#

    /// A table + abstracts digest with a header and no rows.
    static let tableAbstractsEmpty = """

        ### LLM
        |Publish Date|Title|Authors|Homepage|Code|
        | :---: | :---: | :---: | :---: | :---: |

        #### Abstracts

        """

    // MARK: - arXiv announcement

    /// The announcement layout: date heading, `## [Title](…/abs/ID)`, `Announce Type:` of each kind, HTML entities,
    /// indented extra paragraphs, `### 摘要` translations (one entry without).
    static let announcement = #"""
        # 2025-07-02-09-30

        ## [Kettle: Boiling Down Long Contexts &amp; Keeping Answers](https://arxiv.org/abs/2507.00123)

        ### Abstract
        arXiv:2507.00123v1 Announce Type: new 
        Abstract: Kettle keeps $\it&#123;answers&#125;$, &#x7B;braces&#x7D;, &lt;tags&gt; &amp; &quot;quotes&quot;.

        ### 摘要
        我们将长上下文压缩为简短摘要。

        ---

        ## [A Survey of Teapots](https://arxiv.org/abs/2506.09999)

        ### Abstract
        arXiv:2506.09999v2 Announce Type: replace-cross 
        Abstract: Teapots are surveyed from every angle.
          A second paragraph about spouts.
          A third paragraph about lids.

        ### 摘要
        茶壶综述。

        第二段。

        ---

        ## [Cross-Lingual Kettles](https://arxiv.org/abs/2507.00456)

        ### Abstract
        arXiv:2507.00456v1 Announce Type: cross 
        Abstract: Kettles in many languages.

        ---

        ## [Replacing Kettles](https://arxiv.org/abs/2505.01234)

        ### Abstract
        arXiv:2505.01234v3 Announce Type: replace 
        Abstract: A revised kettle.

        ### 摘要
        修订的水壶。

        ---

        """#

    // MARK: - Bilingual reporter

    /// The bilingual reporter layout: `(ZH)` fields, a two-paragraph abstract, stray CRs inside a translation.
    static let bilingualReporter =
        "# Harbor: Docking Agents to Tools \n\n"
        + "**Title (ZH)**: 港口：将智能体对接到工具 \n\n"
        + "**Authors**: Noor Haddad, Felix Wagner  \n\n"
        + "**Link**: [PDF](https://arxiv.org/pdf/2503.01111)  \n\n"
        + "**Abstract**: Agents call tools through brittle glue code. Harbor describes every tool once.\n"
        + "We evaluate Harbor on three suites of tasks and release the descriptions.\n\n"
        + "**Abstract (ZH)**: 智能体通过脆弱的胶水代码调用工具。\r\n\r\nHarbor 对每个工具只描述一次。\r\n\n"
        + "---\n"
        + "# Lighthouse: Spotting Rare Events in Sensor Logs \n\n"
        + "**Title (ZH)**: 灯塔：在传感器日志中发现罕见事件 \n\n"
        + "**Authors**: Grace Mbeki  \n\n"
        + "**Link**: [PDF](https://arxiv.org/pdf/2503.02222v2)  \n\n"
        + "**Abstract**: Rare events hide in long sensor logs. Lighthouse flags them with a tiny model.\n\n"
        + "**Abstract (ZH)**: 罕见事件隐藏在长传感器日志中。 \n\n"
        + "---\n"

    /// The English-only reporter variant (no `(ZH)` fields).
    static let bilingualReporterEnglishOnly = """
        # Compass: Routing Questions to the Right Index 

        **Authors**: Ravi Patel, Chiara Russo  

        **Link**: [PDF](https://arxiv.org/pdf/2503.03333)  

        **Abstract**: Compass routes each question to one of several indexes and answers faster.

        ---
        # Sextant: Measuring Retrieval Drift 

        **Authors**: Ole Nilsen  

        **Link**: [PDF](https://arxiv.org/pdf/2503.04444)  

        **Abstract**: Retrieval quality drifts as corpora grow; Sextant measures the drift weekly.

        ---

        """

    // MARK: - Category digest with TL;DR

    /// The category layout with a table of contents, `TL;DR:`, details, a hard-wrapped two-paragraph abstract and a
    /// paper filed under two sections (main category cs.CL, also listed under cs.CV).
    static let categoryTLDR = #"""
        <div id=toc></div>

        # Table of Contents

        - [cs.CV](#cs.CV) [Total: 2]
        - [cs.CL](#cs.CL) [Total: 1]


        <div id='cs.CV'></div>

        # cs.CV [[Back]](#toc)

        ### [1] [Mirror Worlds: Depth from Reflections](https://arxiv.org/abs/2602.10001)
        *Hana Sato,Omar Farouk*

        Main category: cs.CV

        TL;DR: 用反射估计深度。


        <details>
          <summary>Details</summary>
        Motivation: 反射面很常见。

        Method: 一种新的网络。
        第二步：细化。

        Result: 误差降低。

        Conclusion: 反射有用。

        Abstract: Mirrors and windows reflect the scene. We estimate depth from those
        reflections without extra sensors.
          A second paragraph describes the new dataset.

        </details>


        ### [2] [Speech Bridges: Sharing Encoders Across Languages](https://arxiv.org/abs/2602.10002)
        *Lucia Ferreira*

        Main category: cs.CL

        TL;DR: 共享编码器。


        <details>
          <summary>Details</summary>
        Motivation: 数据少。

        Method: 共享。

        Result: 更好。

        Conclusion: 有效。

        Abstract: One encoder serves twelve languages with little loss.

        </details>


        <div id='cs.CL'></div>

        # cs.CL [[Back]](#toc)

        ### [3] [Speech Bridges: Sharing Encoders Across Languages](https://arxiv.org/abs/2602.10002)
        *Lucia Ferreira*

        Main category: cs.CL

        TL;DR: 共享编码器。


        <details>
          <summary>Details</summary>
        Motivation: 数据少。

        Method: 共享。

        Result: 更好。

        Conclusion: 有效。

        Abstract: One encoder serves twelve languages with little loss.

        </details>

        """#

    /// The first TOC variant: `TLDR:` instead of `TL;DR:` and every paper listed twice in the same section.
    static let categoryTLDRListedTwice = #"""
        <div id=toc></div>

        # Table of Contents

        - [cs.RO](#cs.RO) [Total: 4]


        <div id='cs.RO'></div>

        # cs.RO [[Back]](#toc)

        ### [1] [Gripper Poetry](https://arxiv.org/abs/2504.01001)
        *Ada Kim,Ben Ode*

        Main category: cs.RO

        TLDR: 抓手。


        <details>
          <summary>Details</summary>
        Motivation: 动机。

        Method: 方法。

        Result: 结果。

        Conclusion: 结论。

        Abstract: Grippers that write poems.

        </details>


        ### [2] [Wheel Haiku](https://arxiv.org/abs/2504.01002)
        *Cleo Park*

        Main category: cs.RO

        TLDR: 轮子。


        <details>
          <summary>Details</summary>
        Motivation: 动机。

        Method: 方法。

        Result: 结果。

        Conclusion: 结论。

        Abstract: Wheels that write haiku.

        </details>


        ### [3] [Gripper Poetry](https://arxiv.org/abs/2504.01001)
        *Ada Kim,Ben Ode*

        Main category: cs.RO

        TLDR: 抓手。


        <details>
          <summary>Details</summary>
        Motivation: 动机。

        Method: 方法。

        Result: 结果。

        Conclusion: 结论。

        Abstract: Grippers that write poems.

        </details>


        ### [4] [Wheel Haiku](https://arxiv.org/abs/2504.01002)
        *Cleo Park*

        Main category: cs.RO

        TLDR: 轮子。


        <details>
          <summary>Details</summary>
        Motivation: 动机。

        Method: 方法。

        Result: 结果。

        Conclusion: 结论。

        Abstract: Wheels that write haiku.

        </details>

        """#

    /// The oldest category variant: no table of contents, no sections, no `Main category:`, no TL;DR;
    /// `Task:` and `Motivation:` before `<details>`, hard-wrapped abstract.
    static let categoryTLDROldest = #"""
        ### [Segmenting Fog with Continuous Embeddings](https://arxiv.org/abs/2503.15001)
        *Iris Novak,Karl Berg*

        Task: 提出一种分割框架。

        Motivation: 量化嵌入不够准确。

        <details>
          <summary>Details</summary>
        Method: 连续嵌入。

        Result: 更稳健。

        Conclusion: 有效。

        Abstract: Segmentation models fail in fog. We replace quantised embeddings with
        continuous ones and keep accuracy when the weather turns. Code available:
        https://example.org/fog

        </details>

        ### [Tiny Planners for Household Robots](https://arxiv.org/abs/2503.15002)
        *Mei Ling*

        Task: 规划。

        Motivation: 机器人。

        <details>
          <summary>Details</summary>
        Method: 小模型。

        Result: 成功。

        Conclusion: 可行。

        Abstract: A planner with two million parameters tidies a kitchen.

        </details>

        """#
}

extension Fixture {
    /// One row of the `|Publish Date|Title|Authors|…|Code|` table, exactly as the generator writes it.
    static let lantern = "https://github.com/example/lantern"
    static let sheep = "https://github.com/example/sheep"

    static func row(
        _ date: String, _ title: String, _ firstAuthor: String, _ idWithVersion: String, code: String? = nil
    ) -> String {
        let codeCell = code.map { "[link](\($0))" } ?? "null"
        let link = "[\(idWithVersion)](http://arxiv.org/abs/\(idWithVersion))"
        return "|**\(date)**|**\(title)**|\(firstAuthor) et.al.|\(link)|\(codeCell)|"
    }
}

extension String {
    /// The 1-based number of the first line containing `needle` (LF-separated), or 0 when none does.
    func lineNumber(of needle: String) -> Int {
        let lines = split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex(where: { $0.contains(needle) }) ?? -1) + 1
    }

    /// The text with LF line ends replaced by CRLF.
    var withCRLF: String { replacing("\n", with: "\r\n") }
}
