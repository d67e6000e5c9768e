import LinearAlgebra

/// A latent semantic analysis (LSA) basis over a TF-IDF model: the top right singular vectors of the TF-IDF matrix.
///
/// With the truncated SVD `X ≈ U·Σ·Vᵀ` of the n×m TF-IDF matrix, a paper's embedding is its TF-IDF row projected on
/// the basis, `e = normalise(x·V)` (for fitted papers `x·V = (U·Σ)ᵢ`). New papers are folded in the same way, so
/// every cosine similarity is a dot product of unit vectors. The basis belongs to one TF-IDF model (`tfidfHash`).
public struct LSAModel: Sendable, Hashable {
    /// The content hash of the TF-IDF model whose columns the basis rows follow.
    public let tfidfHash: String
    /// m × d: row j holds term j's coordinates (V).
    public let basis: Matrix
    /// The d singular values, descending.
    public let singularValues: [Float]
    /// A hash of the encoding: the model's identity (embeddings are stored under it).
    public let contentHash: String

    /// The embedding dimension d.
    public var dimension: Int { basis.columns }

    public init(tfidfHash: String, basis: Matrix, singularValues: [Float]) {
        precondition(singularValues.count == basis.columns, "one singular value per basis column")
        self.tfidfHash = tfidfHash
        self.basis = basis
        self.singularValues = singularValues
        var hasher = FNV1a64()
        hasher.update(LSAModel.encode(tfidfHash: tfidfHash, basis: basis, singularValues: singularValues))
        contentHash = hasher.hex
    }

    /// Fits a d-dimensional basis (d capped by the matrix shape) with a randomized truncated SVD.
    ///
    /// - Returns: the model, the unit-norm embeddings of the fitted rows, and the SVD's stage timings.
    /// - Complexity: that of ``RandomizedSVD/decompose(_:)-(SparseMatrix)`` plus one sparse × dense product.
    public static func fit(
        _ tfidf: SparseMatrix, tfidfHash: String, dimension: Int = 256, powerIterations: Int = 2,
        seed: UInt64 = 0x5EED_5EED
    ) -> (model: LSAModel, embeddings: Matrix, statistics: RandomizedSVDStatistics) {
        precondition(tfidf.rows > 0 && tfidf.columns > 0, "LSA needs a non-empty matrix")
        let d = max(1, min(dimension, tfidf.rows, tfidf.columns))
        let svd = RandomizedSVD(rank: d, powerIterations: powerIterations, seed: seed).decompose(tfidf)
        let model = LSAModel(tfidfHash: tfidfHash, basis: svd.v, singularValues: svd.singularValues)
        return (model, model.embed(tfidf), svd.statistics)
    }

    /// Unit-norm embeddings of TF-IDF rows of the same model: `normalise(rows · V)` (zero rows stay zero).
    ///
    /// - Complexity: O(nnz · d).
    public func embed(_ rows: SparseMatrix) -> Matrix {
        precondition(rows.columns == basis.rows, "rows come from another TF-IDF model (\(rows.columns) columns)")
        var embeddings = rows.multiplied(by: basis)
        embeddings.normalizeRows()
        return embeddings
    }

    // MARK: - Encoding

    private static let magic = Array("PRLSA1".utf8)

    /// A deterministic binary encoding: magic, TF-IDF hash, m, d, singular values, then V row-major (little-endian).
    public func encoded() -> [UInt8] {
        LSAModel.encode(tfidfHash: tfidfHash, basis: basis, singularValues: singularValues)
    }

    private static func encode(tfidfHash: String, basis: Matrix, singularValues: [Float]) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: magic)
        writer.write(tfidfHash)
        writer.writeVarint(basis.rows)
        writer.writeVarint(basis.columns)
        for value in singularValues { writer.write(value) }
        var bytes = writer.bytes
        let offset = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: basis.storage.count * 4))
        bytes.withUnsafeMutableBytes { raw in
            for (i, value) in basis.storage.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: offset + 4 * i, as: UInt32.self)
            }
        }
        return bytes
    }

    /// Decodes ``encoded()``.
    ///
    /// - Throws: ``TextFeaturesError`` (`malformedModel`) for anything else.
    public init(decoding bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        guard Array(try reader.readBytes(LSAModel.magic.count)) == LSAModel.magic else {
            throw TextFeaturesError(.malformedModel, "not a PaperRadar LSA model (bad magic)")
        }
        let tfidfHash = try reader.readString()
        let m = try reader.readVarint()
        let d = try reader.readVarint()
        guard m > 0, d > 0, m.multipliedReportingOverflow(by: d).overflow == false else {
            throw TextFeaturesError(.malformedModel, "LSA model has an invalid shape \(m) × \(d)")
        }
        var singularValues: [Float] = []
        for _ in 0..<d { singularValues.append(try reader.readFloat()) }
        let raw = try reader.readBytes(m * d * 4)
        var storage = [Float](repeating: 0, count: m * d)
        raw.withUnsafeBytes { source in
            for i in 0..<(m * d) {
                storage[i] = Float(
                    bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            }
        }
        self.init(tfidfHash: tfidfHash, basis: Matrix(rows: m, columns: d, storage: storage), singularValues: singularValues)
    }
}
