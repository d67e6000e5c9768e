#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A contingency table between two labelings of the same items.
public struct ContingencyTable: Sendable, Hashable {
    /// Distinct values of the first labeling, ascending (row order).
    public var rowLabels: [Int]
    /// Distinct values of the second labeling, ascending (column order).
    public var columnLabels: [Int]
    /// `counts[r][c]` = items with first label `rowLabels[r]` and second label `columnLabels[c]`.
    public var counts: [[Int]]

    /// Tabulates `a` against `b` (equal lengths; any Int values).
    ///
    /// - Complexity: O(n + r·c) for r and c distinct labels.
    public init(_ a: [Int], _ b: [Int]) {
        precondition(a.count == b.count, "contingency: labelings differ in length (\(a.count) vs \(b.count))")
        rowLabels = Array(Set(a)).sorted()
        columnLabels = Array(Set(b)).sorted()
        let rowIndex = Dictionary(uniqueKeysWithValues: rowLabels.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columnLabels.enumerated().map { ($1, $0) })
        counts = Array(repeating: Array(repeating: 0, count: columnLabels.count), count: rowLabels.count)
        for (x, y) in zip(a, b) { counts[rowIndex[x]!][columnIndex[y]!] += 1 }
    }

    /// Total number of items.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Row sums (items per first-labeling cluster).
    public var rowSums: [Int] { counts.map { $0.reduce(0, +) } }
    /// Column sums (items per second-labeling cluster).
    public var columnSums: [Int] {
        (0..<columnLabels.count).map { c in counts.reduce(0) { $0 + $1[c] } }
    }
}

/// External clustering quality measures on label arrays (scikit-learn conventions).
public enum ClusteringMetrics {
    /// Normalized mutual information with arithmetic-mean normalisation (scikit-learn's
    /// `normalized_mutual_info_score` default): `NMI = I(A;B) / ((H(A) + H(B)) / 2)`, natural logarithms.
    ///
    /// Symmetric; 1 for identical partitions up to renaming. Both labelings with one cluster → 1; otherwise
    /// I = 0 → 0. Empty input → 1.
    /// - Complexity: O(n + r·c).
    public static func normalizedMutualInformation(_ a: [Int], _ b: [Int]) -> Double {
        let table = ContingencyTable(a, b)
        let rows = table.rowLabels.count, columns = table.columnLabels.count
        if (rows == 1 && columns == 1) || a.isEmpty { return 1 }
        let information = mutualInformation(table)
        guard information > 0 else { return 0 }
        let normalizer = (entropy(table.rowSums) + entropy(table.columnSums)) / 2
        return min(1, information / normalizer)
    }

    /// Mutual information `I(A;B) = Σᵢⱼ (nᵢⱼ/n)·ln(n·nᵢⱼ / (aᵢ·bⱼ))` of a contingency table, in nats.
    ///
    /// - Complexity: O(r·c).
    public static func mutualInformation(_ table: ContingencyTable) -> Double {
        let n = Double(table.total)
        guard n > 0 else { return 0 }
        let rowSums = table.rowSums, columnSums = table.columnSums
        var information = 0.0
        for (r, row) in table.counts.enumerated() {
            for (c, count) in row.enumerated() where count > 0 {
                let nij = Double(count)
                information += nij / n * log(n * nij / (Double(rowSums[r]) * Double(columnSums[c])))
            }
        }
        return max(0, information)
    }

    /// Entropy `H = −Σ (nᵢ/n)·ln(nᵢ/n)` of a partition given its cluster sizes, in nats.
    ///
    /// - Complexity: O(sizes.count).
    public static func entropy(_ sizes: [Int]) -> Double {
        let n = Double(sizes.reduce(0, +))
        guard n > 0 else { return 0 }
        var h = 0.0
        for size in sizes where size > 0 {
            let p = Double(size) / n
            h -= p * log(p)
        }
        return h
    }

    /// Adjusted Rand index (Hubert & Arabie 1985), as scikit-learn's `adjusted_rand_score`:
    /// `ARI = (Σᵢⱼ C(nᵢⱼ,2) − E) / (½(Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E)`, `E = Σᵢ C(aᵢ,2)·Σⱼ C(bⱼ,2) / C(n,2)`.
    ///
    /// Symmetric; 1 for identical partitions up to renaming, ≈ 0 for independent ones, may be negative.
    /// Degenerate cases with a zero denominator (e.g. both labelings one cluster, or both all singletons) → 1.
    /// - Complexity: O(n + r·c).
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        let table = ContingencyTable(a, b)
        let n = table.total
        guard n > 1 else { return 1 }
        let pairs = { (x: Int) -> Double in Double(x) * Double(x - 1) / 2 }
        let together = table.counts.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + pairs($1) } }
        let rowPairs = table.rowSums.reduce(0.0) { $0 + pairs($1) }
        let columnPairs = table.columnSums.reduce(0.0) { $0 + pairs($1) }
        let expected = rowPairs * columnPairs / pairs(n)
        let maximum = (rowPairs + columnPairs) / 2
        let denominator = maximum - expected
        guard denominator != 0 else { return 1 }
        return (together - expected) / denominator
    }

    /// Purity of `predicted` against the reference `truth`: `(1/n)·Σ_clusters max_class nᵢⱼ`.
    ///
    /// Not symmetric; 1 when every predicted cluster holds one class (trivially so for singletons). Empty → 1.
    /// - Complexity: O(n + r·c).
    public static func purity(truth: [Int], predicted: [Int]) -> Double {
        let table = ContingencyTable(predicted, truth)
        let n = table.total
        guard n > 0 else { return 1 }
        return Double(table.counts.reduce(0) { $0 + ($1.max() ?? 0) }) / Double(n)
    }
}
