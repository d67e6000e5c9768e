#if canImport(Glibc)
import Glibc
import PaperRadarCore
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, fast, seeded pseudo-random generator (xoshiro256**, state seeded by SplitMix64).
///
/// Same seed (and stream) → same sequence on every run and platform, so randomized algorithms
/// (the SVD range finder) are reproducible. Not cryptographic.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var s0, s1, s2, s3: UInt64

    /// A generator for `seed`; distinct `stream`s give independent-looking sequences for the same seed.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        if stream != 0 { _ = mixer.next() }
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    /// The next 64 random bits (xoshiro256**).
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 24 random bits.
    @inline(__always)
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// Two independent standard normal samples (Box–Muller): `√(−2 ln u₁)·(cos 2πu₂, sin 2πu₂)`.
    @inline(__always)
    public mutating func nextGaussianPair() -> (Float, Float) {
        let bits = next()
        let u1 = Float((bits >> 40) + 1) * 0x1p-24                 // (0, 1]
        let u2 = Float((bits >> 16) & 0xFF_FFFF) * 0x1p-24         // [0, 1)
        let radius = (-2 * logf(u1)).squareRoot()
        let angle = 2 * Float.pi * u2
        return (radius * cosf(angle), radius * sinf(angle))
    }

    /// One standard normal sample (the second of the Box–Muller pair is discarded).
    public mutating func nextGaussian() -> Float {
        nextGaussianPair().0
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64, used to expand a 64-bit seed into xoshiro state.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Matrix {
    /// A `rows × columns` matrix of independent standard normal entries, fully determined by `seed`.
    ///
    /// Entries are generated in fixed chunks of 2¹⁶, chunk c from `SeededRandom(seed:, stream: c)`,
    /// so the result is bit-identical regardless of how many threads fill it.
    /// - Complexity: O(rows·columns), parallel.
    public static func randomGaussian(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        precondition(rows >= 0 && columns >= 0, "negative shape")
        let count = rows * columns
        var storage = [Float](repeating: 0, count: count)
        let chunk = 1 << 16
        let chunks = (count + chunk - 1) / chunk
        storage.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress
            Parallel.forEach(chunks) { c in
                guard let base else { return }
                var generator = SeededRandom(seed: seed, stream: UInt64(c))
                let start = c * chunk, end = min(start + chunk, count)
                var i = start
                while i + 1 < end {
                    let (a, b) = generator.nextGaussianPair()
                    base[i] = a
                    base[i + 1] = b
                    i += 2
                }
                if i < end { base[i] = generator.nextGaussianPair().0 }
            }
        }
        return Matrix(rows: rows, columns: columns, storage: storage)
    }
}
