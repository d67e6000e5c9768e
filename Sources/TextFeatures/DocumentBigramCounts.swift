/// The bigram counts of one document: a small open-addressing table, emptied after each document.
struct DocumentBigramCounts: Sequence {
    private var keys = [UInt64](repeating: BigramTable.emptyKey, count: 1_024)
    private var counts = [UInt32](repeating: 0, count: 1_024)
    /// Occupied slots in insertion order.
    private var occupied: [Int32] = []

    /// Adds `weight` to the count of `key`.
    ///
    /// - Complexity: expected O(1).
    @inline(__always)
    mutating func add(_ key: UInt64, _ weight: UInt32) {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while true {
            let existing = keys[slot]
            if existing == key {
                counts[slot] &+= weight
                return
            }
            if existing == BigramTable.emptyKey { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        counts[slot] = weight
        occupied.append(Int32(slot))
        if occupied.count * 2 > keys.count { grow() }
    }

    /// Empties the table (O(distinct keys)).
    mutating func removeAll() {
        for slot in occupied { keys[Int(slot)] = BigramTable.emptyKey }
        occupied.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let entries = Array(self)
        keys = [UInt64](repeating: BigramTable.emptyKey, count: keys.count * 2)
        counts = [UInt32](repeating: 0, count: keys.count)
        occupied.removeAll(keepingCapacity: true)
        for (key, count) in entries { add(key, count) }
    }

    /// (key, count) pairs in insertion order.
    func makeIterator() -> some IteratorProtocol<(UInt64, UInt32)> {
        occupied.lazy.map { (keys[Int($0)], counts[Int($0)]) }.makeIterator()
    }
}
