extension TFIDFModel {
    /// The file magic: `PRTFIDF` and a NUL.
    static let magic: [UInt8] = Array("PRTFIDF\0".utf8)
    /// The version of the encoding below.
    static let formatVersion: UInt32 = 1

    /// The canonical binary encoding: deterministic (the same model gives the same bytes) and compact.
    ///
    /// Layout, little-endian; `varint` is unsigned LEB128, a string is a varint byte length and UTF-8:
    ///
    ///     "PRTFIDF\0", u32 version (1)
    ///     configuration: u8 ngram lower, u8 ngram upper, u32 minDF, f64 maxDF, u64 maxFeatures (0 = none),
    ///                    u8 sublinearTF, u32 titleWeight, u8 stemming, f64 priorWeight
    ///     string stemmer, u64 documentCount, f64 priorPseudoDocuments
    ///     varint stop-word count, the stop words (sorted strings)
    ///     varint term count; terms front-coded in vocabulary order: varint shared-prefix length with the
    ///                        previous term, varint suffix length, suffix bytes
    ///     varint df per term; f32 idf per term
    ///     u64 FNV-1a 64 of all bytes above (``contentHash``)
    ///
    /// - Complexity: O(total length of the vocabulary).
    public func encoded() -> [UInt8] {
        var bytes = encodedBody()
        var hasher = FNV1a64()
        hasher.update(bytes)
        withUnsafeBytes(of: hasher.value.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    func encodedBody() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.formatVersion)
        writer.write(UInt8(configuration.ngramRange.lowerBound))
        writer.write(UInt8(configuration.ngramRange.upperBound))
        writer.write(UInt32(configuration.minDF))
        writer.write(configuration.maxDF)
        writer.write(UInt64(configuration.maxFeatures ?? 0))
        writer.write(configuration.sublinearTF)
        writer.write(UInt32(configuration.titleWeight))
        writer.write(configuration.stemming)
        writer.write(configuration.priorWeight)
        writer.write(stemmer)
        writer.write(UInt64(documentCount))
        writer.write(priorPseudoDocuments)
        writer.writeVarint(stopWords.count)
        for word in stopWords.words { writer.write(word) }
        writer.writeVarint(vocabulary.count)
        var previous: [UInt8] = []
        for term in vocabulary {
            let current = Array(term.utf8)
            var shared = 0
            while shared < previous.count && shared < current.count && previous[shared] == current[shared] {
                shared += 1
            }
            writer.writeVarint(shared)
            writer.writeVarint(current.count - shared)
            writer.write(raw: current[shared...])
            previous = current
        }
        for df in documentFrequencies { writer.writeVarint(df) }
        for value in idf { writer.write(value) }
        return writer.bytes
    }

    /// Decodes ``encoded()`` bytes, checking the magic, version, structure and content hash.
    ///
    /// - Throws: ``TextFeaturesError/Code-swift.struct/malformedModel`` with what is wrong.
    /// - Complexity: O(n) in the number of bytes.
    public init(decoding bytes: [UInt8]) throws {
        func damaged(_ detail: String) -> TextFeaturesError {
            TextFeaturesError(
                .malformedModel, "The TF-IDF model data is damaged (\(detail)); export it again or refit.")
        }
        guard bytes.count >= Self.magic.count + 12, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw TextFeaturesError(.malformedModel, "These bytes are not a PaperRadar TF-IDF model.")
        }
        var reader = ByteReader(Array(bytes.dropLast(8)))
        _ = try reader.readBytes(Self.magic.count)
        let version = try reader.readUInt32()
        guard version == Self.formatVersion else {
            throw TextFeaturesError(
                .malformedModel,
                "The TF-IDF model has format version \(version); this build reads version "
                    + "\(Self.formatVersion). Refit the model.")
        }
        var hasher = FNV1a64()
        bytes.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<(bytes.count - 8)])) }
        var storedHash: UInt64 = 0
        for (shift, byte) in bytes.suffix(8).enumerated() { storedHash |= UInt64(byte) << (8 * shift) }
        guard storedHash == hasher.value else { throw damaged("content hash mismatch") }

        let lower = Int(try reader.readUInt8())
        let upper = Int(try reader.readUInt8())
        guard lower >= 1 && lower <= upper && upper <= 2 else { throw damaged("n-gram range") }
        var configuration = TFIDFConfiguration()
        configuration.ngramRange = lower...upper
        configuration.minDF = Int(try reader.readUInt32())
        configuration.maxDF = try reader.readDouble()
        let maxFeatures = try reader.readUInt64()
        configuration.maxFeatures = maxFeatures == 0 ? nil : Int(maxFeatures)
        configuration.sublinearTF = try reader.readBool()
        configuration.titleWeight = Int(try reader.readUInt32())
        configuration.stemming = try reader.readBool()
        configuration.priorWeight = try reader.readDouble()
        let stemmer = try reader.readString()
        let documentCount = Int(try reader.readUInt64())
        let priorPseudoDocuments = try reader.readDouble()
        let stopWordCount = try reader.readVarint()
        guard stopWordCount <= reader.remaining else { throw damaged("stop-word count") }
        var stopWords: [String] = []
        for _ in 0..<stopWordCount { stopWords.append(try reader.readString()) }
        let termCount = try reader.readVarint()
        guard termCount <= reader.remaining else { throw damaged("term count") }
        var vocabulary: [String] = []
        vocabulary.reserveCapacity(termCount)
        var previous: [UInt8] = []
        for _ in 0..<termCount {
            let shared = try reader.readVarint()
            let suffix = try reader.readVarint()
            guard shared <= previous.count else { throw damaged("term prefix") }
            let current = Array(previous[..<shared]) + (try reader.readBytes(suffix))
            vocabulary.append(String(decoding: current, as: UTF8.self))
            previous = current
        }
        var documentFrequencies: [Int] = []
        documentFrequencies.reserveCapacity(termCount)
        for _ in 0..<termCount { documentFrequencies.append(try reader.readVarint()) }
        var idf: [Float] = []
        idf.reserveCapacity(termCount)
        for _ in 0..<termCount { idf.append(try reader.readFloat()) }
        guard reader.remaining == 0 else { throw damaged("trailing bytes") }
        self.init(
            configuration: configuration, stopWords: StopWords(words: stopWords), stemmer: stemmer,
            vocabulary: vocabulary, documentFrequencies: documentFrequencies, idf: idf, documentCount: documentCount,
            priorPseudoDocuments: priorPseudoDocuments)
    }
}
