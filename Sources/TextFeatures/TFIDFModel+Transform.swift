import LinearAlgebra
import PaperRadarCore

extension TFIDFModel {
    /// The L2-normalised TF-IDF rows of `documents` under this frozen model; terms outside the vocabulary are
    /// ignored (a document with none gets an all-zero row).
    ///
    /// On the documents the model was fitted on, this gives the fit's matrix exactly.
    ///
    /// - Parameter concurrency: the number of chunks worked on in parallel (default: the active processors).
    /// - Complexity: O(total text bytes), plus building the term index once per model (O(vocabulary)).
    public func transform(_ documents: [TextDocument], concurrency: Int? = nil) -> SparseMatrix {
        let index = termIndex
        let model = self
        let parts = documents.count < 512 ? 1 : max(1, concurrency ?? Parallel.processorCount)
        let ranges = Parallel.balancedRanges(weights: documents.map { $0.byteCount + 64 }, parts: parts)
        let runs = Parallel.map(ranges.count) { part in
            var counter = FrozenCounter(model: model, index: index)
            for document in documents[ranges[part]] { counter.add(document) }
            return RowEntries(
                documentEnds: counter.documentEnds, entryTerms: counter.entryTerms, entryCounts: counter.entryCounts,
                columnMaps: nil)
        }
        if runs.isEmpty {
            return SparseMatrix(rows: 0, columns: featureCount, rowOffsets: [0], columnIndices: [], values: [])
        }
        return CSRAssembler.assemble(runs, columns: featureCount, idf: idf, sublinearTF: configuration.sublinearTF)
            .matrix
    }

    /// The rows of the titles and English abstracts of `papers`.
    public func transform(_ papers: [Paper], concurrency: Int? = nil) -> SparseMatrix {
        transform(papers.map(TextDocument.init), concurrency: concurrency)
    }
}

/// Counts vocabulary columns of documents against a frozen ``TermIndex`` (the transform twin of
/// ``ChunkCounter``): the same scanning, stop words and bigram rule; unknown stems and terms are skipped.
struct FrozenCounter {
    private let index: TermIndex
    private let stopWords: StopWords
    private let stemming: Bool
    private let titleWeight: Int
    private var scratch = ByteScratch()
    private var words = ByteStringTable()
    /// Word id in the index of each token word, or -1 (stop word, or a stem no term uses).
    private var wordIDs: [Int32] = []
    private var columnCounts: [UInt32]
    private var touched: [Int32] = []
    private let normalizer = TextNormalizer()
    private(set) var documentEnds: [Int] = []
    private(set) var entryTerms = SegmentedBuffer<UInt32>()
    private(set) var entryCounts = SegmentedBuffer<UInt16>()

    init(model: TFIDFModel, index: TermIndex) {
        self.index = index
        self.stopWords = model.stopWords
        self.stemming = model.configuration.stemming
        self.titleWeight = model.configuration.titleWeight
        self.columnCounts = [UInt32](repeating: 0, count: model.featureCount)
    }

    mutating func add(_ document: TextDocument) {
        if titleWeight > 0 { count(document.title, weight: UInt32(titleWeight)) }
        count(document.abstract, weight: 1)
        for column in touched {
            entryTerms.append(UInt32(column))
            entryCounts.append(UInt16(clamping: columnCounts[Int(column)]))
            columnCounts[Int(column)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        documentEnds.append(entryTerms.count)
    }

    private mutating func count(_ text: String, weight: UInt32) {
        normalizer.normalize(text, into: &scratch)
        let bytes = scratch
        bytes.withBytes { bytes in
            var scanner = TokenScanner(bytes)
            var previous: Int32 = -1
            while let token = scanner.next() {
                if token.startsPhrase { previous = -1 }
                let key = UnsafeBufferPointer(rebasing: bytes[token.start..<(token.start + token.length)])
                let (id, inserted) = words.intern(key, hash: token.hash)
                if inserted { wordIDs.append(resolve(key, hasDigit: token.hasDigit)) }
                let word = wordIDs[Int(id)]
                guard word >= 0 else {
                    previous = -1
                    continue
                }
                let unigram = index.unigramColumns[Int(word)]
                if unigram >= 0 { add(column: unigram, weight: weight) }
                if previous >= 0, let bigram = index.bigramColumn(previous, word) {
                    add(column: bigram, weight: weight)
                }
                previous = word
            }
        }
    }

    @inline(__always)
    private mutating func add(column: Int32, weight: UInt32) {
        if columnCounts[Int(column)] == 0 { touched.append(column) }
        columnCounts[Int(column)] &+= weight
    }

    private func resolve(_ word: UnsafeBufferPointer<UInt8>, hasDigit: Bool) -> Int32 {
        let text = String(decoding: word, as: UTF8.self)
        if stopWords.contains(text) { return -1 }
        return index.word(of: TermStemming.stem(text, hasDigit: hasDigit, enabled: stemming)) ?? -1
    }
}
