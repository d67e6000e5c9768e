import Clustering
import Testing

@Suite("Clustering metrics")
struct ClusteringMetricsTests {
    @Test("renamed identical partitions score 1")
    func permutedLabelsArePerfect() {
        #expect(ClusteringMetrics.normalizedMutualInformation([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
        #expect(ClusteringMetrics.adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
        #expect(ClusteringMetrics.purity(truth: [0, 0, 1, 1], predicted: [1, 1, 0, 0]) == 1)
    }

    @Test("hand-computed values: [0,0,0,1,1,1] vs [0,0,1,1,2,2]")
    func handComputedThreeClusters() {
        // Contingency [[2,1,0],[0,1,2]]; Σ C(nᵢⱼ,2) = 2, Σ C(aᵢ,2) = 6, Σ C(bⱼ,2) = 3, C(6,2) = 15:
        // ARI = (2 − 18/15) / (4.5 − 18/15) = 0.8 / 3.3 = 8/33.
        let a = [0, 0, 0, 1, 1, 1], b = [0, 0, 1, 1, 2, 2]
        #expect(abs(ClusteringMetrics.adjustedRandIndex(a, b) - 8.0 / 33.0) < 1e-12)
        #expect(abs(ClusteringMetrics.adjustedRandIndex(a, b) - 0.24242424242424246) < 1e-12)
        // I = (2/3)·ln 2, H(a) = ln 2, H(b) = ln 3: NMI = (4/3)·ln 2 / (ln 2 + ln 3) = 0.5158037429793888.
        #expect(abs(ClusteringMetrics.normalizedMutualInformation(a, b) - 0.5158037429793888) < 1e-12)
        #expect(abs(ClusteringMetrics.normalizedMutualInformation(b, a) - 0.5158037429793888) < 1e-12)
        #expect(abs(ClusteringMetrics.purity(truth: a, predicted: b) - 5.0 / 6.0) < 1e-12)
    }

    @Test("scikit-learn documentation examples and degenerate cases")
    func documentedExamples() {
        #expect(abs(ClusteringMetrics.adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]) - 0.5714285714285715) < 1e-12)
        #expect(abs(ClusteringMetrics.adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-12)
        #expect(ClusteringMetrics.adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]) == 0)
        #expect(abs(ClusteringMetrics.normalizedMutualInformation([0, 0, 1, 2], [0, 0, 1, 1]) - 0.8) < 1e-12)
        #expect(ClusteringMetrics.normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3]) == 0)
        #expect(ClusteringMetrics.normalizedMutualInformation([3, 3, 3], [7, 7, 7]) == 1)
        #expect(ClusteringMetrics.adjustedRandIndex([3, 3, 3], [7, 7, 7]) == 1)
    }

    @Test("ten-item example computed by hand")
    func tenItems() {
        let truth = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2], predicted = [0, 0, 1, 1, 1, 2, 2, 2, 0, 0]
        #expect(abs(ClusteringMetrics.adjustedRandIndex(truth, predicted) - 0.09090909090909088) < 1e-12)
        #expect(abs(ClusteringMetrics.normalizedMutualInformation(truth, predicted) - 0.3946483716358942) < 1e-12)
        #expect(abs(ClusteringMetrics.purity(truth: truth, predicted: predicted) - 0.6) < 1e-12)
    }

    @Test("contingency table")
    func contingency() {
        let table = ContingencyTable([5, 5, 9, 9, 9], [1, 2, 2, 2, 2])
        #expect(table.rowLabels == [5, 9])
        #expect(table.columnLabels == [1, 2])
        #expect(table.counts == [[1, 1], [0, 3]])
        #expect(table.rowSums == [2, 3])
        #expect(table.columnSums == [1, 4])
        #expect(table.total == 5)
    }
}
