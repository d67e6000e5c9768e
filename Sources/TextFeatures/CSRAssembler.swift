import Foundation
import PaperRadarCore
import LinearAlgebra

/// Term counts of a run of documents, ready to become matrix rows.
struct RowEntries: Sendable {
    /// Maps from entry terms to columns (-1: not in the vocabulary).
    struct ColumnMaps: Sendable {
        /// Column of an entry term without ``ChunkCounts/bigramFlag`` (a stem id).
        var unigrams: [Int32]
        /// Column of an entry term with ``ChunkCounts/bigramFlag`` (a bigram id).
        var bigrams: [Int32]
    }

    /// Document `i`'s entries are `[documentEnds[i - 1], documentEnds[i])` (from 0 for `i = 0`).
    var documentEnds: [Int]
    var entryTerms: SegmentedBuffer<UInt32>
    var entryCounts: SegmentedBuffer<UInt16>
    /// `nil` when the entry terms are columns already.
    var columnMaps: ColumnMaps?

    /// The in-vocabulary entries as (column, count), with each row's length.
    ///
    /// Each document's column lookups are preceded by a pass that only loads them, so their cache misses overlap.
    ///
    /// - Complexity: O(entries).
    func compacted() -> CompactRows {
        var rows = CompactRows()
        rows.lengths.reserveCapacity(documentEnds.count)
        var start = 0
        guard let maps = columnMaps else {
            for end in documentEnds {
                for entry in start..<end {
                    rows.columns.append(Int32(bitPattern: entryTerms[entry]))
                    rows.counts.append(entryCounts[entry])
                }
                rows.lengths.append(end - start)
                start = end
            }
            return rows
        }
        maps.unigrams.withUnsafeBufferPointer { unigrams in
            maps.bigrams.withUnsafeBufferPointer { bigrams in
                @inline(__always) func column(_ term: UInt32) -> Int32 {
                    term & ChunkCounts.bigramFlag != 0
                        ? bigrams[Int(term & ~ChunkCounts.bigramFlag)] : unigrams[Int(term)]
                }
                var checksum: Int32 = 0
                for end in documentEnds {
                    for entry in start..<end { checksum ^= column(entryTerms[entry]) }
                    var length = 0
                    for entry in start..<end {
                        let column = column(entryTerms[entry])
                        if column >= 0 {
                            rows.columns.append(column)
                            rows.counts.append(entryCounts[entry])
                            length += 1
                        }
                    }
                    rows.lengths.append(length)
                    start = end
                }
                rows.prefetchChecksum = checksum
            }
        }
        return rows
    }
}

extension CSRAssembler {
    /// The log-entropy global weight of every column (Dumais 1991): `g(t) = 1 + Σ_d p_dt ln p_dt / ln n`, with
    /// `p_dt = tf_dt / gf_t` over the n documents (title-weighted counts). 1 for a term concentrated in one paper,
    /// near 0 for a term spread evenly over all; floored at 10⁻³.
    ///
    /// Uses `Σ_d p ln p = (Σ_d tf ln tf) / gf − ln gf`, so one pass over the entries suffices; per-run sums are
    /// added in run order (deterministic).
    /// - Complexity: O(E + runs · m) for E entries and m columns.
    static func entropyWeights(_ runs: [CompactRows], columns m: Int) -> [Float] {
        let documents = runs.reduce(0) { $0 + $1.lengths.count }
        guard documents > 1, m > 0 else { return [Float](repeating: 1, count: m) }
        let partial = Parallel.map(runs.count) { r -> (gf: [Double], tfLnTf: [Double]) in
            var gf = [Double](repeating: 0, count: m)
            var tfLnTf = [Double](repeating: 0, count: m)
            let rows = runs[r]
            for e in 0..<rows.columns.count {
                let column = Int(rows.columns[e])
                let tf = Double(rows.counts[e])
                gf[column] += tf
                tfLnTf[column] += tf * log(tf)
            }
            return (gf, tfLnTf)
        }
        var gf = [Double](repeating: 0, count: m)
        var tfLnTf = [Double](repeating: 0, count: m)
        for run in partial {
            for j in 0..<m {
                gf[j] += run.gf[j]
                tfLnTf[j] += run.tfLnTf[j]
            }
        }
        let lnN = log(Double(documents))
        return (0..<m).map { j in
            guard gf[j] > 0 else { return 1 }
            let g = 1 + (tfLnTf[j] / gf[j] - log(gf[j])) / lnN
            return Float(max(g, 1e-3))
        }
    }
}

