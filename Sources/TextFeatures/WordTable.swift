/// The per-thread cache from token bytes to a small value (a stem id, or -1 for a stop word).
///
/// Open addressing with linear probing, load factor ≤ ½. A 16-byte slot holds the key's first eight bytes
/// (zero-padded, little-endian), its id and its value. Tokens never contain a NUL byte, so for keys of up to eight
/// bytes (most English words) the padded prefix *is* the key: a hit costs one cache line and no string compare.
/// Longer keys also compare the rest of their bytes, kept back to back in an arena.
struct WordTable {
    private struct Slot {
        var prefix: UInt64
        var id: UInt32
        var value: Int32
    }

    private var slots: [Slot]
    private var shift: UInt64
    private var arena: [UInt8] = []
    private var offsets: [UInt32] = [0]
    private var hashes: [UInt64] = []

    init(minimumCapacity: Int = 16_384) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = [Slot](repeating: Slot(prefix: 0, id: 0, value: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// The number of keys.
    var count: Int { hashes.count }

    /// The first eight bytes of `key`, zero-padded, as a little-endian integer.
    @inline(__always)
    static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        let length = min(key.count, 8)
        for index in 0..<length { value |= UInt64(key[index]) << (8 * UInt64(index)) }
        return value
    }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    private func restEquals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[id])
        guard Int(offsets[id + 1]) - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            for offset in 8..<key.count where stored[start + offset] != key[offset] { return false }
            return true
        }
    }

    /// Loads the home slot of a key with this hash and returns a checksum of what it read (a software prefetch:
    /// a pass of these over a document overlaps the cache misses its lookups would take one after another).
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 { slots[home(hash)].prefix }

    /// The value of `key`, or `nil` with the slot where ``insert(_:hash:value:slot:)`` puts it.
    ///
    /// - Complexity: expected O(1) for keys of up to eight bytes, O(length) otherwise.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (value: Int32?, slot: Int) {
        let prefix = Self.prefix(key)
        let mask = slots.count - 1
        var slot = home(hash)
        while true {
            let entry = slots[slot]
            if entry.prefix == 0 { return (nil, slot) }
            if entry.prefix == prefix && (key.count <= 8 || restEquals(Int(entry.id), key)) {
                return (entry.value, slot)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Stores a key that ``find(_:hash:)`` did not find, in the slot it returned.
    ///
    /// - Complexity: amortised O(length of key).
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Int32, slot: Int) {
        slots[slot] = Slot(prefix: Self.prefix(key), id: UInt32(hashes.count), value: value)
        hashes.append(hash)
        arena.append(contentsOf: key)
        offsets.append(UInt32(arena.count))
        if hashes.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        let capacity = slots.count * 2
        slots = [Slot](repeating: Slot(prefix: 0, id: 0, value: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for entry in old where entry.prefix != 0 {
            var slot = home(hashes[Int(entry.id)])
            while slots[slot].prefix != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
