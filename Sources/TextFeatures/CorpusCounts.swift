import Algorithms
import PaperRadarCore

/// One chunk's document entries with the maps from its local term ids to global ones.
struct ChunkRows: Sendable {
    var documentEnds: [Int]
    var entryTerms: SegmentedBuffer<UInt32>
    var entryCounts: SegmentedBuffer<UInt16>
    /// Local stem id → global stem id; `nil` when local ids are global (the first chunk).
    var stemMap: [Int32]?
    /// Local bigram id → global bigram id.
    var bigramMap: [Int32]
}

/// Corpus-wide counts: the merged stems and bigrams of every chunk with their document frequencies.
///
/// Stems: the first chunk's table becomes the global one (its ids stay) and every later chunk's stems are
/// interned into it in chunk order. Bigrams: each chunk (in parallel) rewrites its bigram keys to global stem ids
/// and sorts them; a k-way merge of the sorted runs then numbers the global bigrams in key order and sums their
/// document frequencies. Which chunk holds a document decides only ids, never a count, so everything built on
/// top (vocabulary, idf, matrix) is the same for any split of the corpus.
struct CorpusCounts: Sendable {
    var documentCount: Int
    var tokenCount: Int
    /// Global stems (unigram terms) and their document frequencies.
    var stems: ByteStringTable
    var stemDocumentFrequencies: [UInt32]
    /// Global bigrams, sorted by key (a pair of global stem ids); the id of a bigram is its index.
    var bigramKeys: [UInt64]
    var bigramDocumentFrequencies: [UInt32]
    /// Per chunk, the documents' entries (empty when documents were not recorded).
    var chunks: [ChunkRows]

    private struct BigramRecord {
        var key: UInt64
        var localID: UInt32
        var documentFrequency: UInt32
    }

    /// Merges chunk counts (in order; the document order of the corpus).
    ///
    /// - Complexity: O(S + B log B) for S distinct stems and B distinct bigrams over all chunks.
    init(merging parts: consuming [ChunkCounts]) {
        precondition(!parts.isEmpty, "at least one chunk")
        // Stems, sequentially.
        var stems = parts[0].stems
        var stemFrequencies = parts[0].stemDocumentFrequencies
        parts[0].stems = ByteStringTable(minimumCapacity: 1)
        var stemMaps: [[Int32]?] = [nil]
        for index in parts.indices.dropFirst() {
            let part = parts[index]
            var map = [Int32](repeating: -1, count: part.stems.count)
            for local in 0..<part.stems.count {
                let hash = part.stems.hashes[local]
                let (global, inserted) = part.stems.withKey(local) { stems.intern($0, hash: hash) }
                if inserted { stemFrequencies.append(0) }
                stemFrequencies[Int(global)] += part.stemDocumentFrequencies[local]
                map[local] = global
            }
            stemMaps.append(map)
            parts[index].stems = ByteStringTable(minimumCapacity: 1)
        }

        // Bigrams: sorted runs in parallel, then a k-way merge.
        let tables = parts.map(\.bigrams)
        for index in parts.indices { parts[index].bigrams = BigramTable(minimumCapacity: 1) }
        let maps = stemMaps
        let runs = Parallel.map(tables.count) { index -> [BigramRecord] in
            var records: [BigramRecord] = []
            records.reserveCapacity(tables[index].count)
            for slot in tables[index].slots where slot.key != BigramTable.emptyKey {
                var key = slot.key
                if let map = maps[index] {
                    let (first, second) = BigramTable.parts(key)
                    key = BigramTable.key(map[Int(first)], map[Int(second)])
                }
                records.append(BigramRecord(key: key, localID: slot.id, documentFrequency: slot.documentFrequency))
            }
            records.sort { $0.key < $1.key }
            return records
        }
        var keys: [UInt64] = []
        var frequencies: [UInt32] = []
        keys.reserveCapacity(runs.map(\.count).max() ?? 0)
        var bigramMaps = runs.map { [Int32](repeating: -1, count: $0.count) }
        var cursors = [Int](repeating: 0, count: runs.count)
        while true {
            var smallest = UInt64.max
            var found = false
            for run in runs.indices where cursors[run] < runs[run].count {
                smallest = min(smallest, runs[run][cursors[run]].key)
                found = true
            }
            guard found else { break }
            let global = Int32(keys.count)
            var frequency: UInt32 = 0
            for run in runs.indices where cursors[run] < runs[run].count && runs[run][cursors[run]].key == smallest {
                let record = runs[run][cursors[run]]
                frequency += record.documentFrequency
                bigramMaps[run][Int(record.localID)] = global
                cursors[run] += 1
            }
            keys.append(smallest)
            frequencies.append(frequency)
        }

        var rows: [ChunkRows] = []
        var documents = 0
        var tokens = 0
        for index in parts.indices {
            documents += parts[index].documentEnds.count
            tokens += parts[index].tokenCount
            rows.append(
                ChunkRows(
                    documentEnds: parts[index].documentEnds, entryTerms: parts[index].entryTerms,
                    entryCounts: parts[index].entryCounts, stemMap: stemMaps[index], bigramMap: bigramMaps[index]))
        }
        self.documentCount = documents
        self.tokenCount = tokens
        self.stems = stems
        self.stemDocumentFrequencies = stemFrequencies
        self.bigramKeys = keys
        self.bigramDocumentFrequencies = frequencies
        self.chunks = rows
    }

    /// Counts `documents` on up to `concurrency` threads and merges the chunks.
    static func count(
        _ documents: [TextDocument], configuration: TFIDFConfiguration, stopWords: StopWords,
        recordsDocuments: Bool, concurrency: Int
    ) -> CorpusCounts {
        // Below a few hundred documents a second thread costs more than it saves.
        let parts = documents.count < 512 ? 1 : concurrency
        let ranges = Parallel.balancedRanges(weights: documents.map { $0.byteCount + 64 }, parts: parts)
        let chunks = Parallel.map(ranges.count) { index in
            var counter = ChunkCounter(
                configuration: configuration, stopWords: stopWords, recordsDocuments: recordsDocuments)
            for document in documents[ranges[index]] { counter.add(document) }
            return counter.finish()
        }
        return CorpusCounts(merging: chunks)
    }

    /// Hands over the chunks' document entries (leaving none), so they can be freed as soon as they are used.
    mutating func takeChunks() -> [ChunkRows] {
        defer { chunks = [] }
        return chunks
    }

    /// The bytes of bigram `id` as `"stem₁ stem₂"`, appended to `output`.
    func appendBigram(_ id: Int, to output: inout [UInt8]) {
        let (first, second) = BigramTable.parts(bigramKeys[id])
        stems.withKey(Int(first)) { output.append(contentsOf: $0) }
        output.append(UInt8(ascii: " "))
        stems.withKey(Int(second)) { output.append(contentsOf: $0) }
    }

    /// The global id of `term` (a stem, or `"stem₁ stem₂"`), if the corpus has it: `(stem, nil)` or
    /// `(nil, bigram)`.
    func find(term: String) -> (stem: Int32?, bigram: Int32?) {
        let parts = term.split(separator: " ", omittingEmptySubsequences: false)
        if parts.count == 1 { return (stems.find(term), nil) }
        guard parts.count == 2, let first = stems.find(String(parts[0])), let second = stems.find(String(parts[1]))
        else { return (nil, nil) }
        let key = BigramTable.key(first, second)
        let low = bigramKeys.partitioningIndex { $0 >= key }
        return (nil, low < bigramKeys.count && bigramKeys[low] == key ? Int32(low) : nil)
    }
}
