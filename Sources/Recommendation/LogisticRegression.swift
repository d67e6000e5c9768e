import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// L2-regularised, sample-weighted logistic regression on dense rows, fitted by Newton's method (IRLS) with BLAS.
///
/// The model is `P(y = 1 | x) = σ(w·x + b)`; fitting minimises
///
///     J(w, b) = Σᵢ cᵢ·[log(1 + e^{zᵢ}) − yᵢ·zᵢ] + (λ/2)·‖w‖²,   zᵢ = w·xᵢ + b,
///
/// with sample weights `cᵢ` and the bias unregularised. Each Newton step solves `H·Δ = ∇J` by Cholesky in double
/// precision, where `H = XₐᵀSXₐ + λ·diag(1,…,1,0)`, `Xₐ = [X 1]`, `S = diag(cᵢ·pᵢ·(1 − pᵢ))` (one SGEMM), and backtracks
/// (Armijo) until J decreases. It stops when the Newton decrement `∇J·Δ / 2` falls below the tolerance. J is strictly
/// convex for λ > 0, so the result is the unique minimiser, reached from the same start on every run.
public struct LogisticRegression: Sendable, Hashable {
    /// `w`, one weight per feature column.
    public var weights: [Float]
    /// `b`.
    public var bias: Float
    /// Newton steps taken.
    public var iterations: Int
    /// J at the solution.
    public var objective: Double
    /// Whether the Newton decrement fell below the tolerance within the step limit.
    public var converged: Bool

    public init(weights: [Float], bias: Float, iterations: Int = 0, objective: Double = 0, converged: Bool = true) {
        self.weights = weights
        self.bias = bias
        self.iterations = iterations
        self.objective = objective
        self.converged = converged
    }

    /// Fits the model to the rows of `x` (see the type's documentation for the objective).
    ///
    /// - Parameters:
    ///   - x: t × d feature rows.
    ///   - labels: `yᵢ`, one per row.
    ///   - sampleWeights: `cᵢ > 0`, one per row.
    ///   - regularization: `λ > 0`.
    /// - Complexity: O(iterations·(t·d² + d³)): one t×(d+1) SGEMM and one Cholesky factorisation per step.
    public static func fit(
        _ x: Matrix, labels: [Bool], sampleWeights: [Double], regularization: Double, maxIterations: Int = 50,
        tolerance: Double = 1e-10
    ) -> LogisticRegression {
        let t = x.rows
        let d = x.columns
        precondition(labels.count == t && sampleWeights.count == t, "one label and one weight per row")
        precondition(regularization > 0, "the regularisation must be positive")
        precondition(sampleWeights.allSatisfy { $0 > 0 && $0.isFinite }, "sample weights must be positive")
        // Start from w = 0 with the bias at the weighted log-odds of the classes.
        var positive = 0.0
        var negative = 0.0
        for i in 0..<t { if labels[i] { positive += sampleWeights[i] } else { negative += sampleWeights[i] } }
        var w = [Double](repeating: 0, count: d)
        var b = positive > 0 && negative > 0 ? log(positive / negative) : 0
        var current = objective(x, labels: labels, sampleWeights: sampleWeights, regularization: regularization, weights: w, bias: b)
        var iterations = 0
        var converged = false
        let k = d + 1
        var scaled = Matrix(rows: t, columns: k)
        var hessian = Matrix(rows: k, columns: k)
        while iterations < maxIterations {
            let z = decisionValues(x, weights: w, bias: b)
            var residuals = [Float](repeating: 0, count: t)
            var gradientBias = 0.0
            for i in 0..<t {
                let p = sigmoid(Double(z[i]))
                let r = sampleWeights[i] * (p - (labels[i] ? 1 : 0))
                residuals[i] = Float(r)
                gradientBias += r
                let s = Float((sampleWeights[i] * p * (1 - p)).squareRoot())
                let base = i * k
                for j in 0..<d { scaled.storage[base + j] = s * x.storage[i * d + j] }
                scaled.storage[base + d] = s
            }
            let xr = x.transposeMultiplied(by: residuals)
            var gradient = [Double](repeating: 0, count: k)
            for j in 0..<d { gradient[j] = Double(xr[j]) + regularization * w[j] }
            gradient[d] = gradientBias
            Matrix.gemm(scaled, transposeA: true, scaled, into: &hessian)
            var h = hessian.storage.map(Double.init)
            for j in 0..<d { h[j * k + j] += regularization }
            h[d * k + d] += 1e-12 * Double(t)
            guard let step = solvePositiveDefinite(h, size: k, rhs: gradient) else { break }
            let decrement = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            iterations += 1
            if decrement / 2 <= tolerance * max(1, abs(current)) {
                converged = true
                break
            }
            var length = 1.0
            var accepted = false
            while length >= 1e-8 {
                let trialW = (0..<d).map { w[$0] - length * step[$0] }
                let trialB = b - length * step[d]
                let trial = objective(
                    x, labels: labels, sampleWeights: sampleWeights, regularization: regularization, weights: trialW,
                    bias: trialB)
                if trial <= current - 1e-4 * length * decrement {
                    w = trialW
                    b = trialB
                    current = trial
                    accepted = true
                    break
                }
                length /= 2
            }
            if !accepted {
                converged = true  // no descent left at double precision: J is at its minimum
                break
            }
        }
        return LogisticRegression(
            weights: w.map(Float.init), bias: Float(b), iterations: iterations, objective: current, converged: converged)
    }

