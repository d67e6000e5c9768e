import Foundation
import TextFeatures
import TestSupport

/// Test inputs: the repository's model files and small corpora written for these tests.
enum Fixtures {
    /// The folder holding `Package.swift`.
    static var repositoryRoot: URL { Repository.root }

    /// `models/stopwords.txt` as text.
    static func stopWordsText() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("models/stopwords.txt"), encoding: .utf8)
    }

    /// The repository's stop words.
    static func stopWords() throws -> StopWords { StopWords(parsing: try stopWordsText()) }

    /// A few short abstracts in the style of arXiv, written for these tests.
    static let abstracts: [TextDocument] = [
        TextDocument(
            title: "Sparse Retrieval for Large Language Models",
            abstract: "Large language models answer questions better with retrieval. We index documents with "
                + "sparse vectors and retrieve passages for GPT-4o and Llama-3."),
        TextDocument(
            title: "Graph Neural Networks on Molecules",
            abstract: "Graph neural networks learn molecular properties. Message passing over atoms and bonds "
                + "predicts solubility; our model improves accuracy on three benchmarks."),
        TextDocument(
            title: "Diffusion Models for 3D Scenes",
            abstract: "Diffusion models generate 3D scenes from text. A denoising network refines a coarse "
                + "point cloud, and k-means clustering groups the points into objects."),
        TextDocument(
            title: "Learning to Rank with Language Models",
            abstract: "Learning to rank orders documents by relevance. Large language models score query and "
                + "document pairs, and retrieval quality improves over sparse baselines."),
        TextDocument(
            title: "Reasoning in o1-style Language Models",
            abstract: "Chain-of-thought reasoning lets language models solve math problems. We measure how "
                + "reasoning length affects accuracy of o1 and GPT-4o on graph problems."),
        TextDocument(
            title: "Galaxy Clustering with Diffusion Models",
            abstract: "Diffusion models emulate galaxy clustering statistics. The emulator reproduces the "
                + "power spectrum at small scales and speeds up inference of cosmological parameters."),
    ]

    /// A reproducible synthetic corpus of `count` documents over a fixed word list (punctuation, numbers,
    /// LaTeX, URLs and non-ASCII text included), for parallelism and determinism tests.
    static func synthetic(count: Int, seed: UInt64 = 42) -> [TextDocument] {
        let words = [
            "model", "models", "learning", "network", "networks", "graph", "graphs", "language", "large", "vision",
            "transformer", "attention", "diffusion", "galaxy", "galaxies", "cluster", "clustering", "retrieval",
            "reasoning", "benchmark", "accuracy", "training", "trained", "data", "dataset", "robust", "sparse",
            "dense", "token", "tokens", "agent", "agents", "policy", "reward", "gpt-4o", "llama-3", "3d", "o1",
            "k-means", "rag", "state-of-the-art", "spectrum", "cosmology", "redshift", "stellar", "planet",
            "segmentation", "detection", "image", "images", "video", "speech", "audio", "naïve", "ﬁne-tuning",
            "quantum", "circuit", "kernel", "embedding", "embeddings", "contrastive", "generative", "adversarial",
            "the", "of", "and", "to", "in", "we", "paper", "propose", "results", "show", "method", "with", "for",
        ]
        let punctuation = [" ", " ", " ", " ", ", ", ". ", "; ", " (", ") ", " - "]
        let inserts = [" $x^2$ ", " https://example.org/a ", " 2024 ", " 模型 ", " \\mathbf{v} ", " 3.5 "]
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        // Zipf-like choice: low indices are more frequent.
        func word() -> String { words[min(next(words.count), next(words.count))] }
        return (0..<count).map { _ in
            let titleLength = 3 + next(6)
            let title = (0..<titleLength).map { _ in word() }.joined(separator: " ")
            var abstract = ""
            for _ in 0..<(40 + next(80)) {
                abstract += word()
                abstract += next(20) == 0 ? inserts[next(inserts.count)] : punctuation[next(punctuation.count)]
            }
            return TextDocument(title: title, abstract: abstract)
        }
    }
}
