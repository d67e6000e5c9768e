import PaperRadarCore
// Blocked top-k inner products: one SGEMM per score tile, then a per-row selection that keeps a
// size-k min-heap per query and rejects almost every score with one SIMD comparison.

/// One neighbour found by `topK`: a corpus row index and its inner product with the query.
public struct Neighbor: Sendable, Hashable {
    public var index: Int
    public var score: Float

    public init(index: Int, score: Float) {
        self.index = index
        self.score = score
    }
}

/// Stage timings of a `topK` run.
public struct TopKStatistics: Sendable, Hashable {
    /// Seconds inside SGEMM (OpenBLAS threads).
    public var gemmSeconds: Double = 0
    /// Seconds in the parallel selection passes.
    public var selectionSeconds: Double = 0
    /// Wall-clock seconds of the whole call (includes allocation and the final per-row sort).
    public var totalSeconds: Double = 0
    /// Floating-point operations performed by the GEMM stage (2·rows·columns·dimension per tile).
    public var gemmFlops: Double = 0
    /// Number of SGEMM calls (score tiles).
    public var tileCount: Int = 0
    /// Rows × columns of a full score tile.
    public var tileRows: Int = 0
    public var tileColumns: Int = 0
    /// Whether the all-pairs path computed only the tiles on and above the diagonal.
    public var usedSymmetry: Bool = false

    /// GFLOP/s of the GEMM stage.
    public var gemmGFLOPS: Double { gemmSeconds > 0 ? gemmFlops / gemmSeconds / 1e9 : 0 }

    public init() {}
}

/// The k best corpus rows for every query row, best first.
///
/// Row q occupies `indices[q·k ..< (q+1)·k]` and `scores[q·k ..< (q+1)·k]`, sorted by score
/// descending, ties by index ascending. When fewer than k candidates exist (small corpus,
/// exclusions) the tail is padded with index −1 and score −∞.
public struct TopKNeighbors: Sendable {
    public let queryCount: Int
    public let k: Int
    public let indices: [Int32]
    public let scores: [Float]
    public let statistics: TopKStatistics

    /// Number of neighbours actually found for `query` (≤ k).
    public func count(ofQuery query: Int) -> Int {
        precondition(query >= 0 && query < queryCount, "query out of range")
        var n = 0
        while n < k && indices[query * k + n] >= 0 { n += 1 }
        return n
    }

    /// The neighbours of `query`, best first (padding omitted).
    public func neighbors(ofQuery query: Int) -> [Neighbor] {
        (0..<count(ofQuery: query)).map {
            Neighbor(index: Int(indices[query * k + $0]), score: scores[query * k + $0])
        }
    }
}

/// For every row of `queries`, the `k` rows of `corpus` with the largest inner product.
///
/// `score(q, j) = queries[q]·corpus[j]` (cosine similarity for unit rows). Result rows are sorted by
/// score descending, ties broken by the lower corpus index. `excludeSelf` drops j == q (use it when
/// query q *is* corpus row q); `exclude(q, j)` drops further pairs and is only consulted for scores
/// that would enter the current top-k. NaN scores never enter.
///
/// Scores are computed tile by tile (`tileSize` query rows × `tileSize` corpus rows, one SGEMM each,
/// reusing one tile buffer of `tileSize²` floats), so memory stays bounded; the selection then runs in
/// parallel over query rows with a size-k heap per query and a one-comparison threshold filter.
/// - Complexity: O(nq·nc·d) for the GEMM + O(nq·nc) comparisons + O(accepted·log k) heap updates.
public func topK(
    queries: Matrix, corpus: Matrix, k: Int, excludeSelf: Bool = false,
    exclude: (@Sendable (_ query: Int, _ candidate: Int) -> Bool)? = nil,
    tileSize: Int = TopKEngine.defaultTileSize
) -> TopKNeighbors {
    precondition(queries.columns == corpus.columns, "queries and corpus differ in dimension")
    precondition(k >= 0, "k must be non-negative")
    precondition(tileSize >= 16, "tile size must be at least 16")
    precondition(corpus.rows <= Int(Int32.max), "corpus too large for 32-bit indices")
    return TopKEngine.run(
        queries: queries, corpus: corpus, symmetric: false, k: k, excludeSelf: excludeSelf,
        exclude: exclude, tileSize: tileSize)
}

