import Testing
@testable import LinearAlgebra

/// Reference: all scores, full sort by (score desc, index asc), first k.
private func referenceTopK(
    _ queries: Matrix, _ corpus: Matrix, k: Int, excludeSelf: Bool, exclude: ((Int, Int) -> Bool)? = nil
) -> [[Neighbor]] {
    let scores = naiveProduct(queries, corpus, transposeB: true)
    return (0..<queries.rows).map { q in
        var all: [Neighbor] = []
        for j in 0..<corpus.rows {
            if excludeSelf && j == q { continue }
            if let exclude, exclude(q, j) { continue }
            all.append(Neighbor(index: j, score: scores[q, j]))
        }
        all.sort { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }
        return Array(all.prefix(k))
    }
}

/// Small-integer entries: every inner product is exact in Float, and ties are plentiful.
private func quantizedMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var rng = SeededRandom(seed: seed)
    return Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in Float(Int(rng.next() % 5) - 2) })
}

private func expectMatches(_ result: TopKNeighbors, _ reference: [[Neighbor]], k: Int) {
    #expect(result.queryCount == reference.count)
    for q in 0..<reference.count {
        #expect(result.neighbors(ofQuery: q) == reference[q], "query \(q)")
        #expect(result.count(ofQuery: q) == reference[q].count)
        for slot in reference[q].count..<k {
            #expect(result.indices[q * k + slot] == -1 && result.scores[q * k + slot] == -.infinity)
        }
    }
}

@Suite struct TopKTests {
    @Test(arguments: [16, 32, 2048])
    func matchesFullSortWithTies(tileSize: Int) {
        let queries = quantizedMatrix(50, 6, seed: 30), corpus = quantizedMatrix(83, 6, seed: 31)
        let result = topK(queries: queries, corpus: corpus, k: 7, tileSize: tileSize)
        expectMatches(result, referenceTopK(queries, corpus, k: 7, excludeSelf: false), k: 7)
        #expect(result.statistics.gemmFlops == 2 * 50 * 83 * 6)
    }

    @Test func excludeSelfAndClosure() {
        let x = quantizedMatrix(70, 5, seed: 32)
        let exclude: @Sendable (Int, Int) -> Bool = { q, j in (q + j) % 3 == 0 }
        let result = topK(queries: x, corpus: x, k: 4, excludeSelf: true, exclude: exclude, tileSize: 16)
        expectMatches(result, referenceTopK(x, x, k: 4, excludeSelf: true, exclude: { (q, j) in (q + j) % 3 == 0 }), k: 4)
        for q in 0..<70 { #expect(!result.neighbors(ofQuery: q).contains { $0.index == q }) }
    }

    @Test func kLargerThanCandidates() {
        let x = quantizedMatrix(9, 4, seed: 33)
        let result = topK(queries: x, corpus: x, k: 12, excludeSelf: true)
        #expect(result.k == 12)
        expectMatches(result, referenceTopK(x, x, k: 12, excludeSelf: true), k: 12)
        #expect(result.count(ofQuery: 0) == 8)
        let none = topK(queries: x, corpus: x, k: 0)
        #expect(none.indices.isEmpty)
    }

    @Test(arguments: [16, 32, 48, 4096])
    func allPairsMatchesFullSort(tileSize: Int) {
        let x = quantizedMatrix(100, 6, seed: 34)
        let result = topKAllPairs(x, k: 5, tileSize: tileSize)
        expectMatches(result, referenceTopK(x, x, k: 5, excludeSelf: true), k: 5)
        #expect(result.statistics.usedSymmetry)
        if tileSize < 100 { #expect(result.statistics.gemmFlops < 2 * 100 * 100 * 6) }
        let general = topK(queries: x, corpus: x, k: 5, excludeSelf: true, tileSize: tileSize)
        #expect(general.indices == result.indices && general.scores == result.scores)
    }

    @Test(arguments: Array(1...13))
    func tournamentRoundsCoverEveryTileOnceWithDisjointBlocks(blockCount: Int) {
        let rounds = TopKEngine.tournamentRounds(blockCount: blockCount)
        var seen: [Int: Int] = [:]
        for round in rounds {
            let blocks = round.flatMap { $0.0 == $0.1 ? [$0.0] : [$0.0, $0.1] }
            #expect(Set(blocks).count == blocks.count, "a block twice in one round: \(round)")
            for (i, j) in round {
                #expect(i <= j && j < blockCount)
                seen[i * blockCount + j, default: 0] += 1
            }
        }
        #expect(seen.count == blockCount * (blockCount + 1) / 2 && seen.values.allSatisfy { $0 == 1 })
    }

    @Test func allPairsWithClosureAndWithoutSelfExclusion() {
        let x = quantizedMatrix(61, 3, seed: 35)
        let result = topKAllPairs(x, k: 6, excludeSelf: false, exclude: { q, j in j == (q + 1) % 61 }, tileSize: 16)
        expectMatches(result, referenceTopK(x, x, k: 6, excludeSelf: false, exclude: { q, j in j == (q + 1) % 61 }), k: 6)
    }

    @Test func randomUnitVectorsScoresMatchAndSelfIsBest() {
        let x = Matrix.randomGaussian(rows: 300, columns: 32, seed: 36).normalizedRows()
        let withSelf = topKAllPairs(x, k: 10, excludeSelf: false, tileSize: 64)
        let reference = referenceTopK(x, x, k: 10, excludeSelf: false)
        for q in 0..<300 {
            #expect(withSelf.indices[q * 10] == Int32(q))
            #expect(abs(withSelf.scores[q * 10] - 1) < 1e-5)
            let got = withSelf.neighbors(ofQuery: q)
            #expect(zip(got, reference[q]).allSatisfy { abs($0.score - $1.score) < 1e-5 })
            #expect(zip(got, got.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }

    @Test func nanScoresNeverEnter() {
        var corpus = quantizedMatrix(20, 3, seed: 37)
        corpus[4, 1] = .nan
        let result = topK(queries: quantizedMatrix(5, 3, seed: 38), corpus: corpus, k: 19)
        for q in 0..<5 {
            #expect(!result.neighbors(ofQuery: q).contains { $0.index == 4 })
            #expect(result.count(ofQuery: q) == 19)
        }
    }
}
