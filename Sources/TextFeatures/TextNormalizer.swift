import Foundation

/// The first stage of the analysis: Unicode and markup clean-up of one text field.
///
/// The contract, in order:
/// 1. **Unicode** (only for text with a non-ASCII byte): lower case, compatibility decomposition (the "K" of NFKC:
///    ligatures `ﬁ` → `fi`, full-width and math letters → ASCII, `x²` → `x2`), combining marks removed (accents:
///    `naïve` → `naive`), a few letters without a decomposition spelled out (`ß` → `ss`, `æ` → `ae`, `ø` → `o`,
///    `ł` → `l`, …), zero-width characters and soft hyphens removed, Unicode hyphens → `-`, curly apostrophes → `'`,
///    white space → space, then canonical composition (NFC) of what is left. Non-Latin text (Chinese, Greek
///    letters, …) stays; the ``Tokenizer`` treats it as punctuation, so the English model ignores it.
/// 2. **ASCII**: lower case.
/// 3. **Markup**: LaTeX math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), math-style commands with their argument
///    (`\mathbf{x}`, `\frac{…}`, `\cite{…}`, …), the name of any other command (`\emph`), URLs (`http://…`,
///    `https://…`, `ftp://…`, `www.…` up to the next white space) and arXiv's `https URL` link placeholder are each
///    replaced by one ``droppedSpanMarker`` (`|`), which the tokenizer reads as punctuation, so no bigram spans
///    dropped material. An unmatched `$` (a price) is itself dropped.
///
/// Pure-ASCII text (about 95 % of arXiv abstracts) takes a byte-level fast path through steps 2–3 only, with no
/// Foundation call and no `String` allocation; both paths give identical results on ASCII input.
public struct TextNormalizer: Sendable, Hashable {
    /// The character that stands for a dropped span (math, a URL) in normalised text.
    public static let droppedSpanMarker: Character = "|"

    public init() {}

    /// The normalised form of `text`.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public func normalize(_ text: String) -> String {
        var scratch = ByteScratch()
        normalize(text, into: &scratch)
        return scratch.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the normalised UTF-8 bytes of `text` into `scratch` (replacing its contents).
    func normalize(_ text: String, into scratch: inout ByteScratch) {
        var text = text
        text.withUTF8 { source in
            if ASCII.isASCII(source) {
                scratch.fill(capacity: source.count) { MarkupStripper.strip(source, into: $0) }
            } else {
                var folded = UnicodeFolding.fold(String(decoding: source, as: UTF8.self))
                folded.withUTF8 { foldedBytes in
                    scratch.fill(capacity: foldedBytes.count) { MarkupStripper.strip(foldedBytes, into: $0) }
                }
            }
        }
    }
}

/// A reusable byte buffer: one per thread, refilled for every text field.
struct ByteScratch {
    private var storage: [UInt8] = []
    private(set) var count = 0

    /// Replaces the contents with the bytes `body` writes into a buffer of `capacity` bytes; `body` returns the
    /// number of bytes it wrote.
    mutating func fill(capacity: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        if storage.count < capacity { storage = [UInt8](repeating: 0, count: max(capacity, storage.count * 2)) }
        count = storage.withUnsafeMutableBufferPointer { body(UnsafeMutableBufferPointer(rebasing: $0[0..<capacity])) }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }
}

/// Byte-class helpers for ASCII text.
enum ASCII {
    /// True when every byte is below 0x80; reads eight bytes at a time.
    ///
    /// - Complexity: O(n).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        var accumulated: UInt64 = 0
        while index + 8 <= count {
            accumulated |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            accumulated |= UInt64(base[index])
            index += 1
        }
        return accumulated & 0x8080_8080_8080_8080 == 0
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
}