/// All-pairs top-k of the rows of `embeddings` against each other (related papers).
///
/// Same contract as `topK(queries: embeddings, corpus: embeddings, …)` with `excludeSelf` defaulting
/// to true, but exploits symmetry: only the score tiles on and above the diagonal are computed, and
/// each off-diagonal tile feeds both its rows (as queries) and its columns (as queries), halving the
/// GEMM work. The column pass compares a tile row against a vector of per-query thresholds.
/// - Complexity: O(n²·d / 2) for the GEMM + O(n²) comparisons.
public func topKAllPairs(
    _ embeddings: Matrix, k: Int, excludeSelf: Bool = true,
    exclude: (@Sendable (_ query: Int, _ candidate: Int) -> Bool)? = nil,
    tileSize: Int = TopKEngine.defaultTileSize
) -> TopKNeighbors {
    precondition(k >= 0, "k must be non-negative")
    precondition(tileSize >= 16, "tile size must be at least 16")
    precondition(embeddings.rows <= Int(Int32.max), "too many rows for 32-bit indices")
    return TopKEngine.run(
        queries: embeddings, corpus: embeddings, symmetric: true, k: k, excludeSelf: excludeSelf,
        exclude: exclude, tileSize: tileSize)
}

/// Implementation of `topK` / `topKAllPairs` (tiling, GEMM, heaps, selection passes).
public enum TopKEngine {
    /// Default tile edge: a 2048 × 2048 score tile (16 MiB) keeps SGEMM efficient at d = 256
    /// while the selection reads the tile back from cache.
    public static let defaultTileSize = 2048

    typealias Lanes = SIMD16<Float>

    /// Per-query heaps and thresholds in raw memory shared by the selection workers; each query's
    /// slots are written by exactly one worker at a time.
    struct Heaps: @unchecked Sendable {
        let k: Int
        let scores: UnsafeMutablePointer<Float>      // queryCount × k, heap order (worst at slot 0)
        let indices: UnsafeMutablePointer<Int32>     // queryCount × k
        let counts: UnsafeMutablePointer<Int32>      // queryCount
        let thresholds: UnsafeMutablePointer<Float>  // queryCount (+16 slack): −∞ until full, then the worst kept score
        let excludeSelf: Bool
        let exclude: (@Sendable (Int, Int) -> Bool)?

        /// Offers `(score, candidate)` to `query`'s heap; the caller has checked `score >= thresholds[query]`.
        @inline(__always)
        func offer(_ score: Float, candidate: Int32, query: Int) {
            if excludeSelf && Int(candidate) == query { return }
            let hs = scores + query &* k, hi = indices + query &* k
            let count = Int(counts[query])
            if count < k {
                if let exclude, exclude(query, Int(candidate)) { return }
                var position = count
                while position > 0 {
                    let parent = (position &- 1) >> 1
                    // Move the parent down while the new entry is worse than it.
                    if score < hs[parent] || (score == hs[parent] && candidate > hi[parent]) {
                        hs[position] = hs[parent]
                        hi[position] = hi[parent]
                        position = parent
                    } else {
                        break
                    }
                }
                hs[position] = score
                hi[position] = candidate
                counts[query] = Int32(count &+ 1)
                if count &+ 1 == k { thresholds[query] = hs[0] }
                return
            }
            // Full: enter only if strictly better than the worst kept (score, then lower index).
            guard score > hs[0] || (score == hs[0] && candidate < hi[0]) else { return }
            if let exclude, exclude(query, Int(candidate)) { return }
            var position = 0
            while true {
                let left = 2 &* position &+ 1
                if left >= k { break }
                var child = left
                let right = left &+ 1
                if right < k && (hs[right] < hs[left] || (hs[right] == hs[left] && hi[right] > hi[left])) {
                    child = right
                }
                if hs[child] < score || (hs[child] == score && hi[child] > candidate) {
                    hs[position] = hs[child]
                    hi[position] = hi[child]
                    position = child
                } else {
                    break
                }
            }
            hs[position] = score
            hi[position] = candidate
            thresholds[query] = hs[0]
        }

