/// The Snowball English ("Porter2") stemmer, as published at snowballstem.org (`english.sbl`, Snowball 3.1).
///
/// Contract: the input is one lower-case word (apostrophes allowed, no spaces). The output is exactly what the
/// official Snowball English stemmer produces for it; it reproduces the official `english-voc.txt` /
/// `english-output.txt` test list line for line. In order:
///
/// - exceptional forms (`skies` → `sky`, `ugly` → `ugli`, `news`, `atlas`, …) are mapped or kept whole;
/// - words of fewer than three characters are returned unchanged;
/// - a leading apostrophe is dropped, `y` is marked as a consonant at the start of the word and after a vowel;
/// - R1 and R2 are computed (R1 starts after `gener`, `commun`, `arsen`, `past`, `univers`, `later`, `emerg`,
///   `organ` and, since Snowball 3.1, `inter` when the word begins with one of them);
/// - Steps 1a (including `'s`), 1b (with the special `-ing`/`-eed` forms `dying`, `inning`, `proceed`, …),
///   1c, 2, 3, 4 and 5 strip suffixes, and the consonant marks are turned back into `y`.
///
/// Vowels are `a e i o u y`. The algorithm works on characters (Unicode scalars). Any other character, including
/// upper-case and non-ASCII letters, is an ordinary consonant that no suffix rule matches, so a non-ASCII word is
/// stemmed exactly like Snowball's UTF-8 stemmer would stem it and never traps. Invalid UTF-8 handed to the byte
/// entry points is returned unchanged.
///
/// The value is stateless and `Sendable`; all entry points may be called concurrently.
public struct PorterStemmer: Sendable {
    public init() {}

    /// The stem of a lower-case English word.
    public func stem(_ word: String) -> String {
        var word = word
        let ascii: String? = word.withUTF8 { utf8 in
            guard Self.isASCII(utf8) else { return nil }
            guard utf8.count >= 3 else { return String(decoding: utf8, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: utf8.count) { Self.stemASCII(utf8, into: $0) }
        }
        return ascii ?? Self.stemScalars(word)
    }

    /// The stem of a lower-case word given as UTF-8 bytes; the result is UTF-8 too.
    ///
    /// This is the fast path for tokenizers that work on bytes: ASCII input is stemmed with a single allocation
    /// (the result). Non-ASCII input is decoded and stemmed character by character; invalid UTF-8 comes back as is.
    public func stem(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard Self.isASCII(word) else {
            guard let string = String(validating: word, as: UTF8.self) else { return Array(word) }
            return Array(Self.stemScalars(string).utf8)
        }
        guard word.count >= 3 else { return Array(word) }
        return [UInt8](unsafeUninitializedCapacity: word.count) { buffer, count in
            count = Self.stemASCII(word, into: buffer)
        }
    }

    /// The stem of a lower-case word given as UTF-8 bytes; see the `UnsafeBufferPointer` overload.
    public func stem(_ word: [UInt8]) -> [UInt8] {
        word.withUnsafeBufferPointer { stem($0) }
    }

    // MARK: - Entry helpers

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }

    /// Copies `word` (ASCII, at least one byte) into `buffer`, stems it there and returns the stem's length.
    private static func stemASCII(_ word: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>)
        -> Int
    {
        _ = buffer.initialize(from: word)
        let range = Stemming.run(buffer, count: word.count)
        // The dropped leading apostrophe is the only change at the front: shift the stem down by one.
        if range.lowerBound > 0 {
            for index in 0..<range.count { buffer[index] = buffer[index + range.lowerBound] }
        }
        return range.count
    }

    /// Stems a word that holds non-ASCII characters.
    ///
    /// Each non-ASCII character becomes the placeholder byte 0x80 (a consonant that matches no rule), the byte
    /// stemmer runs, and the placeholders that survive are swapped back. This is sound because the algorithm only
    /// edits the end of the word, besides `y`/`Y` and a leading apostrophe.
    private static func stemScalars(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 3 else { return word }
        var bytes = scalars.map { $0.isASCII ? UInt8($0.value) : 0x80 }
        let range = bytes.withUnsafeMutableBufferPointer { Stemming.run($0, count: $0.count) }
        var result = String.UnicodeScalarView()
        for index in range {
            let byte = bytes[index]
            result.append(byte < 0x80 ? Unicode.Scalar(byte) : scalars[index])
        }
        return String(result)
    }
}

// MARK: - The algorithm

