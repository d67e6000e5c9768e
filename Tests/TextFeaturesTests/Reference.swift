import Foundation
import TextFeatures

/// A naive TF-IDF written straight from the formulas, over ``TextAnalyzer``'s string pipeline.
enum Reference {
    struct Result {
        var vocabulary: [String]
        var idf: [String: Double]
        var rows: [[String: Double]]
    }

    static func fit(
        _ documents: [TextDocument], configuration: TFIDFConfiguration, stopWords: StopWords, prior: IDFPrior? = nil
    ) -> Result {
        let analyzer = TextAnalyzer(configuration: configuration, stopWords: stopWords)
        let counts = documents.map {
            analyzer.termCounts(title: $0.title, abstract: $0.abstract, titleWeight: configuration.titleWeight)
        }
        var df: [String: Int] = [:]
        for document in counts { for term in document.keys { df[term, default: 0] += 1 } }
        let n = Double(documents.count)
        var m = 0.0
        var bigN = 1.0
        if let prior {
            bigN = Double(prior.documentCount)
            let m0 = min(configuration.priorWeight, bigN)
            m = m0 * m0 / (m0 + n)
        }
        func blended(_ term: String) -> Double {
            Double(df[term]!) + m * Double(prior?.documentFrequencies[term] ?? 0) / bigN
        }
        var vocabulary = df.keys.filter { term in
            let known = (prior?.documentFrequencies[term] ?? 0) > 0
            return (df[term]! >= configuration.minDF || known) && blended(term) <= configuration.maxDF * (n + m)
        }
        if let maxFeatures = configuration.maxFeatures, vocabulary.count > maxFeatures {
            var totals: [String: Int] = [:]
            for document in counts { for (term, count) in document { totals[term, default: 0] += count } }
            vocabulary.sort { totals[$0]! != totals[$1]! ? totals[$0]! > totals[$1]! : $0 < $1 }
            vocabulary = Array(vocabulary.prefix(maxFeatures))
        }
        vocabulary.sort()
        let idf = Dictionary(
            uniqueKeysWithValues: vocabulary.map { ($0, log((1 + n + m) / (1 + blended($0))) + 1) })
        let rows = counts.map { document -> [String: Double] in
            var row: [String: Double] = [:]
            for (term, tf) in document {
                guard let termIDF = idf[term] else { continue }
                row[term] = (configuration.sublinearTF ? 1 + log(Double(tf)) : Double(tf)) * termIDF
            }
            let norm = row.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return row.mapValues { norm > 0 ? $0 / norm : 0 }
        }
        return Result(vocabulary: vocabulary, idf: idf, rows: rows)
    }
}