        /// Row pass: offers `tile[0..<count]` (candidates `firstCandidate…`) to `query`.
        @inline(__always)
        func scanRow(_ row: UnsafePointer<Float>, count: Int, firstCandidate: Int, query: Int) {
            var threshold = thresholds[query]
            var c = 0
            let raw = UnsafeRawPointer(row)
            while c &+ 64 <= count {
                let byte = c &* 4
                let a = raw.loadUnaligned(fromByteOffset: byte, as: Lanes.self)
                let b = raw.loadUnaligned(fromByteOffset: byte &+ 64, as: Lanes.self)
                let d = raw.loadUnaligned(fromByteOffset: byte &+ 128, as: Lanes.self)
                let e = raw.loadUnaligned(fromByteOffset: byte &+ 192, as: Lanes.self)
                let t = Lanes(repeating: threshold)
                // Mask ORs, not pointwiseMax: the stdlib's generic lane-wise max is not vectorised.
                if any((a .>= t) .| (b .>= t) .| (d .>= t) .| (e .>= t)) {
                    for j in c..<(c &+ 64) where row[j] >= threshold {
                        offer(row[j], candidate: Int32(truncatingIfNeeded: firstCandidate &+ j), query: query)
                        threshold = thresholds[query]
                    }
                }
                c &+= 64
            }
            while c < count {
                if row[c] >= threshold {
                    offer(row[c], candidate: Int32(truncatingIfNeeded: firstCandidate &+ c), query: query)
                    threshold = thresholds[query]
                }
                c &+= 1
            }
        }

        /// Column pass: column c of the tile is query `firstQuery + c`; row r is candidate `candidate(r)`.
        /// Each row segment is compared against the vector of those queries' thresholds.
        @inline(__always)
        func scanColumns(
            _ tile: UnsafePointer<Float>, leadingDimension: Int, rows: Int, columns: Range<Int>,
            firstQuery: Int, firstCandidate: Int
        ) {
            let thresholdBase = thresholds + firstQuery
            for r in 0..<rows {
                let row = tile + r &* leadingDimension
                let raw = UnsafeRawPointer(row)
                let candidate = Int32(truncatingIfNeeded: firstCandidate &+ r)
                var c = columns.lowerBound
                while c &+ 16 <= columns.upperBound {
                    let v = raw.loadUnaligned(fromByteOffset: c &* 4, as: Lanes.self)
                    let t = UnsafeRawPointer(thresholdBase + c).loadUnaligned(as: Lanes.self)
                    if any(v .>= t) {
                        for j in c..<(c &+ 16) where row[j] >= thresholdBase[j] {
                            offer(row[j], candidate: candidate, query: firstQuery &+ j)
                        }
                    }
                    c &+= 16
                }
                while c < columns.upperBound {
                    if row[c] >= thresholdBase[c] { offer(row[c], candidate: candidate, query: firstQuery &+ c) }
                    c &+= 1
                }
            }
        }
    }

    static func run(
        queries: Matrix, corpus: Matrix, symmetric: Bool, k: Int, excludeSelf: Bool,
        exclude: (@Sendable (Int, Int) -> Bool)?, tileSize: Int
    ) -> TopKNeighbors {
        let total = Stopwatch()
        var stats = TopKStatistics()
        stats.usedSymmetry = symmetric
        let nq = queries.rows, nc = corpus.rows
        let kk = min(k, nc)
        guard nq > 0, kk > 0 else {
            stats.totalSeconds = total.seconds
            return TopKNeighbors(
                queryCount: nq, k: k, indices: [Int32](repeating: -1, count: nq * k),
                scores: [Float](repeating: -.infinity, count: nq * k), statistics: stats)
        }

        let heapScores = UnsafeMutablePointer<Float>.allocate(capacity: nq * kk)
        let heapIndices = UnsafeMutablePointer<Int32>.allocate(capacity: nq * kk)
        let counts = UnsafeMutablePointer<Int32>.allocate(capacity: nq)
        let thresholds = UnsafeMutablePointer<Float>.allocate(capacity: nq + 16)
        counts.initialize(repeating: 0, count: nq)
        thresholds.initialize(repeating: -.infinity, count: nq + 16)
        defer {
            heapScores.deallocate()
            heapIndices.deallocate()
            counts.deallocate()
            thresholds.deallocate()
        }
        let heaps = Heaps(
            k: kk, scores: heapScores, indices: heapIndices, counts: counts, thresholds: thresholds,
            excludeSelf: excludeSelf, exclude: exclude)

        let workers = Parallel.processorCount
        if symmetric {
            scoreSymmetricTiles(embeddings: queries, tileSize: tileSize, heaps: heaps, workers: workers, stats: &stats)
        } else {
            scoreTiles(queries: queries, corpus: corpus, tileSize: tileSize, heaps: heaps, workers: workers, stats: &stats)
        }

        // Final ordering: sort each heap by score descending, index ascending; pad to k.
        var indices = [Int32](repeating: -1, count: nq * k)
        var scores = [Float](repeating: -.infinity, count: nq * k)
        indices.withUnsafeMutableBufferPointer { outIndices in
            scores.withUnsafeMutableBufferPointer { outScores in
                nonisolated(unsafe) let oi = outIndices.baseAddress!
                nonisolated(unsafe) let os = outScores.baseAddress!
                let ranges = Parallel.ranges(nq, parts: workers * 4)
                Parallel.forEach(ranges.count) { part in
                    var entries: [Neighbor] = []
                    entries.reserveCapacity(kk)
                    for query in ranges[part] {
                        entries.removeAll(keepingCapacity: true)
                        for slot in 0..<Int(heaps.counts[query]) {
                            entries.append(Neighbor(
                                index: Int(heaps.indices[query * kk + slot]), score: heaps.scores[query * kk + slot]))
                        }
                        entries.sort { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }
                        for (slot, entry) in entries.enumerated() {
                            oi[query * k + slot] = Int32(truncatingIfNeeded: entry.index)
                            os[query * k + slot] = entry.score
                        }
                    }
                }
            }
        }
        stats.totalSeconds = total.seconds
        return TopKNeighbors(queryCount: nq, k: k, indices: indices, scores: scores, statistics: stats)
    }

