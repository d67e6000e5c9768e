import Foundation
import LinearAlgebra

@testable import Topics
import TestSupport

/// Shared helpers of the Topics tests: the repository's files, small matrices, brute-force references.
enum TestSupport {
    /// The repository folder holding `models/topics.toml`, when it has one.
    static func repositoryRoot() -> URL? {
        FileManager.default.fileExists(atPath: Repository.file("models/topics.toml").path) ? Repository.root : nil
    }

    /// The text of `models/topics.toml`, or `nil` when the repository cannot be located.
    static func topicsTOML() throws -> String? {
        guard let root = repositoryRoot() else { return nil }
        return try String(contentsOf: root.appendingPathComponent("models/topics.toml"), encoding: .utf8)
    }

    /// `count` unit vectors in `dimension` dimensions from a seeded Gaussian.
    static func unitRows(_ count: Int, _ dimension: Int, seed: UInt64) -> Matrix {
        Matrices.unitRows(count, dimension, seed: seed)
    }

    /// A unit row vector from its entries.
    static func unit(_ values: [Float]) -> [Float] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    /// Plain dot product in Double.
    static func dot(_ a: [Float], _ b: [Float]) -> Double { Matrices.dot(a, b) }

    /// Index of the maximum (lowest index on ties).
    static func argmax(_ values: [Float]) -> Int { Matrices.argmax(values) }
}
