/// One chunk's counts: interned stems and bigrams with document frequencies, and each document's term counts.
struct ChunkCounts: Sendable {
    /// Entry terms with this bit set are bigram ids; the others are stem (unigram) ids.
    static let bigramFlag: UInt32 = 1 << 31

    var stems = ByteStringTable()
    var stemDocumentFrequencies: [UInt32] = []
    var bigrams = BigramTable(minimumCapacity: 16)
    /// Document `i`'s entries are `entryTerms[documentEnds[i - 1] ..< documentEnds[i]]` (from 0 for `i = 0`).
    var documentEnds: [Int] = []
    var entryTerms = SegmentedBuffer<UInt32>()
    /// Weighted term counts (title occurrences count `titleWeight`), saturating at `UInt16.max`.
    var entryCounts = SegmentedBuffer<UInt16>()
    /// Tokens seen, stop words included.
    var tokenCount = 0
    /// What the prefetch loads read; stored so that the optimiser keeps them.
    var prefetchChecksum: UInt64 = 0
}

/// Counts the terms of a run of documents on one thread, over UTF-8 bytes.
///
/// For each document: normalise title and abstract (ASCII fast path) and scan their tokens; look every token's
/// bytes up in the word table (a new word is checked against the stop words and stemmed once: the word table is
/// the stem cache); count unigrams by stem id; add up bigrams (pairs of stem ids) in a small per-document hash
/// table, then count each distinct one in the chunk's ``BigramTable``. Each stage runs as a tight loop over the
/// whole document, so the processor overlaps the cache misses of independent lookups. At the end of the document
/// every distinct term's document frequency goes up by one and, when `recordsDocuments`, its (term, count) entry
/// is stored for the matrix.
///
/// - Complexity: O(bytes) plus one stemmer call per distinct word of the chunk.
struct ChunkCounter {
    private struct PendingToken {
        var hash: UInt64
        var start: Int32
        var length: UInt8
        var inTitle: Bool
        var startsPhrase: Bool
        var hasDigit: Bool
    }

    private let stopWords: StopWords
    private let stemming: Bool
    private let includesUnigrams: Bool
    private let includesBigrams: Bool
    private let titleWeight: Int
    private let recordsDocuments: Bool

    private var counts = ChunkCounts()
    private var titleBytes = ByteScratch()
    private var abstractBytes = ByteScratch()
    /// Token bytes → stem id, or -1 for a stop word.
    private var words = WordTable()
    private var pending: [PendingToken] = []
    private var tokenStems: [Int32] = []
    /// Counts of the current document by stem id (zero between documents).
    private var unigramCounts: [UInt32] = []
    private var touchedStems: [Int32] = []
    /// Bigram counts of the current document.
    private var documentBigrams = DocumentBigramCounts()
    private var distinctBigrams: [UInt64] = []
    private var distinctBigramCounts: [UInt32] = []
    /// Keeps the prefetch loads from being optimised away.
    private var prefetchChecksum: UInt64 = 0
    private let normalizer = TextNormalizer()

    init(configuration: TFIDFConfiguration, stopWords: StopWords, recordsDocuments: Bool) {
        self.stopWords = stopWords
        self.stemming = configuration.stemming
        self.includesUnigrams = configuration.includesUnigrams
        self.includesBigrams = configuration.includesBigrams
        self.titleWeight = configuration.titleWeight
        self.recordsDocuments = recordsDocuments
        counts.bigrams = BigramTable(minimumCapacity: includesBigrams ? 65_536 : 16)
    }

    /// Counts one document.
    mutating func add(_ document: TextDocument) {
        pending.removeAll(keepingCapacity: true)
        if titleWeight > 0 {
            normalizer.normalize(document.title, into: &titleBytes)
        } else {
            titleBytes.fill(capacity: 0) { _ in 0 }
        }
        normalizer.normalize(document.abstract, into: &abstractBytes)
        let title = titleBytes
        let abstract = abstractBytes
        if titleWeight > 0 { title.withBytes { collectTokens($0, inTitle: true) } }
        abstract.withBytes { collectTokens($0, inTitle: false) }
        counts.tokenCount += pending.count
        title.withBytes { title in abstract.withBytes { abstract in resolveWords(title: title, abstract: abstract) } }
        countTerms()
        finishDocument()
    }