    /// Queries against a different corpus: one multithreaded SGEMM per score tile, then a parallel selection.
    static func scoreTiles(
        queries: Matrix, corpus: Matrix, tileSize: Int, heaps: Heaps, workers: Int, stats: inout TopKStatistics
    ) {
        let nq = queries.rows, nc = corpus.rows, d = queries.columns
        let tileRows = min(tileSize, nq), tileColumns = min(tileSize, nc)
        stats.tileRows = tileRows
        stats.tileColumns = tileColumns
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: tileRows * tileColumns)
        defer { tile.deallocate() }

        queries.storage.withUnsafeBufferPointer { qBuffer in
            corpus.storage.withUnsafeBufferPointer { cBuffer in
                let q = qBuffer.baseAddress!, c = cBuffer.baseAddress!
                var i0 = 0
                while i0 < nq {
                    let rows = min(tileRows, nq - i0)
                    var j0 = 0
                    while j0 < nc {
                        let columns = min(tileColumns, nc - j0)
                        if d > 0 {
                            stats.gemmSeconds += Stopwatch.measure {
                                BLAS.sgemm(
                                    transposeA: false, transposeB: true, m: rows, n: columns, k: d,
                                    alpha: 1, a: q + i0 * d, lda: d, b: c + j0 * d, ldb: d,
                                    beta: 0, c: tile, ldc: columns)
                            }
                        } else {
                            tile.update(repeating: 0, count: rows * columns)
                        }
                        stats.gemmFlops += 2 * Double(rows) * Double(columns) * Double(d)
                        stats.tileCount += 1
                        stats.selectionSeconds += Stopwatch.measure {
                            select(
                                tile: tile, rows: rows, columns: columns, firstQueryRow: i0, firstCorpusRow: j0,
                                heaps: heaps, workers: workers)
                        }
                        j0 += columns
                    }
                    i0 += rows
                }
            }
        }
    }

    /// Selection over one score tile (`rows × columns`, row-major, leading dimension `columns`): the tile's rows
    /// are the queries, cut into `2·workers` ranges that run concurrently (each query's heap has one writer).
    static func select(
        tile: UnsafeMutablePointer<Float>, rows: Int, columns: Int, firstQueryRow: Int, firstCorpusRow: Int,
        heaps: Heaps, workers: Int
    ) {
        let rowParts = Parallel.ranges(rows, parts: rows >= 64 ? workers * 2 : 1)
        nonisolated(unsafe) let scores = UnsafePointer(tile)
        Parallel.forEach(rowParts.count) { item in
            for r in rowParts[item] {
                heaps.scanRow(
                    scores + r * columns, count: columns, firstCandidate: firstCorpusRow, query: firstQueryRow + r)
            }
        }
    }
}
