/// A JSON value as JSON Lines metadata needs it: objects and arrays, strings, numbers kept as their text, booleans and
/// null.
///
/// ``JSONValue/parse(_:)`` reads one document from UTF-8 bytes as RFC 8259 has it (no comments, no raw control
/// characters in strings, nothing after the value but white space), and, like Foundation's reader that imports used
/// before, accepts a trailing comma before `]` or `}`. It exists because decoding each
/// line with Foundation's `JSONDecoder` ran at about 40 MB/s and dominated `import`; this reads several times faster.
enum JSONValue: Equatable {
    case string(String)
    /// A number, as written (`-1.5e3`).
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in document order (a repeated key keeps every occurrence; readers take the last, as JSONDecoder does).
    case object([(key: String, value: JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)), (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The last member named `key`, for an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// Why bytes are not one JSON document.
    struct SyntaxError: Error, CustomStringConvertible {
        /// 1-based byte offset in the line.
        var offset: Int
        var message: String
        var description: String { "\(message) at byte \(offset)" }
    }

    /// Parses one JSON document.
    ///
    /// - Throws: ``SyntaxError`` naming the byte offset and what was expected.
    /// - Complexity: O(n) in the bytes.
    static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        if let value = try bytes.withContiguousStorageIfAvailable({ try parse(buffer: $0) }) { return value }
        return try Array(bytes).withUnsafeBufferPointer { try parse(buffer: $0) }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var reader = Reader(bytes: buffer)
        reader.skipWhiteSpace()
        let value = try reader.value(depth: 0)
        reader.skipWhiteSpace()
        guard reader.position == buffer.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        static let maxDepth = 512

        func error(_ message: String) -> SyntaxError { SyntaxError(offset: position + 1, message: message) }

        mutating func skipWhiteSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard position < bytes.count else { throw error("expected a value, found the end of the line") }
            guard depth < Self.maxDepth else { throw error("nested too deeply") }
            switch bytes[position] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw error("expected a value")
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw error("expected \(word)") }
            for i in 0..<count where bytes[position + i] != word.utf8Start[i] { throw error("expected \(word)") }
            position += count
        }

        mutating func number() throws -> String {
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            func digits() -> Int {
                let first = position
                while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
                return position - first
            }
            let integer = position
            let integerDigits = digits()
            guard integerDigits > 0 else { throw error("expected digits in a number") }
            guard integerDigits == 1 || bytes[integer] != UInt8(ascii: "0") else { throw error("a number has a leading zero") }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw error("expected digits after the decimal point") }
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                    position += 1
                }
                guard digits() > 0 else { throw error("expected digits in an exponent") }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        /// Consumes `byte` when it comes next.
        mutating func consume(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// After an element of an array or object: `,` (then `true` only for a trailing comma before `closing`, as
        /// Foundation accepts) or `closing` (`true`); anything else is an error.
        mutating func endsAfterElement(closing: UInt8, in what: String) throws -> Bool {
            skipWhiteSpace()
            if consume(UInt8(ascii: ",")) {
                skipWhiteSpace()
                return consume(closing)
            }
            if consume(closing) { return true }
            throw error("expected , or \(Character(Unicode.Scalar(closing))) in \(what)")
        }

        mutating func array(depth: Int) throws -> JSONValue {
            position += 1  // [
            var elements: [JSONValue] = []
            skipWhiteSpace()
            guard !consume(UInt8(ascii: "]")) else { return .array(elements) }
            repeat {
                skipWhiteSpace()
                elements.append(try value(depth: depth + 1))
            } while try !endsAfterElement(closing: UInt8(ascii: "]"), in: "an array")
            return .array(elements)
        }

        mutating func object(depth: Int) throws -> JSONValue {
            position += 1  // {
            var members: [(key: String, value: JSONValue)] = []
            skipWhiteSpace()
            guard !consume(UInt8(ascii: "}")) else { return .object(members) }
            repeat {
                skipWhiteSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw error("expected a quoted member name")
                }
                let key = try string()
                skipWhiteSpace()
                guard consume(UInt8(ascii: ":")) else { throw error("expected : after a member name") }
                skipWhiteSpace()
                members.append((key, try value(depth: depth + 1)))
            } while try !endsAfterElement(closing: UInt8(ascii: "}"), in: "an object")
            return .object(members)
        }

        /// A string starting at the opening quote. Invalid UTF-8 and lone surrogate escapes become U+FFFD.
        mutating func string() throws -> String {
            position += 1  // "
            let start = position
            // Fast path: no escapes.
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    defer { position += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                }
                if b == UInt8(ascii: "\\") { break }
                guard b >= 0x20 else { throw error("a control character inside a string") }
                position += 1
            }
            var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    position += 1
                    return String(decoding: out, as: UTF8.self)
                }
                guard b >= 0x20 else { throw error("a control character inside a string") }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    position += 1
                    continue
                }
                position += 1
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate takes the low one that must follow.
                        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        {
                            let mark = position
                            position += 2
                            let low = try hex4()
                            if (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                position = mark
                                scalar = 0xFFFD
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        scalar = 0xFFFD
                    }
                    out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                default:
                    position -= 1
                    throw error("an invalid escape \\\(Character(Unicode.Scalar(escaped)))")
                }
            }
            throw error("a string is not closed")
        }

        mutating func hex4() throws -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[position]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: throw error("expected four hex digits after \\u")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}
