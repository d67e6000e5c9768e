import PaperRadarCore

// All-pairs top-k without locks and without idle cores: the rows are cut into blocks, the score tiles on and above
// the diagonal are visited in rounds of a round-robin tournament (no block appears twice in a round), and each worker
// computes whole tiles on its own — a single-threaded SGEMM into its own buffer, then the row and column selection
// while the tile is still in cache. Tiles of one round touch disjoint heaps, so workers never share a query.
//
// Why not one multithreaded SGEMM per tile followed by a parallel selection (the general `topK` path): with the
// neighbour view's small inner dimension (96) each GEMM call is short, OpenBLAS's threads spin between calls and
// compete with the selection threads on a 2-core machine, and the tile goes cold between the two stages. Measured
// on 93,739 papers: 104 GFLOP/s that way against ~170 for the same calls made by one thread per core.

extension TopKEngine {
    /// Default edge of a per-worker score tile: 1024 × 1024 floats (4 MiB) stays close to the cores' caches while
    /// SGEMM at d = 96 runs at full speed.
    static let workerTileSize = 1024

    /// The score tiles on and above the diagonal of `blockCount` blocks, grouped into rounds in which no block appears
    /// twice: first the diagonal, then the circle method's `p − 1` rounds (`p` = `blockCount` rounded up to even).
    ///
    /// Every pair `(i, j)` with `i ≤ j` appears exactly once, as `(min, max)`.
    /// - Complexity: O(blockCount²).
    static func tournamentRounds(blockCount: Int) -> [[(Int, Int)]] {
        guard blockCount > 0 else { return [] }
        var rounds: [[(Int, Int)]] = [(0..<blockCount).map { ($0, $0) }]
        guard blockCount > 1 else { return rounds }
        let p = blockCount + blockCount % 2  // an odd count gets a bye: block `blockCount` does not exist
        var ring = Array(1..<p)
        for _ in 0..<(p - 1) {
            let order = [0] + ring
            var round: [(Int, Int)] = []
            for i in 0..<(p / 2) {
                let a = order[i], b = order[p - 1 - i]
                if a < blockCount && b < blockCount { round.append((min(a, b), max(a, b))) }
            }
            rounds.append(round)
            ring = [ring[ring.count - 1]] + ring.dropLast()
        }
        return rounds
    }

    /// Symmetric scoring of `embeddings` against itself, tile by tile in tournament rounds, one worker per tile.
    ///
    /// OpenBLAS runs single-threaded meanwhile (restored afterwards): the parallelism is across tiles. The statistics'
    /// GEMM and selection seconds are the workers' summed times divided by the worker count (their share of the
    /// wall clock), so GFLOP/s compare with a multithreaded SGEMM on all cores.
    /// - Complexity: O(n²·d / 2) for the GEMM + O(n²) comparisons.
    static func scoreSymmetricTiles(
        embeddings: Matrix, tileSize: Int, heaps: Heaps, workers: Int, stats: inout TopKStatistics
    ) {
        let n = embeddings.rows, d = embeddings.columns
        let edge = min(tileSize, workerTileSize, n)
        let blocks = Parallel.blocks(n, blockSize: edge)
        stats.tileRows = edge
        stats.tileColumns = edge
        let buffers = (0..<workers).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: edge * edge) }
        defer { for buffer in buffers { buffer.deallocate() } }
        nonisolated(unsafe) let tiles = buffers

        let previousThreads = BLAS.threadCount
        if previousThreads != nil { BLAS.setThreadCount(1) }
        defer { if let previousThreads { BLAS.setThreadCount(previousThreads) } }

        // Per worker: GEMM seconds, selection seconds.
        let timings = UnsafeMutablePointer<(gemm: Double, selection: Double)>.allocate(capacity: workers)
        timings.initialize(repeating: (0, 0), count: workers)
        defer { timings.deallocate() }
        nonisolated(unsafe) let times = timings

        embeddings.storage.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let x = buffer.baseAddress!
            for round in tournamentRounds(blockCount: blocks.count) {
                let shares = Parallel.ranges(round.count, parts: workers)
                Parallel.forEach(shares.count) { worker in
                    let tile = tiles[worker]
                    for (bi, bj) in round[shares[worker]] {
                        let rows = blocks[bi], columns = blocks[bj]
                        var watch = Stopwatch()
                        if d > 0 {
                            BLAS.sgemm(
                                transposeA: false, transposeB: true, m: rows.count, n: columns.count, k: d,
                                alpha: 1, a: x + rows.lowerBound * d, lda: d, b: x + columns.lowerBound * d, ldb: d,
                                beta: 0, c: tile, ldc: columns.count)
                        } else {
                            tile.update(repeating: 0, count: rows.count * columns.count)
                        }
                        times[worker].gemm += watch.lap()
                        for r in 0..<rows.count {
                            heaps.scanRow(
                                tile + r * columns.count, count: columns.count, firstCandidate: columns.lowerBound,
                                query: rows.lowerBound + r)
                        }
                        if bi != bj {
                            heaps.scanColumns(
                                tile, leadingDimension: columns.count, rows: rows.count, columns: 0..<columns.count,
                                firstQuery: columns.lowerBound, firstCandidate: rows.lowerBound)
                        }
                        times[worker].selection += watch.lap()
                    }
                }
                for (bi, bj) in round {
                    stats.gemmFlops += 2 * Double(blocks[bi].count) * Double(blocks[bj].count) * Double(d)
                    stats.tileCount += 1
                }
            }
        }
        for worker in 0..<workers {
            stats.gemmSeconds += times[worker].gemm / Double(workers)
            stats.selectionSeconds += times[worker].selection / Double(workers)
        }
    }
}
