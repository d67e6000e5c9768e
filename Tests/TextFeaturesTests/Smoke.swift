import Testing

@Test func smokeTextFeatures() { #expect(Bool(true)) }
