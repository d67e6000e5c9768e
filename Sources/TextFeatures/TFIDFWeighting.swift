import Foundation

/// The TF-IDF formulas, in one place.
///
/// For a term `t` in document `d` of a corpus of `n` documents:
///
///     tf(t, d)  = Σ over occurrences: titleWeight in the title, 1 in the abstract
///     tf'(t, d) = 1 + ln tf(t, d)           (sublinear, default)   or tf(t, d)
///     idf(t)    = ln((1 + n') / (1 + df'(t))) + 1
///     w(t, d)   = tf'(t, d) · idf(t), then each row is scaled to unit L2 norm.
///
/// Without a prior `n' = n` and `df' = df` (scikit-learn's `smooth_idf=True`). With an ``IDFPrior`` of `N`
/// documents and frequencies `dfₚ`, the prior acts as `m` pseudo-documents:
///
///     m      = m₀² / (m₀ + n),  m₀ = min(priorWeight, N)
///     n'     = n + m
///     df'(t) = df(t) + m · dfₚ(t) / N          (dfₚ(t) = 0 for terms the prior does not list)
///
/// so with 50 local papers and `m₀ = 1000` the prior is worth 952 documents (95 % of the evidence), with 1,000
/// papers 500 (33 %), with 10,000 papers 91 (0.9 %).
enum TFIDFWeighting {
    /// The prior's pseudo-document count `m` for `n` local documents.
    static func priorPseudoDocuments(localDocuments n: Int, priorDocuments: Int, priorWeight: Double) -> Double {
        guard priorDocuments > 0 && priorWeight > 0 else { return 0 }
        let m0 = min(priorWeight, Double(priorDocuments))
        return m0 * m0 / (m0 + Double(n))
    }

    /// The blended document frequency `df'`.
    @inline(__always)
    static func blendedDF(local df: Int, priorDF: Int, priorDocuments: Int, pseudoDocuments m: Double) -> Double {
        guard m > 0 && priorDocuments > 0 else { return Double(df) }
        return Double(df) + m * Double(priorDF) / Double(priorDocuments)
    }

    /// Smoothed idf `ln((1 + n') / (1 + df')) + 1`.
    @inline(__always)
    static func idf(documents: Double, documentFrequency: Double) -> Double {
        log((1 + documents) / (1 + documentFrequency)) + 1
    }

    /// `1 + ln tf` (sublinear) or `tf`.
    @inline(__always)
    static func termWeight(_ tf: Int, sublinear: Bool) -> Double {
        sublinear ? 1 + log(Double(tf)) : Double(tf)
    }
}