/// The working state of one stemming run: the word in a byte buffer, its current length and its regions.
///
/// Every edit after the prelude happens at the end of the word (truncate, then append), so the word never grows
/// beyond its original length and positions before the edited suffix keep their characters.
private struct Stemming {
    private static let apostrophe = UInt8(ascii: "'")
    private static let lowerY = UInt8(ascii: "y")
    private static let upperY = UInt8(ascii: "Y")

    /// The word; `b[0..<n]` is its current text.
    private var b: UnsafeMutableBufferPointer<UInt8>
    /// The current length of the word.
    private var n: Int
    /// Start of region R1.
    private var p1 = 0
    /// Start of region R2.
    private var p2 = 0
    /// Whether the prelude marked any `y` as the consonant `Y`.
    private var yFound = false

    private init(_ buffer: UnsafeMutableBufferPointer<UInt8>, count: Int) {
        b = buffer
        n = count
    }

    /// Stems `buffer[0..<count]` in place and returns where the stem now lies in `buffer`.
    static func run(_ buffer: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Range<Int> {
        var word = Stemming(buffer, count: count)
        if let length = word.exception1() { return 0..<length }
        // Words of fewer than three characters are left alone.
        guard count >= 3 else { return 0..<count }
        // Prelude, part 1: drop a leading apostrophe by starting the word one byte later.
        var offset = 0
        if buffer[0] == apostrophe {
            offset = 1
            word.b = UnsafeMutableBufferPointer(rebasing: buffer[1...])
            word.n -= 1
        }
        word.markConsonantY()
        word.markRegions()
        word.step1a()
        word.step1b()
        word.step1c()
        word.step2()
        word.step3()
        word.step4()
        word.step5()
        word.postlude()
        return offset..<(offset + word.n)
    }

    // MARK: Character classes

    /// `v`: the vowels `a e i o u y` (a `y` marked as `Y` is a consonant).
    private static func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
            UInt8(ascii: "y"):
            return true
        default:
            return false
        }
    }

    /// `v_WXY`: the vowels plus `w`, `x` and `Y`.
    private static func isVowelWXY(_ c: UInt8) -> Bool {
        isVowel(c) || c == UInt8(ascii: "w") || c == UInt8(ascii: "x") || c == upperY
    }

    /// The letters that may precede a deletable `-li` in Step 2.
    private static func isValidLI(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "h"),
            UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }

    /// The doubles undone after removing `-ed`/`-ing` in Step 1b (`c h j k q v w x` are not undoubled).
    private static func isUndoubled(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "m"),
            UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        default:
            return false
        }
    }

    // MARK: String helpers

    /// Whether `b[0..<end]` ends with `s`.
    private func matches(_ s: StaticString, endingAt end: Int) -> Bool {
        let length = s.utf8CodeUnitCount
        guard length <= end else { return false }
        let chars = s.utf8Start
        let start = end - length
        for index in 0..<length where b[start + index] != chars[index] { return false }
        return true
    }

    /// Whether the word ends with `s`.
    private func ends(_ s: StaticString) -> Bool {
        matches(s, endingAt: n)
    }

    /// Whether `b[0..<end]` is exactly `s`.
    private func isExactly(_ s: StaticString, upTo end: Int) -> Bool {
        end == s.utf8CodeUnitCount && matches(s, endingAt: end)
    }

    /// Truncates the word to `start` characters and appends `s`.
    private mutating func replace(from start: Int, with s: StaticString) {
        let chars = s.utf8Start
        for index in 0..<s.utf8CodeUnitCount { b[start + index] = chars[index] }
        n = start + s.utf8CodeUnitCount
    }

    /// Whether `b[0..<end]` contains a vowel.
    private func hasVowel(before end: Int) -> Bool {
        var index = 0
        while index < end {
            if Self.isVowel(b[index]) { return true }
            index += 1
        }
        return false
    }

    /// `shortv`: whether `b[0..<end]` ends in a short syllable.
    ///
    /// That is (a) a non-vowel, a vowel and a non-vowel other than `w`, `x` and `Y`, or (b) a vowel at the start of
    /// the word followed by a non-vowel, or (c) `past`.
    private func endsInShortSyllable(at end: Int) -> Bool {
        if end >= 3, !Self.isVowelWXY(b[end - 1]), Self.isVowel(b[end - 2]), !Self.isVowel(b[end - 3]) {
            return true
        }
        if end == 2, !Self.isVowel(b[1]), Self.isVowel(b[0]) { return true }
        return matches("past", endingAt: end)
    }

    /// The end of "go past a vowel, then past a non-vowel" starting at `from`, or `n` if there is none.
    private func regionStart(after from: Int) -> Int {
        var index = from
        while index < n, !Self.isVowel(b[index]) { index += 1 }
        while index < n, Self.isVowel(b[index]) { index += 1 }
        return index < n ? index + 1 : n
    }

    // MARK: Exceptional forms (list 1)

    /// Maps a whole word from the first exception list and returns the new length, or nil when it is not listed.
    private mutating func exception1() -> Int? {
        switch n {
        case 3:
            if isExactly("sky", upTo: 3) { return 3 }
        case 4:
            if isExactly("skis", upTo: 4) { return 3 }
            if isExactly("idly", upTo: 4) { return 3 }
            if isExactly("ugly", upTo: 4) { replace(from: 3, with: "i"); return 4 }
            if isExactly("only", upTo: 4) { replace(from: 3, with: "i"); return 4 }
            if isExactly("news", upTo: 4) || isExactly("howe", upTo: 4) || isExactly("bias", upTo: 4) { return 4 }
        case 5:
            if isExactly("skies", upTo: 5) { replace(from: 2, with: "y"); return 3 }
            if isExactly("early", upTo: 5) { replace(from: 4, with: "i"); return 5 }
            if isExactly("atlas", upTo: 5) || isExactly("andes", upTo: 5) { return 5 }
        case 6:
            if isExactly("gently", upTo: 6) || isExactly("singly", upTo: 6) { return 5 }
            if isExactly("cosmos", upTo: 6) { return 6 }
        default:
            break
        }
        return nil
    }

    // MARK: Prelude and regions

    /// Prelude, part 2: marks `y` as the consonant `Y` at the start of the word and after a vowel.
    private mutating func markConsonantY() {
        if b[0] == Self.lowerY {
            b[0] = Self.upperY
            yFound = true
        }
        var index = 1
        while index < n {
            if b[index] == Self.lowerY, Self.isVowel(b[index - 1]) {
                b[index] = Self.upperY
                yFound = true
            }
            index += 1
        }
    }

    /// Sets R1 (after the first non-vowel following a vowel, or after a listed prefix) and R2 (the same rule
    /// applied again from R1).
    private mutating func markRegions() {
        p1 = specialPrefixLength() ?? regionStart(after: 0)
        p2 = regionStart(after: p1)
    }

    /// The length of the word's prefix if it is one that fixes R1: `gener`, `commun`, `arsen`, `past`, `univers`,
    /// `later`, `emerg`, `organ` or `inter` (no two share a first letter).
    private func specialPrefixLength() -> Int? {
        let prefix: StaticString
        switch b[0] {
        case UInt8(ascii: "g"): prefix = "gener"
        case UInt8(ascii: "c"): prefix = "commun"
        case UInt8(ascii: "a"): prefix = "arsen"
        case UInt8(ascii: "p"): prefix = "past"
        case UInt8(ascii: "u"): prefix = "univers"
        case UInt8(ascii: "l"): prefix = "later"
        case UInt8(ascii: "e"): prefix = "emerg"
        case UInt8(ascii: "o"): prefix = "organ"
        case UInt8(ascii: "i"): prefix = "inter"
        default: return nil
        }
        let length = prefix.utf8CodeUnitCount
        guard length <= n else { return nil }
        let chars = prefix.utf8Start
        for index in 1..<length where b[index] != chars[index] { return nil }
        return length
    }

    // MARK: Step 1a

    /// Step 1a: removes `'s'`, `'s` or `'`, then handles `-sses`, `-ied`, `-ies`, `-us`, `-ss` and `-s`.
    private mutating func step1a() {
        if ends("'s'") {
            n -= 3
        } else if ends("'s") {
            n -= 2
        } else if ends("'") {
            n -= 1
        }
        if ends("sses") {
            n -= 2
        } else if ends("ied") || ends("ies") {
            // "ties" → "tie" but "cries" → "cri": keep the e when only one letter precedes.
            let start = n - 3
            replace(from: start, with: start >= 2 ? "i" : "ie")
        } else if ends("us") || ends("ss") {
            return
        } else if ends("s") {
            // Delete the s if a vowel occurs before the letter preceding it ("gaps" → "gap", "gas" stays).
            if n >= 2, hasVowel(before: n - 2) { n -= 1 }
        }
    }

    // MARK: Step 1b (with exceptional list 2)

    /// Step 1b: handles `-eed`, `-eedly`, `-ed`, `-edly`, `-ing` and `-ingly`.
    ///
    /// `-eed`/`-eedly` → `ee` in R1; `-ed`, `-edly`, `-ing`, `-ingly` are deleted after a vowel and the result is
    /// tidied (`-at`/`-bl`/`-iz` + e, undoubling, + e for short words). The exceptional forms `proceed`,
    /// `exceed`, `succeed`, `inning`, `outing`, `canning`, `herring`, `earring`, `evening` are left alone and
    /// `dying`, `lying`, `tying`, `vying` become `die`, `lie`, `tie`, `vie`.
    private mutating func step1b() {
        let start: Int
        if ends("eedly") || ends("eed") {
            let eedStart = n - (ends("eedly") ? 5 : 3)
            let isExceptional =
                isExactly("proc", upTo: eedStart) || isExactly("exc", upTo: eedStart)
                || isExactly("succ", upTo: eedStart)
            if !isExceptional, eedStart >= p1 { replace(from: eedStart, with: "ee") }
            return
        } else if ends("ingly") {
            start = n - 5
        } else if ends("edly") {
            start = n - 4
        } else if ends("ing") {
            start = n - 3
            // A single non-vowel + "ying": "dying" → "die".
            if start == 2, b[1] == Self.lowerY, !Self.isVowel(b[0]) {
                replace(from: 1, with: "ie")
                return
            }
            if isExactly("inn", upTo: start) || isExactly("out", upTo: start) || isExactly("cann", upTo: start)
                || isExactly("herr", upTo: start) || isExactly("earr", upTo: start) || isExactly("even", upTo: start)
            {
                return
            }
        } else if ends("ed") {
            start = n - 2
        } else {
            return
        }
        guard hasVowel(before: start) else { return }
        n = start
        if ends("at") || ends("bl") || ends("iz") {
            replace(from: n, with: "e")
        } else if n >= 2, b[n - 1] == b[n - 2], Self.isUndoubled(b[n - 1]) {
            // Undouble ("hopp" → "hop"), except after a lone a, e or o ("add", "egg", "ebb" stay).
            let isLoneVowelDouble =
                n == 3 && (b[0] == UInt8(ascii: "a") || b[0] == UInt8(ascii: "e") || b[0] == UInt8(ascii: "o"))
            if !isLoneVowelDouble { n -= 1 }
        } else if n == p1, endsInShortSyllable(at: n) {
            // The word is short (R1 is empty and it ends in a short syllable): "hop" → "hope".
            replace(from: n, with: "e")
        }
    }

    // MARK: Step 1c

    /// Step 1c: a final `y` or `Y` after a non-vowel that is not the first letter becomes `i` ("cry" → "cri").
    private mutating func step1c() {
        guard n >= 3, b[n - 1] == Self.lowerY || b[n - 1] == Self.upperY, !Self.isVowel(b[n - 2]) else { return }
        b[n - 1] = UInt8(ascii: "i")
    }

    // MARK: Step 2

    /// Step 2: maps the longest of the derivational suffixes below, when it lies in R1.
    private mutating func step2() {
        guard n >= 3 else { return }
        // Each case tests the suffixes with that last letter, longest first, and stops at the first match.
        switch b[n - 1] {
        case UInt8(ascii: "l"):
            if ends("ational") {
                inR1(7, "ate")
            } else if ends("tional") {
                inR1(6, "tion")
            }
        case UInt8(ascii: "i"):
            step2EndingInI()
        case UInt8(ascii: "r"):
            if ends("izer") {
                inR1(4, "ize")
            } else if ends("ator") {
                inR1(4, "ate")
            }
        case UInt8(ascii: "n"):
            if ends("ization") {
                inR1(7, "ize")
            } else if ends("ation") {
                inR1(5, "ate")
            }
        case UInt8(ascii: "m"):
            if ends("alism") { inR1(5, "al") }
        case UInt8(ascii: "s"):
            if ends("fulness") {
                inR1(7, "ful")
            } else if ends("ousness") {
                inR1(7, "ous")
            } else if ends("iveness") {
                inR1(7, "ive")
            }
        case UInt8(ascii: "t"):
            if ends("ogist") { inR1(5, "og") }
        default:
            break
        }
    }

    /// Step 2 for the suffixes ending in `i`, longest first.
    private mutating func step2EndingInI() {
        if ends("biliti") {
            inR1(6, "ble")
        } else if ends("lessli") {
            inR1(6, "less")
        } else if ends("entli") {
            inR1(5, "ent")
        } else if ends("ousli") {
            inR1(5, "ous")
        } else if ends("aliti") {
            inR1(5, "al")
        } else if ends("iviti") {
            inR1(5, "ive")
        } else if ends("fulli") {
            inR1(5, "ful")
        } else if ends("enci") {
            inR1(4, "ence")
        } else if ends("anci") {
            inR1(4, "ance")
        } else if ends("abli") {
            inR1(4, "able")
        } else if ends("alli") {
            inR1(4, "al")
        } else if ends("bli") {
            inR1(3, "ble")
        } else if ends("ogi") {
            // -ogi → -og after l ("analogi" → "analog").
            if n >= 4, n - 3 >= p1, b[n - 4] == UInt8(ascii: "l") { replace(from: n - 3, with: "og") }
        } else if ends("li") {
            // -li is deleted after one of c d e g h k m n r t.
            if n - 2 >= p1, Self.isValidLI(b[n - 3]) { n -= 2 }
        }
    }

    /// Replaces the final `length` characters with `s` if they lie in R1.
    private mutating func inR1(_ length: Int, _ s: StaticString) {
        if n - length >= p1 { replace(from: n - length, with: s) }
    }

    // MARK: Step 3

    /// Step 3: maps the longest of `-tional`, `-ational`, `-alize`, `-icate`, `-iciti`, `-ical`, `-ful`, `-ness`
    /// in R1, and deletes `-ative` in R2.
    private mutating func step3() {
        guard n >= 3 else { return }
        switch b[n - 1] {
        case UInt8(ascii: "l"):
            if ends("ational") {
                inR1(7, "ate")
            } else if ends("tional") {
                inR1(6, "tion")
            } else if ends("ical") {
                inR1(4, "ic")
            } else if ends("ful") {
                inR1(3, "")
            }
        case UInt8(ascii: "e"):
            if ends("alize") {
                inR1(5, "al")
            } else if ends("icate") {
                inR1(5, "ic")
            } else if ends("ative") {
                if n - 5 >= p1, n - 5 >= p2 { n -= 5 }
            }
        case UInt8(ascii: "i"):
            if ends("iciti") { inR1(5, "ic") }
        case UInt8(ascii: "s"):
            if ends("ness") { inR1(4, "") }
        default:
            break
        }
    }

    // MARK: Step 4

    /// Step 4: deletes the longest of the residual suffixes below when it lies in R2; `-ion` only after s or t.
    private mutating func step4() {
        guard n >= 2 else { return }
        let length: Int
        switch b[n - 1] {
        case UInt8(ascii: "l"):
            guard ends("al") else { return }
            length = 2
        case UInt8(ascii: "e"):
            if ends("ance") || ends("ence") || ends("able") || ends("ible") {
                length = 4
            } else if ends("ate") || ends("ive") || ends("ize") {
                length = 3
            } else {
                return
            }
        case UInt8(ascii: "r"):
            guard ends("er") else { return }
            length = 2
        case UInt8(ascii: "c"):
            guard ends("ic") else { return }
            length = 2
        case UInt8(ascii: "t"):
            if ends("ement") {
                length = 5
            } else if ends("ment") {
                length = 4
            } else if ends("ant") || ends("ent") {
                length = 3
            } else {
                return
            }
        case UInt8(ascii: "m"):
            guard ends("ism") else { return }
            length = 3
        case UInt8(ascii: "i"):
            guard ends("iti") else { return }
            length = 3
        case UInt8(ascii: "s"):
            guard ends("ous") else { return }
            length = 3
        case UInt8(ascii: "n"):
            guard ends("ion") else { return }
            let start = n - 3
            if start >= p2, start >= 1, b[start - 1] == UInt8(ascii: "s") || b[start - 1] == UInt8(ascii: "t") {
                n = start
            }
            return
        default:
            return
        }
        if n - length >= p2 { n -= length }
    }

    // MARK: Step 5

    /// Step 5: deletes a final `e` in R2, or in R1 unless it follows a short syllable; deletes the second `l` of a
    /// final `ll` in R2.
    private mutating func step5() {
        guard n >= 1 else { return }
        let start = n - 1
        if b[start] == UInt8(ascii: "e") {
            if start >= p2 || (start >= p1 && !endsInShortSyllable(at: start)) { n = start }
        } else if b[start] == UInt8(ascii: "l") {
            if start >= p2, start >= 1, b[start - 1] == UInt8(ascii: "l") { n = start }
        }
    }

    // MARK: Postlude

    /// Postlude: turns every `Y` back into `y` once the prelude marked one.
    private mutating func postlude() {
        guard yFound else { return }
        for index in 0..<n where b[index] == Self.upperY { b[index] = Self.lowerY }
    }
}
