#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Pruning and ordering of the corpus terms: `minDF`, `maxDF`, the prior, `maxFeatures`, byte order.
struct VocabularySelection {
    /// The sorted vocabulary and, per column, local df and idf.
    var vocabulary: [String] = []
    var documentFrequencies: [Int] = []
    var idf: [Float] = []
    /// Column of each global stem / bigram id, or -1 when pruned.
    var stemColumns: [Int32] = []
    var bigramColumns: [Int32] = []
    var priorPseudoDocuments: Double = 0
    var statistics = TFIDFFit.Statistics()

    /// Selects the vocabulary of `counts`.
    ///
    /// A term is kept when `df ≥ minDF` (or the prior lists it) and `df' ≤ maxDF · n'` (see ``TFIDFWeighting``);
    /// then the `maxFeatures` most frequent terms (total weighted count; ties alphabetical) are kept.
    ///
    /// - Complexity: O(T + V log V) for T corpus terms and V kept terms.
    init(counts: CorpusCounts, configuration: TFIDFConfiguration, prior: IDFPrior?) {
        let n = counts.documentCount
        let m =
            prior.map {
                TFIDFWeighting.priorPseudoDocuments(
                    localDocuments: n, priorDocuments: $0.documentCount, priorWeight: configuration.priorWeight)
            } ?? 0
        priorPseudoDocuments = m
        let priorDocuments = prior?.documentCount ?? 0
        var priorStemDF = [Int32](repeating: 0, count: prior == nil ? 0 : counts.stems.count)
        var priorBigramDF = [Int32](repeating: 0, count: prior == nil ? 0 : counts.bigramKeys.count)
        if let prior {
            for (term, df) in prior.documentFrequencies {
                let (stem, bigram) = counts.find(term: term)
                if let stem { priorStemDF[Int(stem)] = Int32(clamping: df) }
                if let bigram { priorBigramDF[Int(bigram)] = Int32(clamping: df) }
            }
        }
        let maxDocuments = configuration.maxDF * (Double(n) + m)

        // Candidates: global ids, bigrams flagged.
        var candidates: [UInt32] = []
        var statistics = TFIDFFit.Statistics()
        statistics.documents = n
        statistics.tokens = counts.tokenCount
        func consider(_ id: Int, df: UInt32, priorDF: Int32, flag: UInt32) {
            statistics.candidateTerms += 1
            let df = Int(df)
            if df < configuration.minDF && priorDF == 0 {
                statistics.removedBelowMinDF += 1
                return
            }
            let blended = TFIDFWeighting.blendedDF(
                local: df, priorDF: Int(priorDF), priorDocuments: priorDocuments, pseudoDocuments: m)
            if blended > maxDocuments {
                statistics.removedAboveMaxDF += 1
                return
            }
            if df < configuration.minDF { statistics.keptByPrior += 1 }
            candidates.append(UInt32(id) | flag)
        }
        if configuration.includesUnigrams {
            for id in 0..<counts.stems.count {
                consider(
                    id, df: counts.stemDocumentFrequencies[id], priorDF: prior == nil ? 0 : priorStemDF[id], flag: 0)
            }
        }
        if configuration.includesBigrams {
            for id in 0..<counts.bigramKeys.count {
                consider(
                    id, df: counts.bigramDocumentFrequencies[id], priorDF: prior == nil ? 0 : priorBigramDF[id],
                    flag: ChunkCounts.bigramFlag)
            }
        }

        // Term bytes of every candidate, in one arena.
        var arena: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(candidates.count + 1)
        for candidate in candidates {
            starts.append(arena.count)
            let id = Int(candidate & ~ChunkCounts.bigramFlag)
            if candidate & ChunkCounts.bigramFlag != 0 {
                counts.appendBigram(id, to: &arena)
            } else {
                counts.stems.withKey(id) { arena.append(contentsOf: $0) }
            }
        }
        starts.append(arena.count)

        var order = Array(0..<candidates.count)
        if let maxFeatures = configuration.maxFeatures, candidates.count > maxFeatures {
            let totals = Self.totalCounts(counts)
            let candidateTotals = candidates.map { candidate -> UInt64 in
                let id = Int(candidate & ~ChunkCounts.bigramFlag)
                return candidate & ChunkCounts.bigramFlag != 0 ? totals.bigrams[id] : totals.stems[id]
            }
            arena.withUnsafeBufferPointer { bytes in
                order.sort { a, b in
                    if candidateTotals[a] != candidateTotals[b] { return candidateTotals[a] > candidateTotals[b] }
                    return Self.lessThan(bytes, starts, a, b)
                }
            }
            statistics.removedByMaxFeatures = candidates.count - maxFeatures
            order.removeSubrange(maxFeatures...)
        }
        // Byte order, with the first eight bytes compared as one big-endian integer.
        let prefixes = arena.withUnsafeBufferPointer { bytes in
            (0..<candidates.count).map { Self.prefix(bytes, from: starts[$0], to: starts[$0 + 1]) }
        }
        arena.withUnsafeBufferPointer { bytes in
            order.sort { a, b in
                if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
                return Self.lessThan(bytes, starts, a, b)
            }
        }

        // Columns, vocabulary, df, idf.
        stemColumns = [Int32](repeating: -1, count: counts.stems.count)
        bigramColumns = [Int32](repeating: -1, count: counts.bigramKeys.count)
        vocabulary.reserveCapacity(order.count)
        documentFrequencies.reserveCapacity(order.count)
        idf.reserveCapacity(order.count)
        let documents = Double(n) + m
        arena.withUnsafeBufferPointer { bytes in
            for (column, index) in order.enumerated() {
                let candidate = candidates[index]
                let id = Int(candidate & ~ChunkCounts.bigramFlag)
                let df: Int
                let priorDF: Int
                if candidate & ChunkCounts.bigramFlag != 0 {
                    bigramColumns[id] = Int32(column)
                    df = Int(counts.bigramDocumentFrequencies[id])
                    priorDF = prior == nil ? 0 : Int(priorBigramDF[id])
                } else {
                    stemColumns[id] = Int32(column)
                    df = Int(counts.stemDocumentFrequencies[id])
                    priorDF = prior == nil ? 0 : Int(priorStemDF[id])
                }
                vocabulary.append(
                    String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]]),
                        as: UTF8.self))
                documentFrequencies.append(df)
                let blended = TFIDFWeighting.blendedDF(
                    local: df, priorDF: priorDF, priorDocuments: priorDocuments, pseudoDocuments: m)
                idf.append(Float(TFIDFWeighting.idf(documents: documents, documentFrequency: blended)))
            }
        }
        statistics.vocabularySize = order.count
        self.statistics = statistics
    }

    /// Total weighted count of every global stem and bigram over the corpus.
    static func totalCounts(_ counts: CorpusCounts) -> (stems: [UInt64], bigrams: [UInt64]) {
        var stems = [UInt64](repeating: 0, count: counts.stems.count)
        var bigrams = [UInt64](repeating: 0, count: counts.bigramKeys.count)
        for chunk in counts.chunks {
            for entry in 0..<chunk.entryTerms.count {
                let term = chunk.entryTerms[entry]
                let count = chunk.entryCounts[entry]
                let id = Int(term & ~ChunkCounts.bigramFlag)
                if term & ChunkCounts.bigramFlag != 0 {
                    bigrams[Int(chunk.bigramMap[id])] += UInt64(count)
                } else {
                    stems[chunk.stemMap.map { Int($0[id]) } ?? id] += UInt64(count)
                }
            }
        }
        return (stems, bigrams)
    }

    /// The first eight bytes of `bytes[start..<end]` as a big-endian integer, zero-padded.
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        var value: UInt64 = 0
        for offset in 0..<8 {
            value <<= 8
            if start + offset < end { value |= UInt64(bytes[start + offset]) }
        }
        return value
    }

    /// Byte-wise `<` of terms `a` and `b` of the arena.
    static func lessThan(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ a: Int, _ b: Int) -> Bool {
        let lengthA = starts[a + 1] - starts[a]
        let lengthB = starts[b + 1] - starts[b]
        let common = min(lengthA, lengthB)
        if common > 0 {
            let order = memcmp(bytes.baseAddress! + starts[a], bytes.baseAddress! + starts[b], common)
            if order != 0 { return order < 0 }
        }
        return lengthA < lengthB
    }
}
