import Testing

@Test func smokeStore() { #expect(Bool(true)) }
