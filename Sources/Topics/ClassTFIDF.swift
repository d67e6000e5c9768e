import LinearAlgebra

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One labelling term of a topic: a vocabulary column, its text and its class-based TF-IDF weight.
public struct TopicTerm: Sendable, Hashable {
    /// Column of the term in the TF-IDF matrix (index into the vocabulary).
    public var index: Int
    /// The term: a stem, or `"stem₁ stem₂"` for a bigram.
    public var term: String
    /// Its class-based TF-IDF weight in the topic (> 0).
    public var weight: Float

    public init(index: Int, term: String, weight: Float) {
        self.index = index
        self.term = term
        self.weight = weight
    }
}

/// Top terms of every cluster by class-based TF-IDF (BERTopic's c-TF-IDF on TF-IDF rows).
///
/// With `x_it` the TF-IDF weight of term t in paper i (unit rows) and `C_c` the papers of cluster c:
///
/// ```
/// S_c(t)  = Σ_{i ∈ C_c} x_it                      summed weight of t in c
/// T_c     = Σ_t S_c(t)                            total weight of c
/// tf_c(t) = S_c(t) / T_c                          (0 for an empty cluster)
/// f(t)    = Σ_c S_c(t)                            summed weight of t over all clusters
/// A       = (Σ_c T_c) / |{c : C_c ≠ ∅}|           average total weight per non-empty cluster
/// w_c(t)  = tf_c(t) · ln(1 + A / f(t))
/// ```
///
/// A term ranks in c only when `w_c(t) > 0` (it occurs in c with positive weight); ranking is by weight
/// descending, ties by term index ascending (vocabulary order). Sums run in `Double`; weights are returned as
/// `Float`.
///
/// **Diverse labels** (`diversify`, on by default): walking the ranking best first, a candidate is skipped when
/// it adds no new word to the list. Terms are split into words at spaces. A unigram is skipped when it is a word of
/// an already listed bigram (or longer term); a bigram is skipped when each of its words is already listed, as a
/// unigram or inside a listed bigram. So "languag model" listed first hides "languag" and "model"; "graph" and
/// "neural" listed first hide "graph neural"; "languag model" then "model train" hides "train model" but not
/// "model size". Skipped terms leave room for the next ones, so a cluster still gets `count` terms when it has
/// enough.
public struct ClassTFIDF: Sendable, Hashable {
    /// Terms returned per cluster (at most; fewer when the cluster has fewer positive-weight terms).
    public var count: Int
    /// Whether to skip terms that add no word to the list (see the type's documentation).
    public var diversify: Bool

    /// A c-TF-IDF labeller returning `count` (≥ 0) terms per cluster.
    public init(count: Int = 10, diversify: Bool = true) {
        precondition(count >= 0, "count must be ≥ 0")
        self.count = count
        self.diversify = diversify
    }

    /// The top terms of each of the `clusterCount` clusters, best first.
    ///
    /// Contract: `tfidf` is the n×m TF-IDF matrix (rows need not be unit, values should be ≥ 0), `assignments`
    /// has n entries in `0..<clusterCount`, `vocabulary` has m terms. Result `[c]` lists cluster c's terms by the
    /// formula of the type's documentation; empty for an empty cluster.
    /// - Complexity: O(nnz + n + m) for the sums (two passes over the CSR rows, memory O(m + n) — no k×m array),
    ///   plus O(u_c · log L) selection per cluster, u_c its distinct terms and L ≈ 4·count (a full
    ///   O(u_c log u_c) sort only when diversity skips exhaust the shortlist).
    public func topTerms(
        tfidf: SparseMatrix, assignments: [Int], clusterCount: Int, vocabulary: [String]
    ) -> [[TopicTerm]] {
        precondition(
            vocabulary.count == tfidf.columns,
            "vocabulary has \(vocabulary.count) terms, matrix \(tfidf.columns) columns")
        let sums = ClassTermSums(tfidf: tfidf, assignments: assignments, clusterCount: clusterCount)
        var result: [[TopicTerm]] = []
        result.reserveCapacity(clusterCount)
        var scratch = [Double](repeating: 0, count: tfidf.columns)
        var marks = [Bool](repeating: false, count: tfidf.columns)
        for cluster in 0..<clusterCount {
            let total = sums.clusterTotals[cluster]
            var candidates: [(weight: Double, index: Int32)] = []
            for (t, s) in sums.termSums(cluster: cluster, scratch: &scratch, marks: &marks) where s > 0 && total > 0 {
                let w = sums.weight(summed: s, clusterTotal: total, term: Int(t))
                if w > 0 { candidates.append((w, t)) }
            }
            result.append(select(candidates, vocabulary: vocabulary))
        }
        return result
    }

