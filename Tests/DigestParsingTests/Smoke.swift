import Testing

@Test func smokeDigestParsing() { #expect(Bool(true)) }
