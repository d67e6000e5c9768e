import Foundation
import LinearAlgebra

@testable import Topics

/// Shared helpers of the Topics tests: the repository's files, small matrices, brute-force references.
enum TestSupport {
    /// The repository folder holding `models/topics.toml`.
    ///
    /// Walks up from this file to the first folder containing `Package.swift`; when that folder has no
    /// `models/topics.toml` (e.g. a sandbox package symlinking the sources), `$PAPERRADAR_REPO` is used.
    static func repositoryRoot() -> URL? {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let fileManager = FileManager.default
        while folder.path != "/" {
            if fileManager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                if fileManager.fileExists(atPath: folder.appendingPathComponent("models/topics.toml").path) {
                    return folder
                }
                break
            }
            folder.deleteLastPathComponent()
        }
        if let repo = ProcessInfo.processInfo.environment["PAPERRADAR_REPO"], !repo.isEmpty {
            let url = URL(fileURLWithPath: repo)
            if fileManager.fileExists(atPath: url.appendingPathComponent("models/topics.toml").path) { return url }
        }
        return nil
    }

    /// The text of `models/topics.toml`, or `nil` when the repository cannot be located.
    static func topicsTOML() throws -> String? {
        guard let root = repositoryRoot() else { return nil }
        return try String(contentsOf: root.appendingPathComponent("models/topics.toml"), encoding: .utf8)
    }

    /// `count` unit vectors in `dimension` dimensions from a seeded Gaussian.
    static func unitRows(_ count: Int, _ dimension: Int, seed: UInt64) -> Matrix {
        var m = Matrix.randomGaussian(rows: count, columns: dimension, seed: seed)
        m.normalizeRows()
        return m
    }

    /// A unit row vector from its entries.
    static func unit(_ values: [Float]) -> [Float] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    /// Plain dot product in Double.
    static func dot(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Index of the maximum (lowest index on ties).
    static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for j in values.indices where values[j] > values[best] { best = j }
        return best
    }
}
