/// Interns byte strings (stems, the words of a frozen vocabulary) into dense ids `0, 1, 2, …`.
///
/// Open addressing with linear probing over a power-of-two slot array, Fibonacci hashing of a 64-bit FNV-1a key
/// hash, load factor ≤ ½. A slot packs the id with the upper half of the key's hash, so a probe reads the key
/// bytes (kept back to back in one arena) only when the hashes agree. A Swift `Dictionary<String, Int>` costs a
/// `String` per lookup; this table looks bytes up where they are.
struct ByteStringTable: Sendable {
    /// All keys, back to back; key `i` is `arena[offsets[i] ..< offsets[i + 1]]`.
    private(set) var arena: [UInt8] = []
    private(set) var offsets: [UInt32] = [0]
    /// The FNV-1a 64 hash of each key, by id.
    private(set) var hashes: [UInt64] = []
    /// `0` when empty, else `(hash >> 32) << 32 | (id + 1)`.
    private var slots: [UInt64]
    private var shift: UInt64

    init(minimumCapacity: Int = 1_024) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// The number of keys.
    var count: Int { hashes.count }

    /// FNV-1a 64 of `bytes` (the same hash ``TokenScanner`` computes for lower-case tokens).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    private func keyEquals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[id])
        let length = Int(offsets[id + 1]) - start
        guard length == key.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            for offset in 0..<length where stored[start + offset] != key[offset] { return false }
            return true
        }
    }

    /// The slot holding `key`, or the empty slot where it would go, and its id (-1 when absent).
    @inline(__always)
    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, id: Int32) {
        let mask = slots.count - 1
        let tag = hash >> 32
        var slot = home(hash)
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, -1) }
            if entry >> 32 == tag {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                if keyEquals(id, key) { return (slot, Int32(id)) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, if present.
    ///
    /// - Complexity: expected O(length of key).
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let (_, id) = probe(key, hash: hash)
        return id >= 0 ? id : nil
    }

    /// The id of `key`, inserting it with the next id when absent.
    ///
    /// - Complexity: expected O(length of key), amortised.
    @inline(__always)
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int32, inserted: Bool) {
        let (slot, found) = probe(key, hash: hash)
        if found >= 0 { return (found, false) }
        let id = Int32(hashes.count)
        slots[slot] = (hash >> 32) << 32 | UInt64(id + 1)
        hashes.append(hash)
        arena.append(contentsOf: key)
        offsets.append(UInt32(arena.count))
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// Interns the UTF-8 bytes of `text`.
    mutating func intern(_ text: String) -> (id: Int32, inserted: Bool) {
        var text = text
        return text.withUTF8 { intern($0, hash: Self.hash($0)) }
    }

    /// The id of the UTF-8 bytes of `text`, if present.
    func find(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { find($0, hash: Self.hash($0)) }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [UInt64](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        for (id, hash) in hashes.enumerated() {
            var slot = home(hash)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash >> 32) << 32 | UInt64(id + 1)
        }
    }

    /// Calls `body` with the bytes of key `id`.
    func withKey<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(offsets[id])
        let end = Int(offsets[id + 1])
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Key `id` as a `String`.
    func string(_ id: Int) -> String { withKey(id) { String(decoding: $0, as: UTF8.self) } }
}
