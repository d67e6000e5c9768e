import Clustering
import LinearAlgebra
import PaperRadarCore
import Store

/// An inverted-file index over a space's neighbour view (faiss `IndexIVFFlat`): `L ≈ √n` coarse centroids from
/// spherical k-means, every row in the list of its nearest centroid.
///
/// A query scores the centroids, then only the rows of the nearest lists, until it has seen a share of the papers
/// (``IndexedRelatedQueries``): on a store of millions of papers one paper's related papers are found by reading a
/// few percent of the vectors. Built by `fit` and stored with the vectors it indexes (``NeighbourIndexContents``).
public struct NeighbourIndex: Sendable {
    /// `L × k` unit centroids.
    public let centroids: Matrix
    /// The rows of list `l`: `order[listOffsets[l]..<listOffsets[l + 1]]`.
    public let order: [Int32]
    public let listOffsets: [Int]

    /// The number of lists for `n` rows: `⌊√n⌋`, at least 1 and at most 4,096.
    public static func listCount(rows n: Int) -> Int { max(1, min(4096, Int(Double(n).squareRoot()))) }

    /// Clusters the rows of `view` (n × k, unit or zero rows) and files every row under its nearest centroid.
    ///
    /// The centroids are trained on at most 32·L evenly spaced non-zero rows (10 Lloyd iterations, seeded), then
    /// every row is assigned a block of rows at a time, so the score matrix never holds n × L values.
    /// - Complexity: O(10·32·L²·k) training + O(n·L·k) assignment; for 2.6 M papers (L = 1,612, k = 96) ≈ 0.8
    ///   TFLOP, a few seconds.
    public static func build(view: Matrix, seed: UInt64 = 0) -> NeighbourIndex {
        let n = view.rows, k = view.columns
        let nonzero = view.nonzeroRowIndices()
        let lists = min(listCount(rows: n), max(1, nonzero.count))
        guard nonzero.count >= 2, lists >= 2 else {
            // Nothing to cluster: one list of every row, its centroid the first non-zero row (or zero).
            let centroid = nonzero.first.map { view.row($0) } ?? [Float](repeating: 0, count: k)
            return NeighbourIndex(
                centroids: Matrix(rows: 1, columns: k, storage: centroid), order: (0..<n).map { Int32($0) },
                listOffsets: [0, n])
        }
        let sampleCount = min(nonzero.count, 32 * lists)
        let step = Double(nonzero.count) / Double(sampleCount)
        let sample = view.selectingRows((0..<sampleCount).map { nonzero[Int(Double($0) * step)] })
        let kmeans = SphericalKMeans(
            k: lists, restarts: 1, maxIterations: 10, restartMaxIterations: 10, seed: seed,
            seedingSampleSize: min(sampleCount, max(4096, 2 * lists)), restartSampleSize: sampleCount)
        let centroids = kmeans.fit(sample).centroids
        var labels = [Int32](repeating: 0, count: n)
        let block = 16_384
        for start in stride(from: 0, to: n, by: block) {
            let rows = Array(start..<min(n, start + block))
            let assigned = SphericalKMeans.assign(view.selectingRows(rows), centroids: centroids).labels
            for (row, label) in zip(rows, assigned) { labels[row] = Int32(label) }
        }
        // Counting sort of the rows by list, rows ascending within a list.
        var listOffsets = [Int](repeating: 0, count: lists + 1)
        for label in labels { listOffsets[Int(label) + 1] += 1 }
        for l in 0..<lists { listOffsets[l + 1] += listOffsets[l] }
        var next = listOffsets
        var order = [Int32](repeating: 0, count: n)
        for (row, label) in labels.enumerated() {
            order[next[Int(label)]] = Int32(row)
            next[Int(label)] += 1
        }
        return NeighbourIndex(centroids: centroids, order: order, listOffsets: listOffsets)
    }

    /// What the store writes for this index over `space` (its neighbour view, ids and TF-IDF rows, not copied).
    func contents(of space: VectorSpace) -> NeighbourIndexContents {
        precondition(order.count == space.count && centroids.columns == space.neighbours.columns, "the index of this space")
        return NeighbourIndexContents(
            weights: space.lsa.neighbourWeights(dimensions: space.neighbours.columns), embeddingDimension: space.lsa.dimension,
            centroids: centroids.storage, order: order, listOffsets: listOffsets, ids: space.ids,
            view: space.neighbours.storage, rowOffsets: space.tfidfRows.rowOffsets,
            columnIndices: space.tfidfRows.columnIndices, values: space.tfidfRows.values,
            columns: space.tfidfRows.columns, textSequence: space.textSequence)
    }

    /// A one-line description, stored with the index.
    func summary(rows: Int) -> String {
        let sizes = (0..<(listOffsets.count - 1)).map { listOffsets[$0 + 1] - listOffsets[$0] }
        return "neighbour index: \(sizes.count) lists over \(rows) papers (largest \(sizes.max() ?? 0))"
    }
}