    /// The c-TF-IDF weight of every (cluster, term) pair as a dense k×m matrix (for diagnostics and tests).
    ///
    /// Same formula as ``topTerms(tfidf:assignments:clusterCount:vocabulary:)``; entry `(c, t)` is `w_c(t)`, 0 where
    /// t does not occur in c.
    /// - Complexity: O(nnz + n + k·m) time and memory.
    public static func weights(tfidf: SparseMatrix, assignments: [Int], clusterCount: Int) -> Matrix {
        let sums = ClassTermSums(tfidf: tfidf, assignments: assignments, clusterCount: clusterCount)
        var result = Matrix(rows: clusterCount, columns: tfidf.columns)
        var scratch = [Double](repeating: 0, count: tfidf.columns)
        var marks = [Bool](repeating: false, count: tfidf.columns)
        for cluster in 0..<clusterCount {
            let total = sums.clusterTotals[cluster]
            for (t, s) in sums.termSums(cluster: cluster, scratch: &scratch, marks: &marks) where s > 0 && total > 0 {
                result[cluster, Int(t)] = Float(sums.weight(summed: s, clusterTotal: total, term: Int(t)))
            }
        }
        return result
    }

    // MARK: - Selection

    /// Best-first terms from `(weight, column)` candidates, applying the diversity rule.
    private func select(_ candidates: [(weight: Double, index: Int32)], vocabulary: [String]) -> [TopicTerm] {
        guard count > 0, !candidates.isEmpty else { return [] }
        let better: ((weight: Double, index: Int32), (weight: Double, index: Int32)) -> Bool = {
            $0.weight > $1.weight || ($0.weight == $1.weight && $0.index < $1.index)
        }
        // Shortlist first (a bounded heap); widen to the full ranking only if diversity skips exhaust it.
        let shortlistSize = diversify ? 4 * count + 8 : count
        var ranked =
            candidates.count <= shortlistSize
            ? candidates.sorted(by: better) : TopSelection.best(shortlistSize, of: candidates, by: better)
        var picked = pick(from: ranked, vocabulary: vocabulary)
        if picked.count < count && ranked.count < candidates.count {
            ranked = candidates.sorted(by: better)
            picked = pick(from: ranked, vocabulary: vocabulary)
        }
        return picked
    }

    private func pick(from ranked: [(weight: Double, index: Int32)], vocabulary: [String]) -> [TopicTerm] {
        var picked: [TopicTerm] = []
        var unigrams = Set<Substring>()  // words listed as unigram terms
        var covered = Set<Substring>()  // words of listed multi-word terms
        for candidate in ranked {
            if picked.count == count { break }
            let term = vocabulary[Int(candidate.index)]
            if diversify {
                let words = term.split(separator: " ")
                if words.count <= 1 {
                    if covered.contains(Substring(term)) { continue }
                    unigrams.insert(Substring(term))
                } else {
                    if words.allSatisfy({ unigrams.contains($0) || covered.contains($0) }) { continue }
                    covered.formUnion(words)
                }
            }
            picked.append(TopicTerm(index: Int(candidate.index), term: term, weight: Float(candidate.weight)))
        }
        return picked
    }
}

/// The per-term and per-cluster sums of c-TF-IDF, with the papers grouped by cluster.
struct ClassTermSums {
    let tfidf: SparseMatrix
    /// `f(t)`: summed weight of every term over all papers.
    let termTotals: [Double]
    /// `T_c`: total weight of every cluster.
    let clusterTotals: [Double]
    /// `A`: average of `T_c` over non-empty clusters (0 when all are empty).
    let averageClusterTotal: Double
    /// `ln(1 + A / f(t))` of every term (0 where `f(t) ≤ 0`).
    let inverseFrequency: [Double]
    /// Paper indices grouped by cluster (counting sort): cluster c is `order[starts[c]..<starts[c + 1]]`.
    let order: [Int]
    let starts: [Int]

