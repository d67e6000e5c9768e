/// A frozen vocabulary's lookup tables for ``TFIDFModel/transform(_:concurrency:)``: stem bytes → word id,
/// word id → unigram column, (word id, word id) → bigram column.
///
/// The words are the stems that occur in some term of the vocabulary; a stem outside it can be in no term.
struct TermIndex: Sendable {
    private(set) var words = ByteStringTable()
    /// Column of the unigram term of each word, or -1 when the word occurs only inside bigram terms.
    private(set) var unigramColumns: [Int32] = []
    private(set) var bigrams = BigramTable()
    /// Column of each bigram id of ``bigrams``.
    private(set) var bigramColumns: [Int32] = []

    /// - Complexity: O(total length of the vocabulary).
    init(vocabulary: [String]) {
        words = ByteStringTable(minimumCapacity: vocabulary.count / 4 + 16)
        bigrams = BigramTable(minimumCapacity: vocabulary.count)
        for (column, term) in vocabulary.enumerated() {
            var term = term
            term.withUTF8 { bytes in
                if let space = bytes.firstIndex(of: UInt8(ascii: " ")) {
                    let first = word(UnsafeBufferPointer(rebasing: bytes[..<space]))
                    let second = word(UnsafeBufferPointer(rebasing: bytes[(space + 1)...]))
                    let id = bigrams.insert(BigramTable.key(first, second))
                    if Int(id) == bigramColumns.count { bigramColumns.append(Int32(column)) }
                } else {
                    unigramColumns[Int(word(bytes))] = Int32(column)
                }
            }
        }
    }

    private mutating func word(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (id, inserted) = words.intern(bytes, hash: ByteStringTable.hash(bytes))
        if inserted { unigramColumns.append(-1) }
        return id
    }

    /// The word id of a stem, if some term uses it.
    func word(of stem: String) -> Int32? { words.find(stem) }

    /// The column of the bigram `(first, second)`, if in the vocabulary.
    @inline(__always)
    func bigramColumn(_ first: Int32, _ second: Int32) -> Int32? {
        guard let id = bigrams.id(of: BigramTable.key(first, second)) else { return nil }
        return bigramColumns[Int(id)]
    }
}
