import Testing
@testable import LinearAlgebra

@Suite struct RandomAndInfoTests {
    @Test func sameSeedSameBits() {
        let a = Matrix.randomGaussian(rows: 300, columns: 700, seed: 42)  // > one 2¹⁶ chunk
        let b = Matrix.randomGaussian(rows: 300, columns: 700, seed: 42)
        #expect(a.storage.map(\.bitPattern) == b.storage.map(\.bitPattern))
        let c = Matrix.randomGaussian(rows: 300, columns: 700, seed: 43)
        #expect(a != c)
        var g1 = SeededRandom(seed: 7), g2 = SeededRandom(seed: 7)
        #expect((0..<100).map { _ in g1.next() } == (0..<100).map { _ in g2.next() })
    }

    @Test func gaussianMoments() {
        let x = Matrix.randomGaussian(rows: 1000, columns: 200, seed: 5).storage
        let mean = x.reduce(0.0) { $0 + Double($1) } / Double(x.count)
        let variance = x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count) - mean * mean
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.02)
        #expect(x.allSatisfy { $0.isFinite })
    }

    @Test func liveBLASIsReported() {
        let info = BLAS.liveImplementation
        #expect(info.blasLibraryPath != nil)
        #expect(info.lapackLibraryPath != nil)
        #expect(!info.description.isEmpty)
        if info.isOpenBLAS {
            #expect(info.threadCount != nil)
            #expect(info.implementationName.hasPrefix("OpenBLAS"))
        }
    }
}