    /// One pass over the CSR rows: term totals, cluster totals, and the papers grouped by cluster.
    ///
    /// - Complexity: O(nnz + n + m + k).
    init(tfidf: SparseMatrix, assignments: [Int], clusterCount k: Int) {
        precondition(k >= 0, "clusterCount must be ≥ 0")
        precondition(
            assignments.count == tfidf.rows, "assignments has \(assignments.count) entries, matrix \(tfidf.rows) rows")
        precondition(assignments.allSatisfy { $0 >= 0 && $0 < k }, "assignments must be in 0..<\(k)")
        var termTotals = [Double](repeating: 0, count: tfidf.columns)
        var clusterTotals = [Double](repeating: 0, count: k)
        var sizes = [Int](repeating: 0, count: k + 1)
        tfidf.rowOffsets.withUnsafeBufferPointer { offsets in
            tfidf.columnIndices.withUnsafeBufferPointer { columns in
                tfidf.values.withUnsafeBufferPointer { values in
                    for i in 0..<tfidf.rows {
                        var rowTotal = 0.0
                        for p in offsets[i]..<offsets[i + 1] {
                            let v = Double(values[p])
                            termTotals[Int(columns[p])] += v
                            rowTotal += v
                        }
                        clusterTotals[assignments[i]] += rowTotal
                        sizes[assignments[i] + 1] += 1
                    }
                }
            }
        }
        for c in 0..<k { sizes[c + 1] += sizes[c] }
        var next = sizes
        var order = [Int](repeating: 0, count: tfidf.rows)
        for (i, c) in assignments.enumerated() {
            order[next[c]] = i
            next[c] += 1
        }
        let nonEmpty = (0..<k).filter { sizes[$0 + 1] > sizes[$0] }.count
        self.tfidf = tfidf
        self.termTotals = termTotals
        self.clusterTotals = clusterTotals
        let average = nonEmpty > 0 ? clusterTotals.reduce(0, +) / Double(nonEmpty) : 0
        self.averageClusterTotal = average
        self.inverseFrequency = termTotals.map { $0 > 0 ? log1p(average / $0) : 0 }
        self.order = order
        self.starts = sizes
    }

    /// The summed weights `S_c(t)` of cluster c as `(term, S_c(t))` pairs, first-touch order.
    ///
    /// `scratch` (m zeros) and `marks` (m `false`s) are work arrays, returned to that state.
    /// - Complexity: O(nnz of the cluster's rows + distinct terms).
    func termSums(cluster c: Int, scratch: inout [Double], marks: inout [Bool]) -> [(term: Int32, sum: Double)] {
        var touched: [Int32] = []
        tfidf.rowOffsets.withUnsafeBufferPointer { offsets in
            tfidf.columnIndices.withUnsafeBufferPointer { columns in
                tfidf.values.withUnsafeBufferPointer { values in
                    scratch.withUnsafeMutableBufferPointer { sums in
                        marks.withUnsafeMutableBufferPointer { marked in
                            for position in starts[c]..<starts[c + 1] {
                                let i = order[position]
                                for p in offsets[i]..<offsets[i + 1] {
                                    let t = Int(columns[p])
                                    if !marked[t] {
                                        marked[t] = true
                                        touched.append(columns[p])
                                    }
                                    sums[t] += Double(values[p])
                                }
                            }
                        }
                    }
                }
            }
        }
        var result: [(term: Int32, sum: Double)] = []
        result.reserveCapacity(touched.count)
        for t in touched {
            result.append((t, scratch[Int(t)]))
            scratch[Int(t)] = 0
            marks[Int(t)] = false
        }
        return result
    }

    /// `w_c(t) = (S_c(t) / T_c) · ln(1 + A / f(t))` for `S_c(t) > 0`, `T_c > 0`.
    @inline(__always)
    func weight(summed: Double, clusterTotal: Double, term: Int) -> Double {
        summed / clusterTotal * inverseFrequency[term]
    }
}
