import LinearAlgebra
import Testing

@testable import Clustering

@Suite("Spherical k-means")
struct SphericalKMeansTests {
    @Test("assignment step matches a naive argmax loop")
    func assignmentMatchesNaiveLoop() {
        let points = TestData.uniformSphere(n: 300, dimension: 16, seed: 1)
        let centroids = TestData.uniformSphere(n: 7, dimension: 16, seed: 2)
        var scores = Matrix(rows: 0, columns: 0)
        var labels = [Int](repeating: -1, count: points.rows)
        var similarities: [Float] = []
        let changed = Assignment.assign(
            points, to: centroids, scores: &scores, labels: &labels, similarities: &similarities)
        #expect(changed == points.rows)
        for i in 0..<points.rows {
            let dots = (0..<centroids.rows).map { TestData.dot(points.row(i), centroids.row($0)) }
            let best = TestData.argmax(dots)
            #expect(labels[i] == best)
            #expect(abs(similarities[i] - dots[best]) < 1e-5)
        }
    }

    @Test("fit ends on an assignment: labels are the argmax under the returned centroids; fold-in agrees")
    func fitLabelsAreArgmaxOfCentroids() {
        let (points, _, _) = TestData.blobs(directions: 4, perCluster: 60, dimension: 12, noise: 0.3, seed: 3)
        let result = SphericalKMeans(k: 4, seed: 5).fit(points)
        let (labels, similarities) = result.assign(points)
        #expect(labels == result.assignments)
        #expect(similarities == result.similarities)
        for i in 0..<points.rows {
            let dots = (0..<4).map { TestData.dot(points.row(i), result.centroids.row($0)) }
            #expect(result.assignments[i] == TestData.argmax(dots))
        }
        let norms = result.centroids.rowNorms()
        #expect(norms.allSatisfy { abs($0 - 1) < 1e-5 })
        #expect(abs(result.objective - result.similarities.reduce(0.0) { $0 + Double($1) }) < 1e-6 * result.objective)
        #expect(result.clusterSizes.reduce(0, +) == points.rows)
    }

    @Test("full-batch objective never decreases across iterations")
    func objectiveIsMonotone() {
        // Overlapping blobs so Lloyd needs several iterations; restarts on all points.
        let (points, _, _) = TestData.blobs(directions: 6, perCluster: 80, dimension: 10, noise: 0.6, seed: 7)
        for seed in 0..<3 as Range<UInt64> {
            let result = SphericalKMeans(k: 6, restarts: 1, maxIterations: 100, tolerance: 0, seed: seed).fit(points)
            let objectives = result.iterations.map(\.objective)
            #expect(objectives.count >= 2)
            for (before, after) in zip(objectives, objectives.dropFirst()) {
                #expect(after >= before - 1e-5 * abs(before))
            }
        }
    }

    @Test("k-means++ picks distinct points, even among duplicates")
    func seedingPicksDistinctPoints() {
        let distinct = TestData.uniformSphere(n: 10, dimension: 8, seed: 11)
        let duplicated = distinct.selectingRows((0..<50).map { $0 % 10 })
        let seeds = KMeansPlusPlus.seedIndices(duplicated, k: 10, seed: 1)
        #expect(Set(seeds).count == 10)
        // With k equal to the number of distinct directions, every direction is picked once.
        #expect(Set(seeds.map { $0 % 10 }).count == 10)
        // k above the distinct count still yields distinct indices (uniform fallback).
        let more = KMeansPlusPlus.seedIndices(duplicated, k: 25, seed: 2)
        #expect(Set(more).count == 25)
        let plain = KMeansPlusPlus.seedIndices(TestData.uniformSphere(n: 200, dimension: 8, seed: 12), k: 40, seed: 3)
        #expect(Set(plain).count == 40)
    }

    @Test("well-separated directions are recovered exactly (ARI = 1)")
    func separableBlobsAreRecovered() {
        let (points, truth, _) = TestData.blobs(directions: 5, perCluster: 100, dimension: 32, noise: 0.05, seed: 13)
        let result = SphericalKMeans(k: 5, seed: 1).fit(points)
        #expect(ClusteringMetrics.adjustedRandIndex(truth, result.assignments) == 1)
        #expect(result.converged)
        #expect(result.clusterSizes.allSatisfy { $0 == 100 })
    }

    @Test("empty clusters are repaired and counted (duplicates, k above the distinct count)")
    func emptyClustersAreRepaired() {
        let distinct = TestData.uniformSphere(n: 3, dimension: 8, seed: 17)
        let points = distinct.selectingRows((0..<60).map { $0 % 3 })
        let result = SphericalKMeans(k: 5, restarts: 1, seed: 2).fit(points)
        #expect(result.clusterSizes.allSatisfy { $0 >= 1 })
        #expect(result.iterations.reduce(0) { $0 + $1.emptyClustersRepaired } > 0)
    }

    @Test("a degenerate initialisation (all centroids equal) leaves no empty cluster")
    func degenerateInitIsRepaired() {
        let (points, truth, _) = TestData.blobs(directions: 4, perCluster: 50, dimension: 16, noise: 0.1, seed: 19)
        let initial = points.selectingRows([0, 0, 0, 0])
        let outcome = Lloyd.run(points, initial: initial, maxIterations: 50, tolerance: 0)
        var sizes = [Int](repeating: 0, count: 4)
        for label in outcome.labels { sizes[label] += 1 }
        #expect(sizes.allSatisfy { $0 >= 1 })
        #expect(outcome.iterations[0].emptyClustersRepaired == 3)
        #expect(ClusteringMetrics.normalizedMutualInformation(truth, outcome.labels) > 0.5)
    }

