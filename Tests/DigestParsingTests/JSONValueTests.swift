import Foundation
import Testing
import TestSupport

@testable import DigestParsing

/// The JSON Lines reader against Foundation's JSONSerialization: the same values for valid documents, an error for
/// invalid ones.
@Suite struct JSONValueTests {
    /// Foundation's reading of a document, in ``JSONValue`` terms (numbers compared by value).
    static func reference(_ text: String) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return nil }
        return convert(object)
    }

    static func convert(_ object: Any) -> JSONValue {
        switch object {
        case let text as String: return .string(text)
        // Booleans compare as 1 and 0 on both sides: Foundation on Linux may hand them out as numbers.
        case let flag as Bool: return .number(flag ? "1.0" : "0.0")
        case let number as NSNumber: return .number(String(number.doubleValue))
        case let array as [Any]: return .array(array.map(convert))
        case let dictionary as [String: Any]:
            return .object(dictionary.keys.sorted().map { ($0, convert(dictionary[$0]!)) })
        default: return .null
        }
    }

    /// Ours, with numbers as doubles, booleans as 1 and 0, and members sorted (as the reference has them).
    static func comparable(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let text): .number(String(Double(text)!))
        case .bool(let flag): .number(flag ? "1.0" : "0.0")
        case .array(let elements): .array(elements.map(comparable))
        case .object(let members):
            .object(
                Dictionary(members.map { ($0.key, comparable($0.value)) }) { _, last in last }
                    .sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        default: value
        }
    }

    @Test(arguments: [
        #"{"id": "2611.00301", "title": "A \"quoted\" title\\n", "n": -12.5e-3, "ok": true, "none": null}"#,
        #"  [1, 0, -0.5, 2E+10, "\u00e9\u4e2d\ud83e\uddea", [], {}, [[{"a": [false]}]]]  "#,
        #"{"escapes": "\/\b\f\n\r\t\\", "empty": "", "unicode": "Café 中文 🧪"}"#,
        #"{"dup": 1, "dup": 2}"#,
        #""just a string""#, "42", "null", "[1,]", #"{"a": 1, }"#,
    ])
    func validDocumentsReadAsFoundationReadsThem(text: String) throws {
        let ours = try JSONValue.parse(Array(text.utf8))
        let expected = try #require(Self.reference(text))
        #expect(Self.comparable(ours) == expected)
    }

    @Test(arguments: [
        "", "{", "}", "[,]", "{,}", "[1,,]", "{\"a\" 1}", "{a: 1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]",
        "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "[true false]", "nul", "{\"a\":1} x",
        "\"raw\ttab\"", "\"raw\nnewline\"", "[1] [2]",
    ])
    func invalidDocumentsAreErrorsAsForFoundation(text: String) {
        #expect(Self.reference(text) == nil, "the reference accepts \(text)")
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test func loneSurrogatesAndInvalidUTF8BecomeReplacementCharacters() throws {
        #expect(try JSONValue.parse(Array(#""a\ud800b""#.utf8)) == .string("a\u{FFFD}b"))
        #expect(try JSONValue.parse(Array(#""\udc00""#.utf8)) == .string("\u{FFFD}"))
        #expect(try JSONValue.parse([0x22, 0x61, 0xFF, 0x62, 0x22]) == .string("a\u{FFFD}b"))
    }

    @Test func errorsNameTheByte() {
        #expect {
            try JSONValue.parse(Array(#"{"id": "1", "title" "x"}"#.utf8))
        } throws: { error in
            "\(error)" == "expected : after a member name at byte 21"
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(Array(deep.utf8)) }
    }

    @Test func mutatedLinesNeverCrashAndAgreeWithFoundationOnValidity() {
        let base = Array(
            #"{"id": "0704.0001", "title": "Caf\u00e9 \"x\"", "categories": ["a", "b"], "n": [1.5, -2e3, null, true], "versions": [{"version": "v1"}]}"#
                .utf8)
        var generator = SplitMix64(seed: 7)
        let alphabet = Array(#"{}[]",:\"u0123456789.eE+-tfnl abc"#.utf8)
        for _ in 0..<3000 {
            var line = base
            for _ in 0..<Int(generator.next() % 4) + 1 {
                let position = Int(generator.next() % UInt64(line.count))
                switch generator.next() % 3 {
                case 0: line.remove(at: position)
                case 1: line.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                default: line[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            }
            let text = String(decoding: line, as: UTF8.self)
            let ours = try? JSONValue.parse(line)
            let reference = Self.reference(text)
            #expect((ours == nil) == (reference == nil), "validity differs for \(text)")
        }
    }
}
