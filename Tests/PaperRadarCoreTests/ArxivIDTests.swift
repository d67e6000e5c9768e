import PaperRadarCore
import Testing

@Suite struct ArxivIDTests {
    @Test(arguments: [
        ("2502.10391v1", "2502.10391", 1), ("arXiv:2506.08119v12", "2506.08119", 12), (" 0704.0001 ", "0704.0001", nil),
        ("hep-th/9901001v2", "hep-th/9901001", 2), ("math.GT/0309136", "math.GT/0309136", nil),
        ("ARXIV:2410.07177", "2410.07177", nil), ("0812.1234v3", "0812.1234", 3),
    ] as [(String, String, Int?)])
    func parsesIdAndVersion(text: String, id: String, version: Int?) throws {
        let parsed = try #require(ArxivID.parse(text))
        #expect(parsed.id.rawValue == id)
        #expect(parsed.version == version)
    }

    @Test(arguments: ["", "v1", "2502.1039", "0812.12345", "2502.103911", "2513.10391", "25021.0391", "abc", "2502.10391v", "2502.10391vx",
        "hep-th/99010", "/9901001", "2502.10391v0"])
    func rejectsNonIds(text: String) {
        if let parsed = ArxivID.parse(text) {
            // "2502.10391v0" / "2502.10391v" are not versions: only the bare id would be acceptable, and it is not.
            Issue.record("unexpectedly parsed \(text) as \(parsed.id) v\(parsed.version ?? -1)")
        }
    }

    /// The byte-level reader of stored ids answers as the string initialiser does, on ids and on near misses.
    @Test(arguments: [
        "2502.10391", "0704.0001", "0812.1234", "1412.12345", "1501.1234", "hep-th/9901001", "math.GT/0309136",
        "cond-mat/0001001", "2502.10391v1", " 2502.10391", "2502.1039", "2513.10391", "2500.10391", "25021.0391",
        "2502.1039a", "2502..1039", "hep-th/990100", "hep-th/99010011", "/9901001", "1ep-th/9901001", "héé/9901001",
        "hep_th/9901001", "arXiv:2502.10391", "", "abc", "a/0701001", "2502/10391", "2502.103.91",
    ])
    func storedIdsReadFromBytesAsFromStrings(text: String) {
        // Only text that is its own normal form (no prefix, white space or version) is a stored id.
        #expect(ArxivID(normalizedUTF8: Array(text.utf8)) == ArxivID(text).flatMap { $0.rawValue == text ? $0 : nil })
    }

    @Test func failableInitRejectsVersions() {
        #expect(ArxivID("2502.10391") != nil)
        #expect(ArxivID("2502.10391v1") == nil)
    }

    @Test func absURL() throws {
        #expect(try #require(ArxivID("2502.10391")).absURL == "https://arxiv.org/abs/2502.10391")
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        hasher.update(bytes[0..<63])
        hasher.update(bytes[63..<64])
        hasher.update(bytes[64...])
        #expect(hasher.finalizeHex() == SHA256.hexDigest(bytes))
    }
}
