/// Interns bigrams, keyed by a pair of stem ids packed into a `UInt64`, into dense ids, with a document
/// frequency per bigram.
///
/// Open addressing with linear probing, Fibonacci hashing, load factor ≤ 0.7. Key, id and document frequency
/// share one 16-byte slot, so counting a bigram costs one cache miss.
struct BigramTable: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        var id: UInt32
        var documentFrequency: UInt32
    }

    static let emptyKey = UInt64.max

    private(set) var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int = 4_096) {
        var capacity = 16
        while capacity / 10 * 7 < minimumCapacity { capacity *= 2 }
        slots = [Slot](repeating: Slot(key: Self.emptyKey, id: 0, documentFrequency: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// The key of the bigram `(first, second)`.
    @inline(__always)
    static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// The two stem ids of `key`.
    @inline(__always)
    static func parts(_ key: UInt64) -> (first: Int32, second: Int32) {
        (Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The slot of `key`, or the empty slot where it would go.
    @inline(__always)
    private func probe(_ key: UInt64) -> Int {
        let mask = slots.count - 1
        var slot = home(key)
        while true {
            let existing = slots[slot].key
            if existing == key || existing == Self.emptyKey { return slot }
            slot = (slot + 1) & mask
        }
    }

    /// Loads the home slot of every key and returns a checksum of what it read.
    ///
    /// The loads are independent, so the processor overlaps their cache misses; the probes that follow then hit
    /// the cache. (A software prefetch: Swift has no prefetch intrinsic.)
    ///
    /// - Complexity: O(keys).
    func touch(_ keys: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var checksum: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            for key in keys { checksum ^= slots[home(key)].key }
        }
        return checksum
    }

    /// Adds one document to `key`'s frequency (inserting it with the next id when absent) and returns its id.
    ///
    /// - Complexity: expected O(1), amortised.
    @inline(__always)
    mutating func countDocument(_ key: UInt64) -> UInt32 {
        let slot = probe(key)
        if slots[slot].key == key {
            slots[slot].documentFrequency &+= 1
            return slots[slot].id
        }
        let id = UInt32(count)
        slots[slot] = Slot(key: key, id: id, documentFrequency: 1)
        count += 1
        if count > slots.count / 10 * 7 { grow() }
        return id
    }

    /// The id of `key`, inserting it (df 0) when absent.
    mutating func insert(_ key: UInt64) -> UInt32 {
        let slot = probe(key)
        if slots[slot].key == key { return slots[slot].id }
        let id = UInt32(count)
        slots[slot] = Slot(key: key, id: id, documentFrequency: 0)
        count += 1
        if count > slots.count / 10 * 7 { grow() }
        return id
    }

    /// The id of `key`, if present.
    @inline(__always)
    func id(of key: UInt64) -> UInt32? {
        let slot = probe(key)
        return slots[slot].key == key ? slots[slot].id : nil
    }

    private mutating func grow() {
        let old = slots
        let capacity = slots.count * 2
        slots = [Slot](repeating: Slot(key: Self.emptyKey, id: 0, documentFrequency: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for entry in old where entry.key != Self.emptyKey {
            var slot = home(entry.key)
            while slots[slot].key != Self.emptyKey { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
