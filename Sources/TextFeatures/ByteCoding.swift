/// Little-endian writer for the model's binary encoding.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt8) { bytes.append(value) }
    mutating func write(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func write(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func write(_ value: Double) { write(value.bitPattern) }
    mutating func write(_ value: Float) { write(value.bitPattern) }
    mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

    /// LEB128 unsigned varint.
    mutating func writeVarint(_ value: Int) {
        precondition(value >= 0)
        var value = UInt64(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A varint length, then the UTF-8 bytes.
    mutating func write(_ text: String) {
        writeVarint(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }
}

/// Reader for ``ByteWriter``'s format; every read past the end throws `malformedModel`.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    private static func truncated() -> TextFeaturesError {
        TextFeaturesError(.malformedModel, "The TF-IDF model data is truncated; export the model again.")
    }

    mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0 && count <= remaining else { throw Self.truncated() }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func readUInt8() throws -> UInt8 { try readBytes(1).first! }

    mutating func readUInt32() throws -> UInt32 {
        var value: UInt32 = 0
        for (shift, byte) in try readBytes(4).enumerated() { value |= UInt32(byte) << (8 * shift) }
        return value
    }

    mutating func readUInt64() throws -> UInt64 {
        var value: UInt64 = 0
        for (shift, byte) in try readBytes(8).enumerated() { value |= UInt64(byte) << (8 * shift) }
        return value
    }

    mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }
    mutating func readFloat() throws -> Float { Float(bitPattern: try readUInt32()) }
    mutating func readBool() throws -> Bool { try readUInt8() != 0 }

    mutating func readVarint() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readUInt8()
            guard shift < 63 else { throw TextFeaturesError(.malformedModel, "The TF-IDF model data is damaged.") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else {
            throw TextFeaturesError(.malformedModel, "The TF-IDF model data is damaged.")
        }
        return Int(value)
    }

    mutating func readString() throws -> String {
        let length = try readVarint()
        return String(decoding: try readBytes(length), as: UTF8.self)
    }
}