    @Test("same data and seed give identical bits; another seed may differ")
    func determinism() {
        let (points, _, _) = TestData.blobs(directions: 8, perCluster: 100, dimension: 16, noise: 0.5, seed: 23)
        // A restart sample smaller than the data exercises sampling, restarts and refinement.
        let configuration = SphericalKMeans(k: 8, restarts: 3, seed: 42, seedingSampleSize: 200, restartSampleSize: 400)
        let first = configuration.fit(points)
        let second = configuration.fit(points)
        #expect(first.centroids.storage.map(\.bitPattern) == second.centroids.storage.map(\.bitPattern))
        #expect(first.assignments == second.assignments)
        #expect(first.similarities.map(\.bitPattern) == second.similarities.map(\.bitPattern))
        #expect(first.objective.bitPattern == second.objective.bitPattern)
        #expect(first.restartObjectives.map(\.bitPattern) == second.restartObjectives.map(\.bitPattern))
        #expect(first.iterations.map(\.objective) == second.iterations.map(\.objective))
        var other = configuration
        other.seed = 43
        let third = other.fit(points)
        #expect(third.restartObjectives != first.restartObjectives)
    }

    @Test("restart sample: the best restart is kept and refined on all points")
    func restartsAndRefinement() {
        let (points, truth, _) = TestData.blobs(directions: 6, perCluster: 200, dimension: 24, noise: 0.15, seed: 29)
        let result = SphericalKMeans(k: 6, restarts: 4, seed: 3, seedingSampleSize: 100, restartSampleSize: 300)
            .fit(points)
        #expect(result.restarts.count == 4)
        #expect(result.restartSampleCount == 300)
        #expect(result.restartObjectives[result.bestRestart] == result.restartObjectives.max())
        #expect(result.assignments.count == points.rows)
        #expect(ClusteringMetrics.adjustedRandIndex(truth, result.assignments) == 1)
    }

    @Test("mini-batch reaches an objective within a few percent of full batch")
    func miniBatchIsCloseToFullBatch() {
        let (points, _, _) = TestData.blobs(directions: 6, perCluster: 400, dimension: 16, noise: 0.4, seed: 31)
        let base = SphericalKMeans(k: 6, restarts: 2, seed: 4, seedingSampleSize: 100, restartSampleSize: 150)
        let full = base.fit(points)
        var miniConfiguration = base
        miniConfiguration.mode = .miniBatch(batchSize: 256, iterations: 60)
        let mini = miniConfiguration.fit(points)
        #expect(mini.objective >= 0.97 * full.objective)
        #expect(mini.clusterSizes.allSatisfy { $0 >= 1 })
        #expect(!mini.iterations.isEmpty && mini.iterations.count <= 60)
        #expect(mini.assign(points).labels == mini.assignments)
    }

    @Test("mini-batch mode is deterministic too")
    func miniBatchDeterminism() {
        let (points, _, _) = TestData.blobs(directions: 5, perCluster: 200, dimension: 16, noise: 0.4, seed: 33)
        let configuration = SphericalKMeans(
            k: 5, restarts: 2, seed: 9, seedingSampleSize: 100, restartSampleSize: 200,
            mode: .miniBatch(batchSize: 128, iterations: 30))
        let first = configuration.fit(points), second = configuration.fit(points)
        #expect(first.centroids.storage.map(\.bitPattern) == second.centroids.storage.map(\.bitPattern))
        #expect(first.assignments == second.assignments)
        #expect(first.iterations.map(\.objective) == second.iterations.map(\.objective))
    }

    @Test("fold-in against stored centroids equals the result's assign")
    func staticAssign() {
        let (points, _, _) = TestData.blobs(directions: 3, perCluster: 40, dimension: 8, noise: 0.3, seed: 35)
        let result = SphericalKMeans(k: 3).fit(points)
        let fresh = TestData.uniformSphere(n: 25, dimension: 8, seed: 36)
        let stored = SphericalKMeans.assign(fresh, centroids: result.centroids)
        #expect(stored.labels == result.assign(fresh).labels)
        #expect(stored.labels.count == 25 && stored.similarities.allSatisfy { $0 >= -1.0001 && $0 <= 1.0001 })
    }

    @Test("rows that are not unit-norm are rejected at the boundary")
    func rejectsNonUnitRows() async {
        await #expect(processExitsWith: .failure) {
            _ = SphericalKMeans(k: 2).fit(Matrix([[3, 4], [0, 1], [1, 0]]))
        }
    }

    @Test("k = 1 and k = n edge cases")
    func edgeCases() {
        let points = TestData.uniformSphere(n: 12, dimension: 4, seed: 37)
        let one = SphericalKMeans(k: 1).fit(points)
        #expect(one.clusterSizes == [12])
        let all = SphericalKMeans(k: 12).fit(points)
        #expect(all.clusterSizes.allSatisfy { $0 == 1 })
        #expect(abs(all.meanSimilarity - 1) < 1e-5)
    }
}
