import Foundation
import Testing
import TextFeatures
import TestSupport

/// The official Snowball English test vocabulary (`english-voc.txt` and `english-output.txt`), when available.
///
/// It lives outside the repository, in `<shared>/corpus/stemmer/` (``Repository/shared``).
private enum OfficialStemmerList {
    static let directory: URL? = Repository.sharedFile("corpus/stemmer").flatMap { folder in
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("english-voc.txt").path) ? folder : nil
    }

    static var isAvailable: Bool { directory != nil }

    /// The lines of one file of the list, without the final empty line.
    static func lines(_ name: String) throws -> [Substring] {
        let url = try #require(directory).appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

@Suite struct PorterStemmerTests {
    let stemmer = PorterStemmer()

    @Test(arguments: [
        // Plain suffix stripping.
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"), ("cats", "cat"), ("gas", "gas"),
        ("hopping", "hop"), ("hoped", "hope"), ("hopeful", "hope"), ("goodness", "good"), ("agreed", "agre"),
        ("feed", "feed"), ("luxuriating", "luxuri"), ("relational", "relat"), ("conditional", "condit"),
        ("knightly", "knight"), ("cry", "cri"), ("crying", "cri"), ("say", "say"),
        // Special R1 prefixes.
        ("generously", "generous"), ("communication", "communic"), ("arsenal", "arsenal"), ("pasted", "paste"),
        // Exceptional forms.
        ("skies", "sky"), ("sky", "sky"), ("dying", "die"), ("vying", "vie"), ("news", "news"), ("ugly", "ugli"),
        ("early", "earli"), ("atlas", "atlas"), ("inning", "inning"), ("innings", "inning"),
        ("proceed", "proceed"), ("succeeded", "succeed"), ("exceeded", "exceed"), ("biologist", "biolog"),
        // Apostrophes.
        ("dog's", "dog"), ("dogs'", "dog"), ("'cause", "caus"), ("'s", "'s"),
        // Fewer than three characters: unchanged.
        ("", ""), ("a", "a"), ("is", "is"), ("as", "as"), ("ed", "ed"),
    ])
    func handCheckedStems(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
        #expect(stemmer.stem(Array(word.utf8)) == Array(expected.utf8))
    }

    @Test func nonASCIIWordsAreStemmedAsCharacters() {
        // Non-ASCII letters are consonants to the algorithm and survive in place.
        #expect(stemmer.stem("cafés") == "café")
        #expect(stemmer.stem("naïvely") == "naïv")
        #expect(stemmer.stem("🙂🙂🙂s") == "🙂🙂🙂s")
        #expect(stemmer.stem("über") == "über")
        #expect(stemmer.stem(Array("cafés".utf8)) == Array("café".utf8))
        // Invalid UTF-8 comes back unchanged.
        #expect(stemmer.stem([0xFF, 0x61, 0x62, 0x73]) == [0xFF, 0x61, 0x62, 0x73])
    }

    @Test func arbitraryInputNeverTrapsAndEntryPointsAgree() {
        let alphabet = Array("aeiouybcdglnprstY'é🙂")
        var random = SplitMix64(seed: 0x5EED)
        for _ in 0..<20_000 {
            let length = Int(random.next() % 13)
            let word = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let stem = stemmer.stem(word)
            #expect(stem.unicodeScalars.count <= word.unicodeScalars.count, "\(word) → \(stem)")
            #expect(stemmer.stem(Array(word.utf8)) == Array(stem.utf8), "\(word)")
        }
    }

    @Test(.enabled(if: OfficialStemmerList.isAvailable, "official Snowball test list not found"))
    func officialSnowballList() throws {
        let words = try OfficialStemmerList.lines("english-voc.txt")
        let stems = try OfficialStemmerList.lines("english-output.txt")
        try #require(words.count == stems.count)
        #expect(words.count > 40_000)
        var matched = 0
        var examples: [String] = []
        for (word, expected) in zip(words, stems) {
            // Both entry points must agree with the list.
            let stem = stemmer.stem(String(word))
            let byteStem = stemmer.stem(Array(word.utf8))
            if stem == expected, byteStem == Array(expected.utf8) {
                matched += 1
            } else if examples.count < 5 {
                examples.append("\(word) → \(stem) (expected \(expected))")
            }
        }
        #expect(
            matched == words.count,
            "matched \(matched) of \(words.count) words; first mismatches: \(examples.joined(separator: "; "))"
        )
    }
}
