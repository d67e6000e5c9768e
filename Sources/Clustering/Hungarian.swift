/// Optimal assignment (Kuhn–Munkres with potentials, shortest augmenting paths; Jonker–Volgenant style).
public enum Hungarian {
    /// The assignment of rows to distinct columns minimising `Σ cost[row][column(row)]`.
    ///
    /// `cost` is r × c with finite entries. With r ≤ c every row gets a column; with r > c exactly c rows get
    /// one and the others `nil`. Ties resolve deterministically (by index order).
    /// - Complexity: O(min(r, c)²·max(r, c)).
    public static func assignment(minimizing cost: [[Double]]) -> [Int?] {
        let rows = cost.count
        guard rows > 0 else { return [] }
        let columns = cost[0].count
        precondition(cost.allSatisfy { $0.count == columns }, "hungarian: ragged cost matrix")
        precondition(cost.allSatisfy { $0.allSatisfy(\.isFinite) }, "hungarian: costs must be finite")
        guard columns > 0 else { return Array(repeating: nil, count: rows) }
        if rows <= columns { return kernel(cost, rows: rows, columns: columns).map { Optional($0) } }
        // More rows than columns: solve the transpose, then invert.
        let transposed = (0..<columns).map { c in (0..<rows).map { r in cost[r][c] } }
        let columnToRow = kernel(transposed, rows: columns, columns: rows)
        var result = [Int?](repeating: nil, count: rows)
        for (column, row) in columnToRow.enumerated() { result[row] = column }
        return result
    }

    /// The assignment maximising `Σ weight[row][column(row)]`; see `assignment(minimizing:)`.
    ///
    /// - Complexity: O(min(r, c)²·max(r, c)).
    public static func assignment(maximizing weight: [[Double]]) -> [Int?] {
        assignment(minimizing: weight.map { $0.map { -$0 } })
    }

    /// Rows ≤ columns: column of every row (1-based potentials formulation, e-maxx).
    static func kernel(_ cost: [[Double]], rows n: Int, columns m: Int) -> [Int] {
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: m + 1)
        var matchedRow = [Int](repeating: 0, count: m + 1)  // column j (1-based) → row (1-based), 0 = free
        var way = [Int](repeating: 0, count: m + 1)
        for row in 1...n {
            matchedRow[0] = row
            var column0 = 0
            var minimum = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[column0] = true
                let row0 = matchedRow[column0]
                var delta = Double.infinity
                var column1 = 0
                for j in 1...m where !used[j] {
                    let reduced = cost[row0 - 1][j - 1] - u[row0] - v[j]
                    if reduced < minimum[j] {
                        minimum[j] = reduced
                        way[j] = column0
                    }
                    if minimum[j] < delta {
                        delta = minimum[j]
                        column1 = j
                    }
                }
                for j in 0...m {
                    if used[j] {
                        u[matchedRow[j]] += delta
                        v[j] -= delta
                    } else {
                        minimum[j] -= delta
                    }
                }
                column0 = column1
            } while matchedRow[column0] != 0
            repeat {
                let column1 = way[column0]
                matchedRow[column0] = matchedRow[column1]
                column0 = column1
            } while column0 != 0
        }
        var result = [Int](repeating: -1, count: n)
        for j in 1...m where matchedRow[j] != 0 { result[matchedRow[j] - 1] = j - 1 }
        return result
    }
}