/// In-vocabulary (column, count) entries of a run of documents, row after row.
struct CompactRows: Sendable {
    var lengths: [Int] = []
    var columns = SegmentedBuffer<Int32>()
    var counts = SegmentedBuffer<UInt16>()
    /// What the prefetch loads read; stored so that the optimiser keeps them.
    var prefetchChecksum: Int32 = 0
}

/// Writes L2-normalised TF-IDF rows straight into CSR arrays, one run of documents per thread.
///
/// Pass 1 maps every run's entries to columns (dropping the pruned ones); a prefix sum of the row lengths gives the
/// row offsets; pass 2 writes each row into its slice of the shared arrays: weights `tf' · idf` (see
/// ``TFIDFWeighting``), columns sorted, scaled to unit norm (a row without terms stays empty).
///
/// - Complexity: O(E + Σ r log r) for E entries and r entries per row.
enum CSRAssembler {
    static func assemble(
        _ runs: consuming [RowEntries], columns: Int, idf: [Float], sublinearTF: Bool, entropy: Bool = false
    ) -> (matrix: SparseMatrix, emptyRows: Int, entropyWeights: [Float]) {
        let entries = runs
        let compact = Parallel.map(entries.count) { entries[$0].compacted() }
        runs = []  // the raw entries are no longer needed: free them before the output is allocated
        _ = consume entries
        let entropyWeights = entropy ? Self.entropyWeights(compact, columns: columns) : []

        var rowOffsets = [0]
        rowOffsets.reserveCapacity(compact.reduce(1) { $0 + $1.lengths.count })
        var firstEntries: [Int] = []
        for run in compact {
            firstEntries.append(rowOffsets[rowOffsets.count - 1])
            for length in run.lengths { rowOffsets.append(rowOffsets[rowOffsets.count - 1] + length) }
        }
        let nonzeros = rowOffsets[rowOffsets.count - 1]
        var columnIndices = [Int32](repeating: 0, count: nonzeros)
        var values = [Float](repeating: 0, count: nonzeros)

        let tfTable = (0..<256).map { TFIDFWeighting.termWeight($0, sublinear: sublinearTF) }
        let runFirstEntries = firstEntries
        let emptyRows = columnIndices.withUnsafeMutableBufferPointer { columnBuffer in
            values.withUnsafeMutableBufferPointer { valueBuffer in
                // Each run writes only its own rows' slice.
                nonisolated(unsafe) let columnsOut = columnBuffer
                nonisolated(unsafe) let valuesOut = valueBuffer
                return Parallel.map(compact.count) { index in
                    let run = compact[index]
                    var packed: [UInt64] = []
                    var weights: [Double] = []
                    var empty = 0
                    var entry = 0
                    var offset = runFirstEntries[index]
                    for length in run.lengths {
                        if length == 0 {
                            empty += 1
                            continue
                        }
                        packed.removeAll(keepingCapacity: true)
                        for _ in 0..<length {
                            let column = UInt64(UInt32(bitPattern: run.columns[entry]))
                            packed.append(column << 32 | UInt64(run.counts[entry]))
                            entry += 1
                        }
                        packed.sort()
                        weights.removeAll(keepingCapacity: true)
                        var squares = 0.0
                        for item in packed {
                            let count = Int(item & 0xFFFF_FFFF)
                            let tf =
                                count < tfTable.count
                                ? tfTable[count] : TFIDFWeighting.termWeight(count, sublinear: sublinearTF)
                            let weight = tf * Double(idf[Int(item >> 32)])
                            weights.append(weight)
                            squares += weight * weight
                        }
                        let scale = squares > 0 ? 1 / squares.squareRoot() : 0
                        for (item, weight) in zip(packed, weights) {
                            columnsOut[offset] = Int32(truncatingIfNeeded: item >> 32)
                            valuesOut[offset] = Float(weight * scale)
                            offset += 1
                        }
                    }
                    return empty
                }.reduce(0, +)
            }
        }
        let matrix = SparseMatrix(
            rows: rowOffsets.count - 1, columns: columns, rowOffsets: rowOffsets, columnIndices: columnIndices,
            values: values)
        return (matrix, emptyRows, entropyWeights)
    }
}