    /// `zᵢ = w·xᵢ + b` for every row of `x` (one GEMV).
    ///
    /// - Complexity: O(rows·d).
    public func decisionValues(_ x: Matrix) -> [Float] {
        precondition(x.columns == weights.count, "features have \(x.columns) columns, the model \(weights.count)")
        return Self.decisionValues(x, weights: weights.map(Double.init), bias: Double(bias))
    }

    /// `σ(z) = 1 / (1 + e^{−z})`, computed without overflow.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    // MARK: - Objective and gradient (also the reference the unit tests check the fast path against)

    static func decisionValues(_ x: Matrix, weights: [Double], bias: Double) -> [Float] {
        guard x.rows > 0 else { return [] }
        var z = x.multiplied(by: weights.map(Float.init))
        let b = Float(bias)
        for i in z.indices { z[i] += b }
        return z
    }

    /// J(w, b) (see the type's documentation), with `log(1 + e^z)` computed stably.
    ///
    /// - Complexity: O(t·d).
    static func objective(
        _ x: Matrix, labels: [Bool], sampleWeights: [Double], regularization: Double, weights: [Double], bias: Double
    ) -> Double {
        let z = decisionValues(x, weights: weights, bias: bias)
        var loss = 0.0
        for i in 0..<x.rows {
            let zi = Double(z[i])
            let softplus = max(zi, 0) + log1p(exp(-abs(zi)))
            loss += sampleWeights[i] * (softplus - (labels[i] ? zi : 0))
        }
        let norm = weights.reduce(0) { $0 + $1 * $1 }
        return loss + regularization / 2 * norm
    }

    /// ∇J as `(∂J/∂w, ∂J/∂b)` = `(Xᵀr + λw, Σᵢ rᵢ)` with `rᵢ = cᵢ·(σ(zᵢ) − yᵢ)`.
    ///
    /// - Complexity: O(t·d).
    static func gradient(
        _ x: Matrix, labels: [Bool], sampleWeights: [Double], regularization: Double, weights: [Double], bias: Double
    ) -> (weights: [Double], bias: Double) {
        let z = decisionValues(x, weights: weights, bias: bias)
        var residuals = [Float](repeating: 0, count: x.rows)
        var biasGradient = 0.0
        for i in 0..<x.rows {
            let r = sampleWeights[i] * (sigmoid(Double(z[i])) - (labels[i] ? 1 : 0))
            residuals[i] = Float(r)
            biasGradient += r
        }
        let xr = x.rows > 0 ? x.transposeMultiplied(by: residuals) : [Float](repeating: 0, count: x.columns)
        return ((0..<x.columns).map { Double(xr[$0]) + regularization * weights[$0] }, biasGradient)
    }

    /// Solves `A·v = rhs` for a symmetric positive definite k × k `a` (row-major) by Cholesky `A = L·Lᵀ`; nil when
    /// `a` is not positive definite.
    ///
    /// - Complexity: O(k³/3).
    static func solvePositiveDefinite(_ a: [Double], size k: Int, rhs: [Double]) -> [Double]? {
        var l = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            var diagonal = a[j * k + j]
            for p in 0..<j { diagonal -= l[j * k + p] * l[j * k + p] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            let pivot = diagonal.squareRoot()
            l[j * k + j] = pivot
            for i in (j + 1)..<max(j + 1, k) {
                var sum = a[i * k + j]
                for p in 0..<j { sum -= l[i * k + p] * l[j * k + p] }
                l[i * k + j] = sum / pivot
            }
        }
        var y = rhs
        for i in 0..<k {
            for p in 0..<i { y[i] -= l[i * k + p] * y[p] }
            y[i] /= l[i * k + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for p in (i + 1)..<max(i + 1, k) { y[i] -= l[p * k + i] * y[p] }
            y[i] /= l[i * k + i]
        }
        return y
    }
}