    private mutating func collectTokens(_ bytes: UnsafeBufferPointer<UInt8>, inTitle: Bool) {
        var scanner = TokenScanner(bytes)
        while let token = scanner.next() {
            pending.append(
                PendingToken(
                    hash: token.hash, start: Int32(token.start), length: UInt8(token.length), inTitle: inTitle,
                    startsPhrase: token.startsPhrase, hasDigit: token.hasDigit))
        }
    }

    /// Token → word id → stem id (or -1 for a stop word), for every pending token.
    private mutating func resolveWords(title: UnsafeBufferPointer<UInt8>, abstract: UnsafeBufferPointer<UInt8>) {
        if tokenStems.count < pending.count { tokenStems = [Int32](repeating: 0, count: pending.count * 2) }
        var checksum: UInt64 = 0
        for token in pending { checksum ^= words.touch(hash: token.hash) }
        prefetchChecksum ^= checksum
        for index in 0..<pending.count {
            let token = pending[index]
            let start = Int(token.start)
            let bytes = token.inTitle ? title : abstract
            let key = UnsafeBufferPointer(rebasing: bytes[start..<(start + Int(token.length))])
            let (known, slot) = words.find(key, hash: token.hash)
            if let known {
                tokenStems[index] = known
            } else {
                let stem = stemID(of: key, hasDigit: token.hasDigit)
                words.insert(key, hash: token.hash, value: stem, slot: slot)
                tokenStems[index] = stem
            }
        }
    }

    /// The stem id of a new word, or -1 when it is a stop word.
    private mutating func stemID(of word: UnsafeBufferPointer<UInt8>, hasDigit: Bool) -> Int32 {
        let text = String(decoding: word, as: UTF8.self)
        if stopWords.contains(text) { return -1 }
        let stem = TermStemming.stem(text, hasDigit: hasDigit, enabled: stemming)
        let (id, inserted) = counts.stems.intern(stem)
        if inserted {
            counts.stemDocumentFrequencies.append(0)
            unigramCounts.append(0)
        }
        return id
    }

    /// Unigram counts and bigram keys of the pending tokens (bigrams never span a stop word or a boundary).
    private mutating func countTerms() {
        var previous: Int32 = -1
        for index in 0..<pending.count {
            let token = pending[index]
            if token.startsPhrase { previous = -1 }
            let stem = tokenStems[index]
            if stem < 0 {
                previous = -1
                continue
            }
            let weight = token.inTitle ? titleWeight : 1
            if includesUnigrams {
                if unigramCounts[Int(stem)] == 0 { touchedStems.append(stem) }
                unigramCounts[Int(stem)] &+= UInt32(weight)
            }
            if includesBigrams && previous >= 0 { documentBigrams.add(BigramTable.key(previous, stem), UInt32(weight)) }
            previous = stem
        }
    }

    private mutating func finishDocument() {
        for stem in touchedStems {
            let index = Int(stem)
            counts.stemDocumentFrequencies[index] += 1
            if recordsDocuments {
                counts.entryTerms.append(UInt32(stem))
                counts.entryCounts.append(UInt16(clamping: unigramCounts[index]))
            }
            unigramCounts[index] = 0
        }
        touchedStems.removeAll(keepingCapacity: true)
        distinctBigrams.removeAll(keepingCapacity: true)
        distinctBigramCounts.removeAll(keepingCapacity: true)
        for (key, count) in documentBigrams {
            distinctBigrams.append(key)
            distinctBigramCounts.append(count)
        }
        documentBigrams.removeAll()
        prefetchChecksum ^= distinctBigrams.withUnsafeBufferPointer { counts.bigrams.touch($0) }
        for (key, count) in zip(distinctBigrams, distinctBigramCounts) {
            let id = counts.bigrams.countDocument(key)
            if recordsDocuments {
                counts.entryTerms.append(id | ChunkCounts.bigramFlag)
                counts.entryCounts.append(UInt16(clamping: count))
            }
        }
        counts.documentEnds.append(counts.entryTerms.count)
    }

    /// Hands over the counts (the word cache is dropped).
    consuming func finish() -> ChunkCounts {
        counts.prefetchChecksum = prefetchChecksum
        return counts
    }
}
