/// 64-bit FNV-1a, the content hash of model encodings and stop-word lists.
///
/// `h₀ = 0xcbf29ce484222325`, `hᵢ₊₁ = (hᵢ ⊕ byte) · 0x100000001b3 (mod 2⁶⁴)`. Stable across platforms and
/// releases (it is part of the model file format); not a cryptographic hash.
///
/// - Complexity: O(n) in the number of bytes.
struct FNV1a64: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        value = h
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The hash as 16 lower-case hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
