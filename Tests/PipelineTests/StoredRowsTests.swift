import LinearAlgebra
import PaperRadarCore
import Store
import Testing

@testable import Pipeline

/// Assembling stored vector blocks into one space: the paired path (a fit's block, then the digests') against the
/// general one, which both must give rows in order of first appearance with each paper's latest values.
@Suite struct StoredRowsTests {
    private static let width = 6
    private static let dimension = 2

    /// A block pair: paper `id` gets TF-IDF row `[(column tag % width, tag)]` and embedding `[tag, -tag]`.
    private static func pair(_ rows: [(String, Float)], sequence: Int64) -> (VectorBlock, VectorBlock) {
        let ids = rows.map { ArxivID($0.0)! }
        var offsets = [0]
        var indices: [Int32] = []
        var values: [Float] = []
        for (_, tag) in rows {
            indices.append(Int32(Int(tag) % width))
            values.append(tag)
            offsets.append(values.count)
        }
        return (
            VectorBlock(ids: ids, width: width, offsets: offsets, indices: indices, values: values, textSequence: sequence),
            VectorBlock(ids: ids, width: dimension, values: rows.flatMap { [$0.1, -$0.1] }, textSequence: sequence)
        )
    }

    private static func assembled(_ pairs: [(VectorBlock, VectorBlock)], paired: Bool) throws -> StoredRows {
        var tfidf = pairs.map(\.0)
        var lsa = pairs.map(\.1)
        if !paired {
            // The same rows with the embedding blocks split differently: no longer paired, so the general path runs.
            let all = lsa
            lsa = []
            for block in all {
                for r in 0..<block.rowCount {
                    lsa.append(
                        VectorBlock(
                            ids: [block.ids[r]], width: dimension,
                            values: Array(block.values[(r * dimension)..<((r + 1) * dimension)]),
                            textSequence: block.textSequence))
                }
            }
        }
        return try StoredRows(tfidfBlocks: &tfidf, lsaBlocks: &lsa, tfidfWidth: width, dimension: dimension)
    }

    @Test func pairedBlocksAssembleLikeTheGeneralPath() throws {
        let pairs = [
            Self.pair([("2601.00001", 1), ("2601.00002", 2), ("2601.00003", 3)], sequence: 3),
            Self.pair([("2601.00004", 4), ("2601.00002", 5)], sequence: 5),
            Self.pair([("2601.00002", 7), ("2601.00005", 8), ("2601.00004", 9)], sequence: 8),
        ]
        let fast = try Self.assembled(pairs, paired: true)
        let general = try Self.assembled(pairs, paired: false)
        #expect(fast.ids.map(\.rawValue) == ["2601.00001", "2601.00002", "2601.00003", "2601.00004", "2601.00005"])
        #expect(fast.embeddings.storage == [1, -1, 7, -7, 3, -3, 9, -9, 8, -8], "each paper's latest values")
        #expect(fast.sequenceOfRow == [3, 8, 3, 8, 8])
        #expect(fast.ids == general.ids && fast.embeddings == general.embeddings)
        #expect(fast.tfidfRows == general.tfidfRows && fast.sequenceOfRow == general.sequenceOfRow)
        #expect(fast.blockCount == 3 && fast.coveredSequence == 3)
    }

    @Test func oneBlockAndNewPapersOnlyAreTakenOverAndAppended() throws {
        let pairs = [
            Self.pair([("2601.00001", 1), ("2601.00002", 2)], sequence: 2),
            Self.pair([("2601.00003", 3)], sequence: 3),
        ]
        let fast = try Self.assembled(pairs, paired: true)
        let general = try Self.assembled(pairs, paired: false)
        #expect(fast.ids.count == 3 && fast.embeddings.storage == [1, -1, 2, -2, 3, -3])
        #expect(fast.tfidfRows == general.tfidfRows && fast.sequenceOfRow == [2, 2, 3])
    }
}
